import ipaddr from 'ipaddr.js';

/**
 * A deliberately simple NetworkPolicy evaluator for the differential test: no indexes, no
 * caches, no model, straight from the documented rules, over the plain objects as written.
 * Where the API server would reject something (an invalid selector, a peer with no field),
 * it follows the engine's documented choice: that part admits nothing.
 */

type Labels = Readonly<Record<string, string>>;

export interface RawSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly {
    readonly key: string;
    readonly operator: string;
    readonly values?: readonly string[];
  }[];
}

export interface RawPeer {
  readonly podSelector?: RawSelector;
  readonly namespaceSelector?: RawSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}

export interface RawPort {
  readonly protocol?: string;
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface RawRule {
  readonly from?: readonly RawPeer[];
  readonly to?: readonly RawPeer[];
  readonly ports?: readonly RawPort[];
}

export interface RawPolicy {
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly spec: {
    readonly podSelector?: RawSelector;
    readonly policyTypes?: readonly string[];
    readonly ingress?: readonly RawRule[];
    readonly egress?: readonly RawRule[];
  };
}

export interface RawPod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly ips: readonly string[];
  readonly hostNetwork: boolean;
  readonly ports: readonly {
    readonly name?: string;
    readonly containerPort: number;
    readonly protocol: string;
  }[];
}

export type RawEndpoint = { readonly pod: RawPod } | { readonly ip: string };

export interface RawFlow {
  readonly source: RawEndpoint;
  readonly destination: RawEndpoint;
  readonly port: number;
  readonly protocol: string;
}

export interface ReferenceSide {
  readonly allowed: boolean;
  readonly reason: string;
  readonly isolatedBy: readonly string[];
  readonly allowedBy: readonly string[];
}

export interface ReferenceWorld {
  /** Declared namespaces with their labels, `kubernetes.io/metadata.name` included. */
  readonly namespaceLabels: Readonly<Record<string, Labels>>;
  readonly policies: readonly RawPolicy[];
}

type Direction = 'ingress' | 'egress';

export function referenceVerdict(world: ReferenceWorld, flow: RawFlow, dataplane: string) {
  const egress = networkPolicySide(world, flow, 'egress', dataplane);
  const ingress = networkPolicySide(world, flow, 'ingress', dataplane);
  return { allowed: egress.allowed && ingress.allowed, egress, ingress };
}

export function networkPolicySide(
  world: ReferenceWorld,
  flow: RawFlow,
  direction: Direction,
  dataplane: string,
): ReferenceSide {
  const subject = direction === 'egress' ? flow.source : flow.destination;
  const peer = direction === 'egress' ? flow.destination : flow.source;
  if (!('pod' in subject)) {
    return { allowed: true, reason: 'no-side', isolatedBy: [], allowedBy: [] };
  }
  if (subject.pod.hostNetwork && dataplane === 'gke-dataplane-v2') {
    return { allowed: true, reason: 'host-network', isolatedBy: [], allowedBy: [] };
  }
  const selecting = world.policies.filter(
    (policy) =>
      namespaceOf(policy) === subject.pod.namespace &&
      policyTypes(policy).includes(direction === 'ingress' ? 'Ingress' : 'Egress') &&
      policy.spec.podSelector !== undefined &&
      selectorMatches(policy.spec.podSelector, subject.pod.labels),
  );
  if (selecting.length === 0) {
    return { allowed: true, reason: 'not-isolated', isolatedBy: [], allowedBy: [] };
  }
  const allowedBy: string[] = [];
  for (const policy of selecting) {
    (policy.spec[direction] ?? []).forEach((rule, ruleIndex) => {
      const match = ruleMatch(world, rule, namespaceOf(policy), peer, flow, direction, dataplane);
      if (match !== undefined) {
        allowedBy.push(`${namespaceOf(policy)}/${policy.metadata.name} ${ruleIndex} ${match}`);
      }
    });
  }
  const isolatedBy = selecting.map((policy) => `${namespaceOf(policy)}/${policy.metadata.name}`);
  const allowed = allowedBy.length > 0;
  return {
    allowed,
    reason: allowed ? 'allowed-by-rule' : 'no-rule-matches',
    isolatedBy,
    allowedBy,
  };
}

function namespaceOf(policy: RawPolicy): string {
  return policy.metadata.namespace ?? 'default';
}

// Absent or empty policyTypes: Ingress, plus Egress when spec.egress has at least one rule.
function policyTypes(policy: RawPolicy): readonly string[] {
  const written = policy.spec.policyTypes ?? [];
  if (written.length > 0) {
    return written;
  }
  return (policy.spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** `peer port` indexes (`-` when the rule has none), or undefined when the rule does not match. */
function ruleMatch(
  world: ReferenceWorld,
  rule: RawRule,
  namespace: string,
  peer: RawEndpoint,
  flow: RawFlow,
  direction: Direction,
  dataplane: string,
): string | undefined {
  const ports = rule.ports ?? [];
  const portIndex = ports.findIndex((port) => portMatches(port, flow));
  if (ports.length > 0 && portIndex === -1) {
    return undefined;
  }
  const portText = ports.length === 0 ? '-' : String(portIndex);
  const peers = (direction === 'ingress' ? rule.from : rule.to) ?? [];
  if (peers.length === 0) {
    return `- ${portText}`;
  }
  const peerIndex = peers.findIndex((item) => peerMatches(world, item, namespace, peer, dataplane));
  return peerIndex === -1 ? undefined : `${peerIndex} ${portText}`;
}

function peerMatches(
  world: ReferenceWorld,
  peer: RawPeer,
  namespace: string,
  endpoint: RawEndpoint,
  dataplane: string,
): boolean {
  const hasSelector = peer.podSelector !== undefined || peer.namespaceSelector !== undefined;
  if (peer.ipBlock !== undefined) {
    const block = peer.ipBlock;
    if (hasSelector) {
      return false;
    }
    if ('ip' in endpoint) {
      return inIpBlock(block, endpoint.ip);
    }
    // Cilium never matches pod (or host-network) IPs with ipBlock; other plugins match any IP.
    return dataplane === 'kubernetes' && endpoint.pod.ips.some((ip) => inIpBlock(block, ip));
  }
  if (!hasSelector || 'ip' in endpoint) {
    return false;
  }
  if (endpoint.pod.hostNetwork && dataplane === 'gke-dataplane-v2') {
    return false;
  }
  const pod = endpoint.pod;
  const labelsOfNamespace = world.namespaceLabels[pod.namespace] ?? {
    'kubernetes.io/metadata.name': pod.namespace,
  };
  const namespaceOk =
    peer.namespaceSelector === undefined
      ? pod.namespace === namespace
      : selectorMatches(peer.namespaceSelector, labelsOfNamespace);
  return (
    namespaceOk && (peer.podSelector === undefined || selectorMatches(peer.podSelector, pod.labels))
  );
}

function inIpBlock(block: NonNullable<RawPeer['ipBlock']>, ip: string): boolean {
  const inside = (cidr: string) => {
    const address = ipaddr.parse(ip);
    const range = ipaddr.parseCIDR(cidr);
    return address.kind() === range[0].kind() && address.match(range);
  };
  return inside(block.cidr) && !(block.except ?? []).some(inside);
}

function portMatches(entry: RawPort, flow: RawFlow): boolean {
  const protocol = entry.protocol ?? 'TCP';
  if (protocol !== flow.protocol) {
    return false;
  }
  if (entry.port === undefined) {
    return entry.endPort === undefined;
  }
  if (typeof entry.port === 'number') {
    return entry.endPort === undefined
      ? entry.port === flow.port
      : entry.port <= flow.port && flow.port <= entry.endPort;
  }
  if (entry.endPort !== undefined || !('pod' in flow.destination)) {
    return false;
  }
  // A named port is looked up on the destination pod, by name and protocol.
  const named = flow.destination.pod.ports.find(
    (container) => container.name === entry.port && container.protocol === protocol,
  );
  return named !== undefined && named.containerPort === flow.port;
}

export function selectorMatches(selector: RawSelector, labels: Labels): boolean {
  const expressions = selector.matchExpressions ?? [];
  // An invalid expression makes the whole selector match nothing.
  if (expressions.some(isInvalid)) {
    return false;
  }
  const expressionOk = (expression: (typeof expressions)[number]): boolean => {
    const value = labels[expression.key];
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        return value !== undefined && values.includes(value);
      case 'NotIn':
        return value === undefined || !values.includes(value);
      case 'Exists':
        return value !== undefined;
      default:
        return value === undefined;
    }
  };
  const labelsOk = Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => labels[key] === value,
  );
  return labelsOk && expressions.every(expressionOk);
}

function isInvalid(expression: NonNullable<RawSelector['matchExpressions']>[number]): boolean {
  const count = (expression.values ?? []).length;
  switch (expression.operator) {
    case 'In':
    case 'NotIn':
      return count === 0;
    case 'Exists':
    case 'DoesNotExist':
      return count > 0;
    default:
      return true;
  }
}
