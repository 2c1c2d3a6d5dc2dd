import { stringify } from 'yaml';
import { analyzeVariant } from '../../analysis/analyze-variant';
import type { WorkspaceAnalysis } from '../../analysis/analyze-workspace';
import type { Edit } from '../../core/problem';
import type { Direction, Protocol } from '../../core/vocabulary';
import type { Verdict } from '../../evaluate/verdict';
import type { Endpoint, Flow } from '../../flows/types';
import type { Pod } from '../../world/types';
import { diffPairs } from '../diff/diff-pairs';
import type { ChangedPair } from '../diff/diff-pairs';
import { diffReachability } from '../diff/diff-reachability';
import { simulateFlow } from '../simulate';
import { asNextDocument } from './next-document';

/**
 * A denied flow: as written (its endpoint references, port and protocol), resolved against the
 * world, and decided. A sample flow is one; so is a simulated flow with its request's references.
 */
export interface FlowToAllow {
  readonly from: string;
  readonly to: string;
  readonly port: number | string;
  readonly protocol: Protocol;
  readonly flow: Flow;
  readonly verdict: Verdict;
}

/** A new NetworkPolicy that admits one direction of a flow. */
export interface AddedPolicy {
  readonly direction: Direction;
  readonly namespace: string;
  readonly name: string;
  /** The file it is appended to: the file of a policy that isolates the pod in that direction. */
  readonly uri: string;
}

/** The smallest change found that allows a denied flow, checked by analysing the changed workspace. */
export interface AllowFlowFix {
  readonly policies: readonly AddedPolicy[];
  readonly edits: ReadonlyMap<string, readonly Edit[]>;
  /** Other connections between workloads that the change also allows (at most `limit`). */
  readonly alsoOpens: readonly ChangedPair[];
  /** How many connections, in pod pairs, the change also opens in all. */
  readonly alsoOpensCount: number;
}

export interface AllowFlowOptions {
  /** The text of a workspace file, as the editor has it. */
  readonly textOf: (uri: string) => string | undefined;
  readonly maxFileSize: number;
  /** How many of the other opened connections to list. */
  readonly limit?: number;
}

/**
 * What allows a denied flow: for each denied direction, a new policy in the pod's
 * namespace that selects the pod's workload and admits the other endpoint on the flow's port (by
 * name when the flow named it), appended to the file of a policy that isolates the pod. The
 * change is applied to a copy of the workspace and kept only when the flow, simulated again by
 * its references, is then allowed;
 * comparing the reachability of both versions tells what else it opens. Undefined when the flow
 * is allowed, when a direction is denied by something a NetworkPolicy cannot override, or when a
 * file cannot be read.
 */
export function allowFlow(
  analysis: WorkspaceAnalysis,
  flow: FlowToAllow,
  options: AllowFlowOptions,
): AllowFlowFix | undefined {
  if (flow.verdict.allowed) {
    return undefined;
  }
  const planned = (['ingress', 'egress'] as const).flatMap((direction) => {
    const verdict = flow.verdict[direction];
    return verdict.allowed ? [] : [planPolicy(analysis, flow, direction)];
  });
  if (planned.some((plan) => plan === undefined)) {
    return undefined;
  }
  const plans = planned as Plan[];
  const edits = new Map<string, Edit[]>();
  const texts = new Map<string, string>();
  for (const plan of plans) {
    const text = texts.get(plan.policy.uri) ?? options.textOf(plan.policy.uri);
    if (text === undefined) {
      return undefined;
    }
    const newText = asNextDocument(text, plan.yaml);
    texts.set(plan.policy.uri, text + newText);
    edits.set(plan.policy.uri, [
      ...(edits.get(plan.policy.uri) ?? []),
      { span: { start: text.length, end: text.length }, newText },
    ]);
  }
  const head = analyzeVariant(analysis, texts, options.maxFileSize);
  const after = simulateFlow(head, {
    from: flow.from,
    to: flow.to,
    port: flow.port,
    protocol: flow.protocol,
  });
  if (!('simulation' in after) || !after.simulation.verdict.allowed) {
    return undefined;
  }
  const diff = diffReachability(analysis, head, { dataplane: analysis.dataplane });
  const own = (pair: ChangedPair) =>
    endpointIs(flow.flow.source, pair.source) &&
    endpointIs(flow.flow.destination, pair.destination) &&
    pair.port.containerPort === flow.flow.port &&
    pair.port.protocol === flow.flow.protocol;
  const limit = options.limit ?? 20;
  const listed = diffPairs(diff, limit + 1).opened;
  const ownCount = listed.filter(own).length;
  return {
    policies: plans.map((plan) => plan.policy),
    edits,
    alsoOpens: listed.filter((pair) => !own(pair)).slice(0, limit),
    alsoOpensCount: diff.openedPairs - ownCount,
  };
}

interface Plan {
  readonly policy: AddedPolicy;
  readonly yaml: string;
}

/** The files Allow this flow may append to: those of a policy isolating each denied side. */
export function allowFlowFiles(flow: FlowToAllow): string[] {
  const uris = (['ingress', 'egress'] as const).flatMap((direction) => {
    const isolating = flow.verdict[direction].isolatedBy[0];
    return isolating === undefined ? [] : [isolating.origin.uri];
  });
  return [...new Set(uris)];
}

/** The policy that admits the flow in one direction, on the side of the pod that direction isolates. */
function planPolicy(
  analysis: WorkspaceAnalysis,
  flow: FlowToAllow,
  direction: Direction,
): Plan | undefined {
  const verdict = flow.verdict[direction];
  const own = direction === 'ingress' ? flow.flow.destination : flow.flow.source;
  const other = direction === 'ingress' ? flow.flow.source : flow.flow.destination;
  const isolating = verdict.isolatedBy[0];
  if (own.kind !== 'pod' || isolating === undefined || verdict.reason !== 'no-rule-matches') {
    return undefined;
  }
  const pod = own.pod;
  const name = uniqueName(
    analysis,
    pod.namespace,
    direction === 'ingress'
      ? `${workloadName(pod)}-from-${endpointName(other)}`
      : `${workloadName(pod)}-to-${endpointName(other)}`,
  );
  const port = {
    port: flow.flow.portName ?? flow.flow.port,
    ...(flow.flow.protocol === 'TCP' ? {} : { protocol: flow.flow.protocol }),
  };
  const peer = peerOf(analysis, other, pod.namespace);
  const rule =
    direction === 'ingress' ? { from: [peer], ports: [port] } : { to: [peer], ports: [port] };
  const policy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: pod.namespace },
    spec: {
      podSelector: smallestSelector(analysis, pod),
      policyTypes: [direction === 'ingress' ? 'Ingress' : 'Egress'],
      [direction]: [rule],
    },
  };
  return {
    policy: { direction, namespace: pod.namespace, name, uri: isolating.origin.uri },
    yaml: stringify(policy, { indentSeq: true }),
  };
}

/** The peer that names the other endpoint: its workload's labels (and namespace), or its address. */
function peerOf(analysis: WorkspaceAnalysis, endpoint: Endpoint, namespace: string): object {
  if (endpoint.kind === 'external') {
    return { ipBlock: { cidr: `${endpoint.ip}/${endpoint.ip.includes(':') ? 128 : 32}` } };
  }
  const pod = endpoint.pod;
  const podSelector = smallestSelector(analysis, pod);
  return pod.namespace === namespace
    ? { podSelector }
    : {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': pod.namespace } },
        podSelector,
      };
}

/** Labels tried first: the ones workloads are conventionally selected by. */
const PREFERRED = ['app.kubernetes.io/name', 'app', 'k8s-app', 'name', 'component'];

/** A label selector as the policy writes it. */
interface Selector {
  matchLabels: Record<string, string>;
  matchExpressions?: { key: string; operator: 'DoesNotExist' }[];
}

/**
 * The fewest of the pod's labels (one, then two) that select exactly the pods of its workload in
 * its namespace. When no subset does, all its labels, and `DoesNotExist` for each label that only
 * the other pods so selected carry (a canary's `track`, say), when that makes it exact.
 */
function smallestSelector(analysis: WorkspaceAnalysis, pod: Pod): Selector {
  const neighbours = analysis.world.podsByNamespace.get(pod.namespace) ?? [pod];
  const family = new Set(neighbours.filter((each) => sameWorkload(each, pod)));
  const keys = Object.keys(pod.labels)
    .filter((key) => key !== 'pod-template-hash')
    .sort((left, right) => rank(left) - rank(right) || (left < right ? -1 : 1));
  const selects = (chosen: readonly string[], absent: readonly string[], each: Pod) =>
    chosen.every((key) => each.labels[key] === pod.labels[key]) &&
    absent.every((key) => each.labels[key] === undefined);
  const exact = (chosen: readonly string[], absent: readonly string[] = []) =>
    neighbours.every((each) => selects(chosen, absent, each) === family.has(each));
  const pick = (chosen: readonly string[]) => ({
    matchLabels: Object.fromEntries(chosen.map((key) => [key, pod.labels[key]!])),
  });
  for (const key of keys) {
    if (exact([key])) {
      return pick([key]);
    }
  }
  for (const [index, first] of keys.entries()) {
    for (const second of keys.slice(index + 1)) {
      if (exact([first, second])) {
        return pick([first, second]);
      }
    }
  }
  const absent = [
    ...new Set(
      neighbours
        .filter((each) => !family.has(each) && selects(keys, [], each))
        .flatMap((each) => Object.keys(each.labels))
        .filter((key) => pod.labels[key] === undefined),
    ),
  ].sort();
  return absent.length > 0 && exact(keys, absent)
    ? {
        ...pick(keys),
        matchExpressions: absent.map((key) => ({ key, operator: 'DoesNotExist' as const })),
      }
    : pick(keys);
}

function rank(key: string): number {
  const index = PREFERRED.indexOf(key);
  return index === -1 ? PREFERRED.length : index;
}

function sameWorkload(left: Pod, right: Pod): boolean {
  if (left === right) {
    return true;
  }
  const owner = (pod: Pod) =>
    pod.workload === undefined
      ? pod.owner === undefined
        ? undefined
        : `${pod.owner.kind}/${pod.owner.name}`
      : `${pod.workload.kind}/${pod.workload.name}`;
  const key = owner(left);
  return key !== undefined && key === owner(right);
}

function workloadName(pod: Pod): string {
  return pod.workload?.name ?? pod.owner?.name ?? pod.name;
}

function endpointName(endpoint: Endpoint): string {
  return endpoint.kind === 'pod' ? workloadName(endpoint.pod) : `ip-${endpoint.ip}`;
}

/** A DNS-1123 name, at most 63 characters, not yet used by a policy of the namespace. */
function uniqueName(analysis: WorkspaceAnalysis, namespace: string, wanted: string): string {
  const base =
    wanted
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'allow-flow';
  const taken = new Set(
    analysis.policies
      .filter((policy) => policy.namespace === namespace)
      .map((policy) => policy.name),
  );
  let name = base;
  for (let suffix = 2; taken.has(name); suffix++) {
    name = `${base}-${suffix}`;
  }
  return name;
}

function endpointIs(endpoint: Endpoint, pod: Pod): boolean {
  return (
    endpoint.kind === 'pod' &&
    endpoint.pod.namespace === pod.namespace &&
    endpoint.pod.name === pod.name
  );
}

/**
 * The quick fix's title: `Allow this flow: add policy shop/api-from-web (opens nothing else)`, or
 * the first two other connections it also opens.
 */
export function describeAllowFlowFix(fix: AllowFlowFix): string {
  const added = fix.policies.map((policy) => `${policy.namespace}/${policy.name}`).join(' and ');
  const others =
    fix.alsoOpensCount === 0
      ? 'opens nothing else'
      : `also opens ${fix.alsoOpensCount} other connection${fix.alsoOpensCount === 1 ? '' : 's'}, ${fix.alsoOpens
          .slice(0, 2)
          .map((pair) => `${pair.from} -> ${pair.to}:${pair.port.containerPort}`)
          .join(', ')}${fix.alsoOpensCount > 2 ? ', ...' : ''}`;
  return `Allow this flow: add ${fix.policies.length === 1 ? 'policy' : 'policies'} ${added} (${others})`;
}
