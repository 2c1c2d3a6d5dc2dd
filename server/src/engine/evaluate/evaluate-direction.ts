import type { NetworkPolicy, Rule } from '../model/types';
import type { Pod } from '../world/types';
import { isPeerMatch, matchPeer } from './match-peer';
import type { PeerContext } from './match-peer';
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

/** The policies that select a pod for one direction, found once per pod. */
export interface Selection {
  readonly policies: readonly NetworkPolicy[];
  readonly refs: readonly PolicyRef[];
}

export interface DirectionContext extends PeerContext {
  readonly selectionOf: (pod: Pod, direction: Direction) => Selection;
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
  const selection = context.selectionOf(pod, direction);
  if (selection.policies.length === 0) {
    return side(direction, true, 'not-isolated', [], [], sideNotes);
  }
  const allowedBy: RuleMatch[] = [];
  const notes = sideNotes;
  // Policies are additive: every rule of every selecting policy is tried, and any one admits.
  for (const [policyIndex, policy] of selection.policies.entries()) {
    const ref = selection.refs[policyIndex]!;
    policy[direction].forEach((rule, ruleIndex) => {
      const at = { policy: ref, direction, ruleIndex };
      matchRule(context, rule, policy.namespace, peer, flow, at, allowedBy, notes);
    });
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

function matchRule(
  context: DirectionContext,
  rule: Rule,
  policyNamespace: string,
  peer: Endpoint,
  flow: Flow,
  at: Omit<RuleMatch, 'peerIndex' | 'portIndex'>,
  allowedBy: RuleMatch[],
  notes: ProfileNote[],
): void {
  if (!rule.valid) {
    return;
  }
  // Missing or empty `ports`: every port and protocol.
  const portIndex =
    rule.ports.length === 0 ? undefined : rule.ports.findIndex((port) => matchPort(port, flow));
  if (portIndex === -1) {
    return;
  }
  // Missing or empty `from`/`to`: every peer, outside the cluster too.
  if (rule.peers === null) {
    allowedBy.push(toRuleMatch(at, undefined, portIndex));
    return;
  }
  let matched: RuleMatch | undefined;
  rule.peers.forEach((candidate, peerIndex) => {
    const outcome = matchPeer(context, candidate, policyNamespace, peer);
    if (outcome === 'miss') {
      return;
    }
    const match = toRuleMatch(at, peerIndex, portIndex);
    if (outcome !== 'match') {
      notes.push({ code: outcome, dataplane: context.dataplane, rule: match });
    }
    if (matched === undefined && isPeerMatch(outcome)) {
      matched = match;
    }
  });
  if (matched !== undefined) {
    allowedBy.push(matched);
  }
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

function toRuleMatch(
  at: Omit<RuleMatch, 'peerIndex' | 'portIndex'>,
  peerIndex: number | undefined,
  portIndex: number | undefined,
): RuleMatch {
  if (peerIndex === undefined) {
    return portIndex === undefined ? at : { ...at, portIndex };
  }
  return portIndex === undefined ? { ...at, peerIndex } : { ...at, peerIndex, portIndex };
}
