import type { ClusterPolicy, ClusterTier } from '../model/cluster-policy';
import { compareClusterPolicies, rulesOf, subjectSelects } from '../model/cluster-policy';
import type { Selector } from '../model/types';
import { labelKey, namespaceLabels } from '../world/build-world';
import type { Pod, World } from '../world/types';
import type { Direction } from './verdict';

/** The cluster policies of one tier that select a pod, as they are consulted. */
export interface TierPolicies {
  readonly admin: readonly ClusterPolicy[];
  readonly baseline: readonly ClusterPolicy[];
}

/** Per direction, the cluster policies with rules of that direction that select a pod. */
export interface TieredPod {
  readonly ingress: TierPolicies;
  readonly egress: TierPolicies;
}

const NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * A lookup of the cluster policies that select a pod. Policies are indexed by what their subject
 * requires (a namespace by name, or a pod label), so a pod is tested only against those that can
 * select it; answers are kept by the pod's selection key (namespace, labels, host network).
 */
export function createTierLookup(
  clusterPolicies: readonly ClusterPolicy[],
  world: World,
  selectionKeyOf: (pod: Pod) => number,
): (pod: Pod) => TieredPod {
  const ordered = orderClusterPolicies(clusterPolicies);
  const rank = new Map(ordered.map((policy, index) => [policy, index]));
  const index = indexBySubject(ordered);
  const byKey: (TieredPod | undefined)[] = [];
  return (pod) => {
    const key = selectionKeyOf(pod);
    let found = byKey[key];
    if (found === undefined) {
      found = selectFor(pod, candidatesOf(index, pod), rank, namespaceLabels(world, pod.namespace));
      byKey[key] = found;
    }
    return found;
  };
}

/** The cluster policies that select one pod, per direction and tier, in the order consulted. */
export function selectTiers(
  clusterPolicies: readonly ClusterPolicy[],
  world: World,
  pod: Pod,
): TieredPod {
  const ordered = orderClusterPolicies(clusterPolicies);
  const rank = new Map(ordered.map((policy, index) => [policy, index]));
  return selectFor(pod, ordered, rank, namespaceLabels(world, pod.namespace));
}

/**
 * Cluster policies in the order a tier consults them: priority, then name (upstream leaves ties
 * undefined; kube-network-policies orders by name), then kind, then as written.
 */
export function orderClusterPolicies(policies: readonly ClusterPolicy[]): ClusterPolicy[] {
  return policies
    .map((policy, position) => ({ policy, position }))
    .sort(
      (left, right) =>
        compareClusterPolicies(left.policy, right.policy) ||
        (left.policy.kind < right.policy.kind
          ? -1
          : left.policy.kind > right.policy.kind
            ? 1
            : 0) ||
        left.position - right.position,
    )
    .map(({ policy }) => policy);
}

interface SubjectIndex {
  readonly everywhere: readonly ClusterPolicy[];
  readonly byNamespace: ReadonlyMap<string, ClusterPolicy[]>;
  readonly byLabel: ReadonlyMap<string, ClusterPolicy[]>;
}

function indexBySubject(policies: readonly ClusterPolicy[]): SubjectIndex {
  const everywhere: ClusterPolicy[] = [];
  const byNamespace = new Map<string, ClusterPolicy[]>();
  const byLabel = new Map<string, ClusterPolicy[]>();
  const push = (map: Map<string, ClusterPolicy[]>, key: string, policy: ClusterPolicy) => {
    const list = map.get(key);
    if (list === undefined) {
      map.set(key, [policy]);
    } else {
      list.push(policy);
    }
  };
  for (const policy of policies) {
    const subject = policy.subject;
    if (subject.kind === 'invalid') {
      continue;
    }
    const podLabel = subject.kind === 'pods' ? firstLabel(subject.podSelector) : undefined;
    const namespace = namedNamespace(
      subject.kind === 'pods' ? subject.namespaceSelector : subject.namespaces,
    );
    if (podLabel !== undefined) {
      push(byLabel, podLabel, policy);
    } else if (namespace !== undefined) {
      push(byNamespace, namespace, policy);
    } else {
      everywhere.push(policy);
    }
  }
  return { everywhere, byNamespace, byLabel };
}

function firstLabel(selector: Selector): string | undefined {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    return labelKey(key, value);
  }
  return undefined;
}

function namedNamespace(selector: Selector): string | undefined {
  return selector.matchLabels[NAME_LABEL];
}

function candidatesOf(index: SubjectIndex, pod: Pod): ClusterPolicy[] {
  const candidates = [...index.everywhere, ...(index.byNamespace.get(pod.namespace) ?? [])];
  for (const [key, value] of Object.entries(pod.labels)) {
    candidates.push(...(index.byLabel.get(labelKey(key, value)) ?? []));
  }
  return candidates;
}

function selectFor(
  pod: Pod,
  candidates: readonly ClusterPolicy[],
  rank: ReadonlyMap<ClusterPolicy, number>,
  labelsOfNamespace: Readonly<Record<string, string>>,
): TieredPod {
  const selecting = candidates
    .filter((policy) => subjectSelects(policy.subject, pod, labelsOfNamespace))
    .sort((left, right) => rank.get(left)! - rank.get(right)!);
  const tier = (name: ClusterTier, direction: Direction) =>
    selecting.filter((policy) => policy.tier === name && rulesOf(policy, direction).length > 0);
  return {
    ingress: { admin: tier('Admin', 'ingress'), baseline: tier('Baseline', 'ingress') },
    egress: { admin: tier('Admin', 'egress'), baseline: tier('Baseline', 'egress') },
  };
}
