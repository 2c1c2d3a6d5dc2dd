import type { WorkspaceEvaluation } from '../analysis/evaluate-workspace';
import type { Selections } from '../evaluate/pod-facts';
import type { Dataplane } from '../evaluate/verdict';
import type { FlowResult } from '../evaluate/flow-result';
import type { toFlow } from '../flows/evaluate-flows';
import type { SampleFlow } from '../flows/types';
import type { NetworkPolicy } from '../model/types';
import type { Pod } from '../world/types';
import type { Part } from './kept-parts';
import type { KeptClassifier } from './kept-classifier';
import type { WorldBuild } from './update-world';

/** An evaluation with what the next one may reuse, and what changed since the previous one. */
export interface KeptEvaluation extends WorkspaceEvaluation {
  /**
   * The indexes of `flows` whose result is new since the previous evaluation given, when its
   * flows line up with these index by index; absent when they do not.
   */
  readonly changedFlows?: readonly number[];
  /**
   * The pods replaced since the previous evaluation given (old and new versions), when the
   * world changed in nothing else; empty when the world is the same; absent otherwise.
   */
  readonly changedPods?: ReadonlySet<Pod>;
  /**
   * The policies added or removed since the previous evaluation given, when the others kept
   * their order; absent otherwise.
   */
  readonly changedPolicies?: readonly NetworkPolicy[];
  /** What the next evaluation of the same workspace may reuse. */
  readonly memo: EvaluationMemo;
}

export type Resolution = ReturnType<typeof toFlow>;

/**
 * Results keyed by what they came from. `analyzeFile` keeps a document's placed objects while its
 * text is unchanged, and a file's object list while the file is, so after an edit only what
 * depends on the changed documents is built, resolved or evaluated again.
 */
export interface EvaluationMemo {
  readonly dataplane: Dataplane;
  /** What each group of objects (a file) contributed, by the group's key (its URI). */
  readonly parts: ReadonlyMap<string, Part>;
  /** The samples of each part, as `samples` was made of them. */
  readonly sampleLists: readonly (readonly SampleFlow[])[];
  /** Every sample flow, in order, with what was found for it at the same index. */
  readonly samples: readonly SampleFlow[];
  /** Valid for this evaluation's world. */
  readonly resolutions: readonly Resolution[];
  /** Valid for this evaluation's world, policies and dataplane; none for unresolved samples. */
  readonly results: readonly (FlowResult | undefined)[];
  /** For each sample, the index of its result in `flows`, or -1. */
  readonly flowIndexOf: Int32Array;
  /** Endpoint classes for this world; kept while the distinct ipBlocks are the same. */
  readonly classifier: KeptClassifier;
  /** The policies selecting each of the classifier's selection keys, found so far. */
  readonly selections: Selections;
  /** The samples (by index) with a pod of each namespace at one end; found on first use. */
  readonly byNamespace: () => ReadonlyMap<string, readonly number[]>;
  /** The samples (by index) that do not resolve; found on first use. */
  readonly unresolved: () => readonly number[];
  /** The world and what it was built from. */
  readonly worldBuild: WorldBuild;
}
