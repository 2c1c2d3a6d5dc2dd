import type { PolicyRef } from '../core/policy-ref';
import type { Dataplane, Direction } from '../core/vocabulary';

export type { Dataplane, Direction } from '../core/vocabulary';
export type { PolicyRef } from '../core/policy-ref';
export type { Endpoint, Flow } from '../flows/types';

/**
 * The layer of policy that decided a direction. Tiered cluster policies
 * (AdminNetworkPolicy before NetworkPolicy, BaselineAdminNetworkPolicy after) add members here.
 */
export type Tier = 'NetworkPolicy' | 'default';

/** A rule that admitted the flow: the policy, the rule's index, and the peer and port that matched. */
export interface RuleMatch {
  readonly policy: PolicyRef;
  readonly direction: Direction;
  readonly ruleIndex: number;
  /** Absent when the rule has no peers and so admits every peer. */
  readonly peerIndex?: number;
  /** Absent when the rule has no ports and so admits every port. */
  readonly portIndex?: number;
}

export type DirectionReason =
  | 'no-side' // an endpoint outside the cluster has no policy side of its own
  | 'host-network' // a host-network pod is not isolated by NetworkPolicy
  | 'not-isolated'
  | 'allowed-by-rule'
  | 'no-rule-matches';

/** A decision that depends on the dataplane profile, named so the explanation can say it. */
export interface ProfileNote {
  readonly code:
    | 'ipblock-ignores-pod-ip' // gke-dataplane-v2: an ipBlock never matches a pod IP
    | 'ipblock-matches-pod-ip' // kubernetes: an ipBlock matched a pod IP
    | 'host-network-not-isolated' // gke-dataplane-v2: policies do not isolate a host-network pod
    | 'ipblock-ignores-host-network' // gke-dataplane-v2: an ipBlock never matches a host-network pod
    | 'selector-ignores-host-network' // gke-dataplane-v2: selector peers never match a host-network pod
    | 'host-network-as-pod'; // kubernetes: a host-network pod is treated as a pod with its labels
  readonly dataplane: Dataplane;
  readonly rule?: RuleMatch;
}

export interface DirectionVerdict {
  readonly direction: Direction;
  readonly allowed: boolean;
  readonly reason: DirectionReason;
  readonly decidedBy: Tier;
  /** The policies that select the pod for this direction. */
  readonly isolatedBy: readonly PolicyRef[];
  /** Every rule that admits the flow (the union); empty when denied or not isolated. */
  readonly allowedBy: readonly RuleMatch[];
  readonly notes: readonly ProfileNote[];
}

export interface Verdict {
  readonly allowed: boolean;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
}
