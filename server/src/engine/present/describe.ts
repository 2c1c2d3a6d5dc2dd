import type {
  ClusterRuleMatch,
  Direction,
  Endpoint,
  Flow,
  PolicyRef,
  ProfileNote,
  RuleMatch,
} from '../evaluate/verdict';

export function describeEndpoint(endpoint: Endpoint): string {
  if (endpoint.kind === 'external') {
    return endpoint.ip;
  }
  return `${endpoint.pod.namespace}/${endpoint.pod.name}`;
}

/** `shop/web -> shop/api:8080 (http)/TCP` */
export function describeFlow(flow: Flow): string {
  const name = flow.portName === undefined ? '' : ` (${flow.portName})`;
  return `${describeEndpoint(flow.source)} -> ${describeEndpoint(flow.destination)}:${flow.port}${name}/${flow.protocol}`;
}

export function describePolicy(policy: PolicyRef): string {
  return `${policy.namespace}/${policy.name}`;
}

/** Rules, peers and ports are counted from 1 in prose; the path shows the 0-based index. */
export function describeRule(match: RuleMatch): string {
  return `${describePolicy(match.policy)} ${match.direction} rule ${match.ruleIndex + 1}`;
}

export function describeRuleDetail(match: RuleMatch): string {
  const peersKey = match.direction === 'ingress' ? 'from' : 'to';
  const parts = [`spec.${match.direction}[${match.ruleIndex}]`];
  parts.push(
    match.peerIndex === undefined
      ? `every ${match.direction === 'ingress' ? 'source' : 'destination'}`
      : `peer ${match.peerIndex + 1} (${peersKey}[${match.peerIndex}])`,
  );
  parts.push(
    match.portIndex === undefined
      ? 'every port'
      : `port ${match.portIndex + 1} (ports[${match.portIndex}])`,
  );
  return `${describeRule(match)}: ${parts.join(', ')}`;
}

/** `ClusterNetworkPolicy block-db (Admin, priority 10)`; a BaselineAdminNetworkPolicy has no priority. */
export function describeClusterPolicy(policy: ClusterRuleMatch['policy']): string {
  const place =
    policy.kind === 'BaselineAdminNetworkPolicy'
      ? policy.tier
      : `${policy.tier}, priority ${policy.priority}`;
  return `${policy.kind} ${policy.name} (${place})`;
}

/** `ClusterNetworkPolicy block-db (Admin, priority 10) rule 2 'deny-all'`, rules counted from 1. */
export function describeClusterRule(match: ClusterRuleMatch): string {
  const name = match.ruleName === null ? '' : ` '${match.ruleName}'`;
  return `${describeClusterPolicy(match.policy)} rule ${match.ruleIndex + 1}${name}`;
}

/** Where in the rule the flow matched, as `describeRuleDetail` says it for NetworkPolicy. */
export function describeClusterRuleDetail(match: ClusterRuleMatch): string {
  if (match.failedClosed === true) {
    return `${describeClusterRule(match)} (${match.action}): spec.${match.direction}[${match.ruleIndex}] has an unreadable action, peer or protocol, so it fails closed and matches every connection`;
  }
  const peersKey = match.direction === 'ingress' ? 'from' : 'to';
  const parts = [`spec.${match.direction}[${match.ruleIndex}]`];
  if (match.peerIndex !== undefined) {
    parts.push(`peer ${match.peerIndex + 1} (${peersKey}[${match.peerIndex}])`);
  }
  parts.push(
    match.portIndex === undefined
      ? 'every protocol'
      : `protocol ${match.portIndex + 1} [${match.portIndex}]`,
  );
  return `${describeClusterRule(match)} (${match.action}): ${parts.join(', ')}`;
}

export function describeNote(note: ProfileNote): string {
  const where =
    note.rule === undefined
      ? ''
      : `${describeRule(note.rule)}, peer ${(note.rule.peerIndex ?? 0) + 1}: `;
  return `${where}${NOTE_TEXT[note.code]}`;
}

const NOTE_TEXT: Readonly<Record<ProfileNote['code'], string>> = {
  'ipblock-ignores-pod-ip':
    'the ipBlock contains the pod IP, but on GKE Dataplane V2 an ipBlock never matches pod IPs (use a pod or namespace selector).',
  'ipblock-matches-pod-ip':
    'the ipBlock matched a pod IP; the kubernetes profile lets ipBlock match any IP, GKE Dataplane V2 would not.',
  'host-network-not-isolated':
    'the pod uses the host network; on GKE Dataplane V2 NetworkPolicies do not isolate it.',
  'ipblock-ignores-host-network':
    'the ipBlock contains the host-network pod IP, but on GKE Dataplane V2 an ipBlock never matches host-network pods.',
  'selector-ignores-host-network':
    'the selectors match the host-network pod, but on GKE Dataplane V2 it has the node identity, so selectors never match it.',
  'host-network-as-pod':
    'a host-network pod is treated as a pod with its labels under the kubernetes profile; GKE Dataplane V2 would give it the node identity.',
  'cluster-policy-undocumented':
    'GKE documents no support for ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy; they are evaluated here by the upstream semantics.',
  'network-policy-decides-both':
    'a NetworkPolicy selects this pod for the other direction; kube-network-policies lets it decide this direction too, and would allow the connection.',
};

export function sideOf(direction: Direction, flow: Flow): Endpoint {
  return direction === 'egress' ? flow.source : flow.destination;
}
