import type { ClusterPolicyKind } from '../core/classify';
import type { Origin } from '../core/source';
import type { Direction, Protocol } from '../core/vocabulary';
import type { IpBlock, Selector } from './types';

/** The tier a cluster policy sits in: Admin before NetworkPolicies, Baseline after them. */
export type ClusterTier = 'Admin' | 'Baseline';

/** A rule's action; v1alpha1's `Allow` is read as `Accept`. */
export type ClusterAction = 'Accept' | 'Deny' | 'Pass';

/** The pods a cluster policy applies to. An unreadable subject selects no pod. */
export type ClusterSubject =
  | { readonly kind: 'namespaces'; readonly namespaces: Selector }
  | { readonly kind: 'pods'; readonly namespaceSelector: Selector; readonly podSelector: Selector }
  | { readonly kind: 'invalid' };

/**
 * One peer of a rule. `nodes` and `domainNames` are kept to be named: the workspace has no Node
 * objects and no DNS answers, so they match no endpoint. An `invalid` peer (no field, several,
 * or an unknown one) makes its rule fail closed.
 */
export type ClusterPeer =
  | { readonly kind: 'namespaces'; readonly namespaces: Selector; readonly origin: Origin }
  | {
      readonly kind: 'pods';
      readonly namespaceSelector: Selector;
      readonly podSelector: Selector;
      readonly origin: Origin;
    }
  | { readonly kind: 'networks'; readonly networks: readonly IpBlock[]; readonly origin: Origin }
  | { readonly kind: 'nodes'; readonly nodes: Selector; readonly origin: Origin }
  | {
      readonly kind: 'domainNames';
      readonly domainNames: readonly string[];
      readonly origin: Origin;
    }
  | { readonly kind: 'invalid'; readonly origin: Origin };

/** One protocol (v1alpha2) or port (v1alpha1) entry: a port range of a protocol, or a named port. */
export type ClusterPort =
  | {
      readonly kind: 'range';
      readonly protocol: Protocol;
      readonly start: number;
      readonly end: number;
    }
  | { readonly kind: 'named'; readonly name: string }
  | { readonly kind: 'invalid' };

export interface ClusterRule {
  readonly index: number;
  readonly name: string | null;
  /** Undefined when unreadable: the rule then fails closed like an unknown peer. */
  readonly action: ClusterAction | undefined;
  readonly peers: readonly ClusterPeer[];
  /** `null` when absent: every protocol and port. */
  readonly ports: readonly ClusterPort[] | null;
  readonly origin: Origin;
}

/** How a verdict names a cluster policy. */
export interface ClusterPolicyRef {
  readonly kind: ClusterPolicyKind;
  readonly name: string;
  readonly tier: ClusterTier;
  readonly priority: number;
  readonly origin: Origin;
}

/**
 * A ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy, read into one shape.
 * https://network-policy-api.sigs.k8s.io/api-overview/
 */
export interface ClusterPolicy {
  readonly kind: ClusterPolicyKind;
  readonly name: string;
  readonly tier: ClusterTier;
  /**
   * Lower first, within the tier. A BaselineAdminNetworkPolicy has none: it counts as 1001, after
   * every Baseline ClusterNetworkPolicy (the two generations have no defined order between them).
   */
  readonly priority: number;
  readonly subject: ClusterSubject;
  readonly ingress: readonly ClusterRule[];
  readonly egress: readonly ClusterRule[];
  readonly origin: Origin;
  readonly ref: ClusterPolicyRef;
}

export const BASELINE_ADMIN_PRIORITY = 1001;

export function rulesOf(policy: ClusterPolicy, direction: Direction): readonly ClusterRule[] {
  return direction === 'ingress' ? policy.ingress : policy.egress;
}

/** Whether the subject selects a pod, given its namespace's labels. Host-network pods never are. */
export function subjectSelects(
  subject: ClusterSubject,
  pod: { readonly labels: Readonly<Record<string, string>>; readonly hostNetwork: boolean },
  namespaceLabels: Readonly<Record<string, string>>,
): boolean {
  if (pod.hostNetwork) {
    return false;
  }
  switch (subject.kind) {
    case 'namespaces':
      return subject.namespaces.matches(namespaceLabels);
    case 'pods':
      return (
        subject.namespaceSelector.matches(namespaceLabels) &&
        subject.podSelector.matches(pod.labels)
      );
    case 'invalid':
      return false;
  }
}

/** Orders policies of one tier as they are consulted: priority, then name (ties are undefined). */
export function compareClusterPolicies(left: ClusterPolicy, right: ClusterPolicy): number {
  if (left.priority !== right.priority) {
    return left.priority - right.priority;
  }
  return left.name < right.name ? -1 : left.name > right.name ? 1 : 0;
}
