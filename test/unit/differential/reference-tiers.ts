import ipaddr from 'ipaddr.js';
import { networkPolicySide, selectorMatches } from './reference-evaluator';
import type {
  RawEndpoint,
  RawFlow,
  RawSelector,
  ReferenceSide,
  ReferenceWorld,
} from './reference-evaluator';

/**
 * The tier chain, written as plainly as the reference page says it, over ClusterNetworkPolicy
 * objects as written: no model, no index, no cache. Admin by priority then rule order, then
 * NetworkPolicy per direction, then Baseline, then allow; Pass leaves its tier; rules with an
 * unreadable action, peer or protocol, or no peers, fail closed.
 */

type Direction = 'ingress' | 'egress';

export interface RawClusterRule {
  readonly name?: string;
  readonly action: string;
  readonly from?: readonly Record<string, unknown>[];
  readonly to?: readonly Record<string, unknown>[];
  readonly protocols?: readonly Record<string, unknown>[];
}

export interface RawClusterPolicy {
  readonly metadata: { readonly name: string };
  readonly spec: {
    readonly tier: 'Admin' | 'Baseline';
    readonly priority: number;
    readonly subject: Record<string, unknown>;
    readonly ingress?: readonly RawClusterRule[];
    readonly egress?: readonly RawClusterRule[];
  };
}

export interface TieredSide extends ReferenceSide {
  readonly decidedBy: string;
  /** `name#rule#action` of the deciding cluster rule. */
  readonly decision?: string;
  readonly passes: readonly string[];
  readonly ambiguous: readonly string[];
}

export function referenceTieredVerdict(
  world: ReferenceWorld,
  clusterPolicies: readonly RawClusterPolicy[],
  flow: RawFlow,
  dataplane: string,
) {
  const egress = tieredSide(world, clusterPolicies, flow, 'egress', dataplane);
  const ingress = tieredSide(world, clusterPolicies, flow, 'ingress', dataplane);
  return { allowed: egress.allowed && ingress.allowed, egress, ingress };
}

function tieredSide(
  world: ReferenceWorld,
  clusterPolicies: readonly RawClusterPolicy[],
  flow: RawFlow,
  direction: Direction,
  dataplane: string,
): TieredSide {
  const networkPolicy = networkPolicySide(world, flow, direction, dataplane);
  const npTier =
    networkPolicy.reason === 'allowed-by-rule' || networkPolicy.reason === 'no-rule-matches'
      ? 'NetworkPolicy'
      : 'default';
  const plain = { ...networkPolicy, decidedBy: npTier, passes: [], ambiguous: [] };
  if (networkPolicy.reason === 'no-side' || networkPolicy.reason === 'host-network') {
    return plain;
  }
  const subject = direction === 'egress' ? flow.source : flow.destination;
  const peer = direction === 'egress' ? flow.destination : flow.source;
  if (!('pod' in subject)) {
    return plain;
  }
  // A pod reaching its own address.
  if ('pod' in peer && peer.pod === subject.pod) {
    return plain;
  }
  const passes: string[] = [];
  const ambiguous: string[] = [];
  const walk = (tier: string): string | undefined => {
    const selecting = clusterPolicies
      .filter((policy) => policy.spec.tier === tier && subjectSelects(world, policy, subject.pod))
      .sort(
        (left, right) =>
          left.spec.priority - right.spec.priority ||
          (left.metadata.name < right.metadata.name ? -1 : 1),
      );
    for (const policy of selecting) {
      const action = firstAction(world, policy, direction, peer, flow);
      if (action === undefined) {
        continue;
      }
      for (const rival of selecting) {
        if (rival !== policy && rival.spec.priority === policy.spec.priority) {
          const other = firstAction(world, rival, direction, peer, flow);
          if (other !== undefined && other.split('#')[2] !== action.split('#')[2]) {
            ambiguous.push(other);
          }
        }
      }
      if (action.endsWith('#Pass')) {
        passes.push(action);
        return undefined;
      }
      return action;
    }
    return undefined;
  };
  const decide = (tier: string, action: string): TieredSide => {
    const allowed = action.endsWith('#Accept');
    return {
      allowed,
      reason: allowed ? 'accepted-by-cluster-policy' : 'denied-by-cluster-policy',
      isolatedBy: [],
      allowedBy: [],
      decidedBy: tier,
      decision: action,
      passes,
      ambiguous,
    };
  };
  const admin = walk('Admin');
  if (admin !== undefined) {
    return decide('Admin', admin);
  }
  if (networkPolicy.reason !== 'not-isolated') {
    return { ...plain, passes, ambiguous };
  }
  const baseline = walk('Baseline');
  if (baseline !== undefined) {
    return decide('Baseline', baseline);
  }
  return { ...plain, passes, ambiguous };
}

function labelsOfNamespace(world: ReferenceWorld, name: string) {
  return world.namespaceLabels[name] ?? { 'kubernetes.io/metadata.name': name };
}

function subjectSelects(
  world: ReferenceWorld,
  policy: RawClusterPolicy,
  pod: Extract<RawEndpoint, { pod: unknown }>['pod'],
): boolean {
  if (pod.hostNetwork) {
    return false;
  }
  const subject = policy.spec.subject;
  const keys = Object.keys(subject);
  const namespaceLabels = labelsOfNamespace(world, pod.namespace);
  if (keys.length !== 1) {
    return false;
  }
  if (keys[0] === 'namespaces') {
    return selectorMatches(subject['namespaces'] as RawSelector, namespaceLabels);
  }
  const pods = subject['pods'] as { namespaceSelector?: RawSelector; podSelector?: RawSelector };
  return (
    pods.podSelector !== undefined &&
    selectorMatches(pods.namespaceSelector ?? {}, namespaceLabels) &&
    selectorMatches(pods.podSelector, pod.labels)
  );
}

/** `name#rule#action` of the first rule of the policy that matches, or undefined. */
function firstAction(
  world: ReferenceWorld,
  policy: RawClusterPolicy,
  direction: Direction,
  peer: RawEndpoint,
  flow: RawFlow,
): string | undefined {
  const rules = policy.spec[direction] ?? [];
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]!;
    const known = ['Accept', 'Deny', 'Pass'].includes(rule.action);
    const action = known ? rule.action : 'Deny';
    const peers = (direction === 'ingress' ? rule.from : rule.to) ?? [];
    const broken =
      !known ||
      peers.length === 0 ||
      peers.some((item) => !isReadablePeer(item, direction)) ||
      (rule.protocols !== undefined &&
        (rule.protocols.length === 0 || rule.protocols.some((item) => !isReadableProtocol(item))));
    const matches = broken
      ? action !== 'Accept'
      : (rule.protocols === undefined ||
          rule.protocols.some((item) => protocolMatches(item, flow))) &&
        peers.some((item) => peerMatches(world, item, peer));
    if (matches) {
      return `${policy.metadata.name}#${index}#${action}`;
    }
  }
  return undefined;
}

function isReadablePeer(peer: Record<string, unknown>, direction: Direction): boolean {
  const keys = Object.keys(peer);
  if (keys.length !== 1) {
    return false;
  }
  const allowed =
    direction === 'ingress' ? ['namespaces', 'pods'] : ['namespaces', 'pods', 'networks'];
  if (!allowed.includes(keys[0]!)) {
    return false;
  }
  return (
    keys[0] !== 'pods' || (peer['pods'] as { podSelector?: unknown }).podSelector !== undefined
  );
}

function peerMatches(
  world: ReferenceWorld,
  peer: Record<string, unknown>,
  endpoint: RawEndpoint,
): boolean {
  if ('networks' in peer) {
    const ips = 'ip' in endpoint ? [endpoint.ip] : endpoint.pod.ips;
    return (peer['networks'] as string[]).some((cidr) =>
      ips.some((ip) => {
        const address = ipaddr.parse(ip);
        const range = ipaddr.parseCIDR(cidr);
        return address.kind() === range[0].kind() && address.match(range);
      }),
    );
  }
  if ('ip' in endpoint || endpoint.pod.hostNetwork) {
    return false;
  }
  const namespaceLabels = labelsOfNamespace(world, endpoint.pod.namespace);
  if ('namespaces' in peer) {
    return selectorMatches(peer['namespaces'] as RawSelector, namespaceLabels);
  }
  const pods = peer['pods'] as { namespaceSelector?: RawSelector; podSelector: RawSelector };
  return (
    selectorMatches(pods.namespaceSelector ?? {}, namespaceLabels) &&
    selectorMatches(pods.podSelector, endpoint.pod.labels)
  );
}

interface RawDestinationPort {
  readonly number?: number;
  readonly range?: { readonly start: number; readonly end: number };
}

function isReadableProtocol(entry: Record<string, unknown>): boolean {
  const keys = Object.keys(entry);
  if (keys.length !== 1) {
    return false;
  }
  if (keys[0] === 'destinationNamedPort') {
    return true;
  }
  if (!['tcp', 'udp', 'sctp'].includes(keys[0]!)) {
    return false;
  }
  const port = (entry[keys[0]!] as { destinationPort?: RawDestinationPort }).destinationPort;
  return (
    port?.number !== undefined || (port?.range !== undefined && port.range.start < port.range.end)
  );
}

function protocolMatches(entry: Record<string, unknown>, flow: RawFlow): boolean {
  if ('destinationNamedPort' in entry) {
    return (
      'pod' in flow.destination &&
      flow.destination.pod.ports.some(
        (port) =>
          port.name === entry['destinationNamedPort'] &&
          port.protocol === flow.protocol &&
          port.containerPort === flow.port,
      )
    );
  }
  const key = Object.keys(entry)[0]!;
  if (key.toUpperCase() !== flow.protocol) {
    return false;
  }
  const port = (entry[key] as { destinationPort: RawDestinationPort }).destinationPort;
  return port.number !== undefined
    ? port.number === flow.port
    : port.range!.start <= flow.port && flow.port <= port.range!.end;
}
