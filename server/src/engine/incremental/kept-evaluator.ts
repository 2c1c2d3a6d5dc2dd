import type { WorkspaceOptions } from '../analysis/evaluate-workspace';
import { createEvaluator } from '../evaluate/evaluator';
import { keptSelections } from '../evaluate/pod-facts';
import type { KeyedSelection, Selections } from '../evaluate/pod-facts';
import type { Flow, Verdict } from '../evaluate/verdict';
import type { ClusterPolicy } from '../model/cluster-policy';
import type { NetworkPolicy } from '../model/types';
import type { Pod, World } from '../world/types';
import type { EvaluationMemo } from './evaluation-memo';
import { classifierFor } from './kept-classifier';

/**
 * The evaluator, made on first use, with the endpoint classes and the policies' selections of
 * the previous one where an edit left them valid.
 */
export function keptEvaluator(
  input: {
    readonly policies: readonly NetworkPolicy[];
    readonly clusterPolicies: readonly ClusterPolicy[];
    readonly world: World;
    readonly options: WorkspaceOptions;
    readonly changedPods: ReadonlySet<Pod> | undefined;
    readonly changed: readonly NetworkPolicy[] | undefined;
  },
  memo: EvaluationMemo | undefined,
) {
  const { policies, clusterPolicies, world, options, changedPods, changed } = input;
  const classifier = classifierFor(
    policies,
    clusterPolicies,
    changedPods && memo!.classifier,
    changed,
  );
  // Which policies select a label set holds while no changed policy selects it.
  const selections: Selections =
    changed !== undefined && classifier === memo!.classifier
      ? keptSelections(memo!.selections, changed)
      : new Map<number, KeyedSelection>();
  let evaluator: ((flow: Flow) => Verdict) | undefined;
  const evaluate = (flow: Flow): Verdict => {
    evaluator ??= createEvaluator(
      policies,
      world,
      { ...options, clusterPolicies },
      classifier.classifier,
      selections,
    );
    return evaluator(flow);
  };
  return { classifier, selections, evaluate };
}
