import { isSeq, isScalar } from 'yaml';
import type { Node } from 'yaml';
import { evaluateFlow } from '../evaluate/evaluate-flow';
import type { Dataplane, Flow, Verdict } from '../evaluate/verdict';
import type { FileLookup } from '../check/document-analysis';
import { locateOrigin } from '../core/locate-origin';
import type { Labels, NetworkPolicy, Selector } from '../model/types';
import type { Edit, Problem } from '../core/problem';
import type { Path, PlacedProblem } from '../core/source';
import type { Span } from '../core/span';
import type { ContainerPort, Pod, World } from '../world/types';
import { clusterDnsPods, dnsKey, GKE_KUBE_DNS, isClusterDnsPod } from '../world/cluster-dns';
import type { ClusterDns } from '../world/cluster-dns';
import { appendToList } from '../parse/yaml-edit';

/** An egress rule that admits DNS to kube-dns, as list-item lines; the snippets share it. */
export const DNS_EGRESS_RULE = `to:
  - namespaceSelector:
      matchLabels:
        kubernetes.io/metadata.name: kube-system
    podSelector:
      matchLabels:
        k8s-app: kube-dns
ports:
  - protocol: UDP
    port: 53
  - protocol: TCP
    port: 53`;

/**
 * Warns on each policy that isolates egress for pods that then cannot reach the cluster's DNS on
 * its UDP port: the workspace's DNS pods, else the one the world assumes (GKE's kube-dns, or what
 * `netpol.clusterDns` says); the fix adds an egress rule to it. `only` limits the warnings to
 * some of the policies; every policy still takes part in the verdicts, which `evaluate` may
 * decide with an evaluator the caller already has for the same policies.
 */
export function checkDnsEgress(
  policies: readonly NetworkPolicy[],
  world: World,
  dataplane: Dataplane,
  file: FileLookup,
  only: readonly NetworkPolicy[] = policies,
  evaluate: (flow: Flow) => Verdict = (flow) => evaluateFlow(policies, world, flow, { dataplane }),
): PolicyProblem[] {
  const config = world.clusterDns ?? GKE_KUBE_DNS;
  const dns = clusterDnsPods(world)[0];
  if (dns === undefined) {
    return [];
  }
  const port = dnsPort(config);
  const isBlocked = (pod: Pod): boolean => {
    const flow = {
      source: { kind: 'pod', pod },
      destination: { kind: 'pod', pod: dns },
      port: port.containerPort,
      protocol: port.protocol,
    } as const;
    // Only a denial NetworkPolicy decides is its own: a tiered cluster policy's is not.
    const egress = evaluate(flow).egress;
    return !egress.allowed && egress.decidedBy === 'NetworkPolicy';
  };
  const groupsOf = createGroupLookup(world, isVictim(isBlocked, config));
  const found = { dns, port, rule: dnsEgressRule(config) };
  return only.flatMap((policy) => {
    if (!policy.policyTypes.includes('Egress') || policy.podSelector === null) {
      return [];
    }
    const victim = firstVictim(groupsOf(policy.namespace), policy.podSelector);
    const problem = victim && toProblem(policy, victim, file, found);
    return problem === undefined ? [] : [{ policy, uri: policy.origin.uri, problem }];
  });
}

/** A problem of one policy's text. */
export interface PolicyProblem extends PlacedProblem {
  readonly policy: NetworkPolicy;
}

// The DNS pods themselves, and host-network pods (which use the node's resolver path), are no
// victims.
function isVictim(isBlocked: (pod: Pod) => boolean, dns: ClusterDns): (pod: Pod) => boolean {
  return (pod) =>
    !pod.hostNetwork &&
    !pod.labels['k8s-app']?.startsWith('kube-dns') &&
    !isClusterDnsPod(pod, dns) &&
    isBlocked(pod);
}

/** The port DNS lookups use: the DNS's first UDP port, else its first port, else 53/UDP. */
function dnsPort(dns: ClusterDns): ContainerPort {
  return (
    dns.ports.find((port) => port.protocol === 'UDP') ??
    dns.ports[0] ?? { containerPort: 53, protocol: 'UDP' }
  );
}

/** An egress rule that admits DNS to the cluster's DNS pods, as list-item lines. */
export function dnsEgressRule(dns: ClusterDns): string {
  if (dnsKey(dns) === dnsKey(GKE_KUBE_DNS)) {
    return DNS_EGRESS_RULE;
  }
  const labels = Object.entries(dns.labels).map(([key, value]) => `        ${key}: ${value}`);
  const ports = dns.ports.flatMap((port) => [
    `  - protocol: ${port.protocol}`,
    `    port: ${port.containerPort}`,
  ]);
  return [
    'to:',
    '  - namespaceSelector:',
    '      matchLabels:',
    `        kubernetes.io/metadata.name: ${dns.namespace}`,
    ...(labels.length === 0 ? [] : ['    podSelector:', '      matchLabels:', ...labels]),
    ...(ports.length === 0 ? [] : ['ports:', ...ports]),
  ].join('\n');
}

/**
 * The pods of a namespace that share one label set. A selector matches all of them or none,
 * so it is tested once per group; the group's first victim is found once for all policies.
 */
interface LabelGroup {
  readonly labels: Labels;
  /** Positions of the pods in the namespace's pod list. */
  readonly members: number[];
  /** Position of the first victim, `-1` when none; found on first use. */
  victim?: number;
}

interface NamespaceGroups {
  readonly pods: readonly Pod[];
  readonly groups: readonly LabelGroup[];
  readonly victimOf: (group: LabelGroup) => Pod | undefined;
}

function createGroupLookup(
  world: World,
  isVictim: (pod: Pod) => boolean,
): (namespace: string) => NamespaceGroups {
  const byNamespace = new Map<string, NamespaceGroups>();
  const victimOf = (pods: readonly Pod[]) => (group: LabelGroup) => {
    group.victim ??= group.members.find((index) => isVictim(pods[index]!)) ?? -1;
    return pods[group.victim];
  };
  return (namespace) => {
    let found = byNamespace.get(namespace);
    if (found === undefined) {
      const pods = world.podsByNamespace.get(namespace) ?? [];
      found = { pods, groups: groupByLabels(pods), victimOf: victimOf(pods) };
      byNamespace.set(namespace, found);
    }
    return found;
  };
}

function groupByLabels(pods: readonly Pod[]): LabelGroup[] {
  const groups = new Map<string, LabelGroup>();
  pods.forEach((pod, index) => {
    const key = labelKey(pod.labels);
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, { labels: pod.labels, members: [index] });
    } else {
      group.members.push(index);
    }
  });
  return [...groups.values()];
}

// Equal label maps written in another key order fall in separate groups, which costs a little
// time but never changes the answer.
function labelKey(labels: Labels): string {
  return JSON.stringify(labels);
}

// The victim that comes first among the namespace's pods, as a scan of them in order finds.
function firstVictim(namespace: NamespaceGroups, selector: Selector): Pod | undefined {
  let first: Pod | undefined;
  let firstIndex = Infinity;
  for (const group of namespace.groups) {
    if (group.members[0]! < firstIndex && selector.matches(group.labels)) {
      const victim = namespace.victimOf(group);
      const index = group.victim!;
      if (victim !== undefined && index < firstIndex) {
        first = victim;
        firstIndex = index;
      }
    }
  }
  return first;
}

interface FoundDns {
  readonly dns: Pod;
  readonly port: ContainerPort;
  readonly rule: string;
}

function toProblem(
  policy: NetworkPolicy,
  victim: Pod,
  file: FileLookup,
  { dns, port, rule }: FoundDns,
): Problem | undefined {
  const { origin } = policy;
  const document = file(origin.uri)?.documents.find((placed) => placed.offset === origin.offset);
  const tree = document?.analysis.parsed.tree();
  if (document === undefined || tree === undefined) {
    return undefined;
  }
  const spec: Path = [...origin.path, 'spec'];
  const types = tree.getIn([...spec, 'policyTypes'], true) as Node | undefined;
  const egressIndex = isSeq(types)
    ? types.items.findIndex((item) => isScalar(item) && item.value === 'Egress')
    : -1;
  const span =
    egressIndex === -1
      ? locateOrigin(file, origin, ['spec', 'egress'], 'key')
      : locateOrigin(file, origin, ['spec', 'policyTypes', egressIndex]);
  if (span === undefined) {
    return undefined;
  }
  const edits = appendToList(document.analysis.parsed.text, tree, [...spec, 'egress'], rule);
  const assumed =
    dns.assumed === true
      ? ` (not in the workspace: assumed as GKE runs it, or as netpol.clusterDns describes it)`
      : '';
  return {
    code: 'egress-blocks-dns',
    severity: 'warning',
    message: `Pods this policy isolates for egress, such as ${victim.namespace}/${victim.name}, cannot reach the cluster DNS ${dns.namespace}/${dns.name}${assumed} on ${port.protocol} port ${port.containerPort}, so their DNS lookups fail.`,
    span,
    ...(edits === undefined
      ? {}
      : {
          fixes: [
            {
              title: `Allow DNS egress to ${dns.name}`,
              edits: edits.map((edit) => shift(edit, origin.offset)),
            },
          ],
        }),
  };
}

function shift(edit: Edit, by: number): Edit {
  const span: Span = { start: edit.span.start + by, end: edit.span.end + by };
  return { ...edit, span };
}
