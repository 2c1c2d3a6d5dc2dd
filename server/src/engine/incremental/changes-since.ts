import { sameItems } from '../core/same-items';
import type { ClusterPolicy } from '../model/cluster-policy';
import type { NetworkPolicy } from '../model/types';
import type { Pod, World } from '../world/types';
import type { KeptEvaluation } from './evaluation-memo';
import { changedPolicies } from './kept-classifier';
import { podChanges } from './kept-parts';

/** What an edit changed since the previous evaluation, as far as reusing its work needs. */
export interface Changes {
  /** The pods an edit replaced, when it changed nothing else of the world. */
  readonly changedPods: Set<Pod> | undefined;
  /** The policies added or removed (`changedPolicies`), when the cluster policies are the same. */
  readonly changed: readonly NetworkPolicy[] | undefined;
  /** The previous list of cluster policies when its items are the same, else the new one. */
  readonly keptClusterPolicies: readonly ClusterPolicy[];
}

export function changesSince(
  previous: KeptEvaluation | undefined,
  world: World,
  policies: readonly NetworkPolicy[],
  clusterPolicies: readonly ClusterPolicy[],
): Changes {
  if (previous === undefined) {
    return { changedPods: undefined, changed: undefined, keptClusterPolicies: clusterPolicies };
  }
  const changedPods = podChanges(previous.world, world);
  // A changed cluster policy can change any verdict: everything is decided again.
  if (!sameItems(previous.clusterPolicies, clusterPolicies)) {
    return { changedPods, changed: undefined, keptClusterPolicies: clusterPolicies };
  }
  return {
    changedPods,
    changed: changedPolicies(previous.policies, policies),
    keptClusterPolicies: previous.clusterPolicies,
  };
}
