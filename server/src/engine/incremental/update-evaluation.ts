import { sameItems } from '../core/same-items';
import type { Flow } from '../evaluate/verdict';
import { toFlowResult } from '../evaluate/flow-result';
import type { WorkspaceOptions } from '../analysis/evaluate-workspace';
import type { SampleFlow } from '../flows/types';
import type { PlacedObject } from '../core/source';
import { updateWorld } from './update-world';
import { inFileOrder, partOf, sameWorldParts } from './kept-parts';
import type { Part } from './kept-parts';
import { changesSince } from './changes-since';
import type { EvaluationMemo, KeptEvaluation } from './evaluation-memo';
import { keptEvaluator } from './kept-evaluator';
import { decideAgain, redecideKept } from './redecide';
import type { Deciding } from './redecide';
import { dnsKey, GKE_KUBE_DNS } from '../world/cluster-dns';
import type { ClusterDns } from '../world/cluster-dns';

/**
 * `evaluateWorkspace` over objects in groups (files), keyed by URI. Given the previous evaluation
 * of the same workspace, what a group that is the same array contributed is kept, and only the
 * flows that an edit can have changed are resolved and decided again.
 */
export function updateEvaluation(
  groups: ReadonlyMap<string, readonly PlacedObject[]>,
  options: WorkspaceOptions,
  previous: KeptEvaluation | undefined,
): KeptEvaluation {
  const memo = previous?.memo;
  const { parts, policies, clusterPolicies, sampleLists, samples, worldBuild } = updateInputs(
    groups,
    options.clusterDns ?? GKE_KUBE_DNS,
    memo,
  );
  const { world } = worldBuild;
  const changes = changesSince(previous, world, policies, clusterPolicies);
  const { changedPods, changed } = changes;
  const { classifier, selections, evaluate } = keptEvaluator(
    { policies, clusterPolicies, world, options, changedPods, changed },
    memo,
  );
  const decide = (sample: SampleFlow, flow: Flow) =>
    toFlowResult(sample, flow, evaluate(flow), options.dataplane);
  const common = {
    policies,
    clusterPolicies: changes.keptClusterPolicies,
    world,
    evaluate,
    ...(changedPods ? { changedPods } : {}),
    ...(changed ? { changedPolicies: changed } : {}),
  };
  const kept = { parts, sampleLists, worldBuild, classifier, selections };
  const deciding: Deciding = { samples, world, decide, dataplane: options.dataplane };
  // In the same world, a sample resolved before keeps its resolution.
  const sameWorld = changedPods?.size === 0 ? memo : undefined;
  const decided =
    redecideKept(previous, changes, deciding, kept) ?? decideAgain(deciding, kept, sameWorld);
  return { ...common, ...decided };
}

/** What each group contributes, kept for a group that is the same array, and the world. */
function updateInputs(
  groups: ReadonlyMap<string, readonly PlacedObject[]>,
  dns: ClusterDns,
  memo: EvaluationMemo | undefined,
) {
  const parts = new Map<string, Part>();
  for (const [key, objects] of groups) {
    parts.set(key, partOf(objects, memo?.parts.get(key)));
  }
  const policies = [...parts.values()].flatMap((part) => [...part.policyOf.values()]);
  const clusterPolicies = [...parts.values()].flatMap((part) => [...part.clusterPolicyOf.values()]);
  // The samples of unchanged files are the same lists: then the whole list is the same too.
  const sampleLists = [...parts.values()].map((part) => part.samples);
  const samples =
    memo !== undefined && sameItems(sampleLists, memo.sampleLists)
      ? memo.samples
      : sampleLists.flat();
  const sameParts =
    memo !== undefined && memo.worldBuild.dns === dnsKey(dns) && sameWorldParts(parts, memo.parts);
  const worldBuild = sameParts
    ? memo.worldBuild
    : updateWorld(inFileOrder(parts), memo?.worldBuild, dns);
  return { parts, policies, clusterPolicies, sampleLists, samples, worldBuild };
}
