import type { Rule } from '../model/types';
import { isPeerMatch, matchPeer } from './match-peer';
import type { PeerContext } from './match-peer';
import type { PodFacts } from './pod-facts';
import type { Pod } from '../world/types';
import { matchPort } from './match-port';
import type {
  Direction,
  DirectionVerdict,
  Endpoint,
  Flow,
  PolicyRef,
  ProfileNote,
  RuleMatch,
} from './verdict';

export interface DirectionContext extends PeerContext {
  readonly factsOf: (pod: Pod) => PodFacts;
}

/**
 * Decides one side of the connection: the source's egress or the destination's ingress.
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation
 */
export function evaluateDirection(
  context: DirectionContext,
  direction: Direction,
  flow: Flow,
): DirectionVerdict {
  const subject = direction === 'egress' ? flow.source : flow.destination;
  const peer = direction === 'egress' ? flow.destination : flow.source;
  if (subject.kind === 'external') {
    return side(direction, true, 'no-side', [], [], []);
  }
  const pod = subject.pod;
  if (pod.hostNetwork && context.dataplane === 'gke-dataplane-v2') {
    const note: ProfileNote = { code: 'host-network-not-isolated', dataplane: context.dataplane };
    return side(direction, true, 'host-network', [], [], [note]);
  }
  const sideNotes: ProfileNote[] = pod.hostNetwork
    ? [{ code: 'host-network-as-pod', dataplane: context.dataplane }]
    : [];
  // A pod that no policy selects for this direction is not isolated: everything is allowed.
  const selection = context.factsOf(pod)[direction];
  if (selection.policies.length === 0) {
    return side(direction, true, 'not-isolated', [], [], sideNotes);
  }
  const allowedBy: RuleMatch[] = [];
  const notes = sideNotes;
  // Policies are additive: every rule of every selecting policy is tried, and any one admits.
  for (let policyIndex = 0; policyIndex < selection.policies.length; policyIndex++) {
    const policy = selection.policies[policyIndex]!;
    const rules = policy[direction];
    for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
      const at: RuleAt = { policy: selection.refs[policyIndex]!, direction, ruleIndex };
      const match = matchRule(context, rules[ruleIndex]!, policy.namespace, peer, flow, at, notes);
      if (match !== undefined) {
        allowedBy.push(match);
      }
    }
  }
  const allowed = allowedBy.length > 0;
  return side(
    direction,
    allowed,
    allowed ? 'allowed-by-rule' : 'no-rule-matches',
    selection.refs,
    allowedBy,
    notes,
  );
}

type RuleAt = Pick<RuleMatch, 'policy' | 'direction' | 'ruleIndex'>;

/** The rule's first matching peer and port, or undefined when it does not admit the flow. */
function matchRule(
  context: DirectionContext,
  rule: Rule,
  policyNamespace: string,
  peer: Endpoint,
  flow: Flow,
  at: RuleAt,
  notes: ProfileNote[],
): RuleMatch | undefined {
  if (!rule.valid) {
    return undefined;
  }
  // Missing or empty `ports`: every port and protocol.
  let portIndex: number | undefined;
  if (rule.ports.length > 0) {
    portIndex = findPort(rule, flow);
    if (portIndex === -1) {
      return undefined;
    }
  }
  // Missing or empty `from`/`to`: every peer, outside the cluster too.
  if (rule.peers === null) {
    return toRuleMatch(at, undefined, portIndex);
  }
  let matched: RuleMatch | undefined;
  for (let peerIndex = 0; peerIndex < rule.peers.length; peerIndex++) {
    const outcome = matchPeer(context, rule.peers[peerIndex]!, policyNamespace, peer);
    if (outcome === 'miss') {
      continue;
    }
    const match = toRuleMatch(at, peerIndex, portIndex);
    if (outcome !== 'match') {
      notes.push({ code: outcome, dataplane: context.dataplane, rule: match });
    }
    if (matched === undefined && isPeerMatch(outcome)) {
      matched = match;
    }
  }
  return matched;
}

function findPort(rule: Rule, flow: Flow): number {
  for (let portIndex = 0; portIndex < rule.ports.length; portIndex++) {
    if (matchPort(rule.ports[portIndex]!, flow)) {
      return portIndex;
    }
  }
  return -1;
}

function side(
  direction: Direction,
  allowed: boolean,
  reason: DirectionVerdict['reason'],
  isolatedBy: readonly PolicyRef[],
  allowedBy: readonly RuleMatch[],
  notes: readonly ProfileNote[],
): DirectionVerdict {
  const decidedBy =
    reason === 'allowed-by-rule' || reason === 'no-rule-matches' ? 'NetworkPolicy' : 'default';
  return { direction, allowed, reason, decidedBy, isolatedBy, allowedBy, notes };
}

// Absent indexes are left out rather than set to undefined, so matches compare and print cleanly.
function toRuleMatch(
  at: RuleAt,
  peerIndex: number | undefined,
  portIndex: number | undefined,
): RuleMatch {
  const { policy, direction, ruleIndex } = at;
  if (peerIndex === undefined) {
    return portIndex === undefined
      ? { policy, direction, ruleIndex }
      : { policy, direction, ruleIndex, portIndex };
  }
  return portIndex === undefined
    ? { policy, direction, ruleIndex, peerIndex }
    : { policy, direction, ruleIndex, peerIndex, portIndex };
}
