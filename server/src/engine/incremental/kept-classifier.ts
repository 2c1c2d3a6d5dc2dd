import { sameItems } from '../core/same-items';
import { classifierOf, distinctBlocks, distinctClusterBlocks } from '../evaluate/pod-classes';
import type { Classifier } from '../evaluate/pod-classes';
import type { ClusterPolicy } from '../model/cluster-policy';
import type { NetworkPolicy } from '../model/types';

export interface KeptClassifier {
  /** The keys of the ipBlocks it was made for. */
  readonly blocks: ReadonlySet<string>;
  readonly classifier: Classifier;
}

/**
 * A classifier reads the policies only through their ipBlocks, and one made for more blocks
 * than the policies have only tells endpoints apart more finely, which every verdict allows: it
 * is kept while the added or removed policies bring no block it lacks (in the same world, and
 * with the same cluster policies, whose networks it holds too).
 */
export function classifierFor(
  policies: readonly NetworkPolicy[],
  clusterPolicies: readonly ClusterPolicy[],
  kept: KeptClassifier | undefined,
  changed: readonly NetworkPolicy[] | undefined,
): KeptClassifier {
  if (
    kept !== undefined &&
    changed !== undefined &&
    distinctBlocks(changed).every((block) => kept.blocks.has(block.key))
  ) {
    return kept;
  }
  const blocks = [...distinctBlocks(policies), ...distinctClusterBlocks(clusterPolicies)];
  return { blocks: new Set(blocks.map((block) => block.key)), classifier: classifierOf(blocks) };
}

/** The policies added or removed, or `undefined` when the kept ones changed their order. */
export function changedPolicies(
  before: readonly NetworkPolicy[],
  after: readonly NetworkPolicy[],
): NetworkPolicy[] | undefined {
  const kept = new Set(after);
  const previous = new Set(before);
  const inOrder = sameItems(
    before.filter((policy) => kept.has(policy)),
    after.filter((policy) => previous.has(policy)),
  );
  return inOrder
    ? [
        ...before.filter((policy) => !kept.has(policy)),
        ...after.filter((policy) => !previous.has(policy)),
      ]
    : undefined;
}
