import type { PolicyRef } from '../core/policy-ref';
import type { Dataplane, Direction } from '../core/vocabulary';
import type { ClusterAction, ClusterPolicyRef } from '../model/cluster-policy';

export type { Dataplane, Direction } from '../core/vocabulary';
export type { PolicyRef } from '../core/policy-ref';
export type { ClusterAction, ClusterPolicyRef, ClusterTier } from '../model/cluster-policy';
export type { Endpoint, Flow } from '../flows/types';

/**
 * The layer of policy that decided a direction: the Admin tier of cluster policies, then
 * NetworkPolicy, then the Baseline tier, then the default (allowed).
 */
export type Tier = 'Admin' | 'NetworkPolicy' | 'Baseline' | 'default';

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
  | 'no-rule-matches'
  | 'accepted-by-cluster-policy' // an Accept rule of the Admin or Baseline tier matched
  | 'denied-by-cluster-policy'; // a Deny rule matched, or a Deny/Pass rule that fails closed

/**
 * A rule of a tiered cluster policy that met the flow. `peerIndex` and `portIndex` are absent
 * when the rule has no such list, or when it fails closed (`failedClosed`): a Deny or Pass rule
 * with an unreadable peer, protocol or action then matches every connection.
 */
export interface ClusterRuleMatch {
  readonly policy: ClusterPolicyRef;
  readonly direction: Direction;
  readonly ruleIndex: number;
  readonly ruleName: string | null;
  /** The action taken; an unreadable action fails closed as `Deny`. */
  readonly action: ClusterAction;
  readonly peerIndex?: number;
  readonly portIndex?: number;
  readonly failedClosed?: true;
}

/**
 * How the tiers of cluster policies met one direction, present when the workspace holds any.
 * Each tier walks the policies that select the pod, by priority, and their rules in order.
 */
export interface TierTrace {
  /** The Accept or Deny rule that decided, when a cluster tier did. */
  readonly decision?: ClusterRuleMatch;
  /** Every Pass met on the way, in order: each left its tier. */
  readonly passes: readonly ClusterRuleMatch[];
  /**
   * Rules of other policies of the same tier and priority as one that acted (decided or passed)
   * that would have acted otherwise: which one goes first is undefined upstream.
   */
  readonly ambiguous: readonly ClusterRuleMatch[];
  /** Set when the flow is a pod reaching its own address: cluster policies do not apply. */
  readonly ownAddress?: true;
}

/** A decision that depends on the dataplane profile, named so the explanation can say it. */
export interface ProfileNote {
  readonly code:
    | 'ipblock-ignores-pod-ip' // gke-dataplane-v2: an ipBlock never matches a pod IP
    | 'ipblock-matches-pod-ip' // kubernetes: an ipBlock matched a pod IP
    | 'host-network-not-isolated' // gke-dataplane-v2: policies do not isolate a host-network pod
    | 'ipblock-ignores-host-network' // gke-dataplane-v2: an ipBlock never matches a host-network pod
    | 'selector-ignores-host-network' // gke-dataplane-v2: selector peers never match a host-network pod
    | 'host-network-as-pod' // kubernetes: a host-network pod is treated as a pod with its labels
    | 'cluster-policy-undocumented' // gke-dataplane-v2: GKE documents no support for tiered kinds
    | 'network-policy-decides-both'; // kube-network-policies: a NetworkPolicy of the other direction would decide
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
  /** The tiers of cluster policies on the way; absent when the workspace has none. */
  readonly tiers?: TierTrace;
}

export interface Verdict {
  readonly allowed: boolean;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
}
