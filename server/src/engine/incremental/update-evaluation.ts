import { sameItems } from '../core/same-items';
import { createEvaluator } from '../evaluate/evaluator';
import { keptSelections } from '../evaluate/pod-facts';
import type { KeyedSelection, Selections } from '../evaluate/pod-facts';
import type { Dataplane, Endpoint, Flow, Verdict } from '../evaluate/verdict';
import { toFlow } from '../flows/evaluate-flows';
import { toFlowResult } from '../evaluate/flow-result';
import type { FlowResult } from '../evaluate/flow-result';
import type { WorkspaceEvaluation, WorkspaceOptions } from '../analysis/evaluate-workspace';
import type { SampleFlow } from '../flows/types';
import type { ClusterPolicy } from '../model/cluster-policy';
import { selectsPod } from '../model/types';
import type { NetworkPolicy } from '../model/types';
import type { PlacedObject, PlacedProblem } from '../core/source';
import { updateWorld } from './update-world';
import { inFileOrder, partOf, podChanges, sameWorldParts } from './kept-parts';
import type { Part } from './kept-parts';
import { changedPolicies, classifierFor } from './kept-classifier';
import type { KeptClassifier } from './kept-classifier';
import { indexByNamespace, unresolvedOf } from './flow-indexes';
import { dnsKey, GKE_KUBE_DNS } from '../world/cluster-dns';
import type { ClusterDns } from '../world/cluster-dns';
import type { WorldBuild } from './update-world';
import type { Pod, World } from '../world/types';

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

type Resolution = ReturnType<typeof toFlow>;

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

/** What an edit changed since the previous evaluation, as far as reusing its work needs. */
interface Changes {
  /** The pods an edit replaced, when it changed nothing else of the world. */
  readonly changedPods: Set<Pod> | undefined;
  /** The policies added or removed (`changedPolicies`), when the cluster policies are the same. */
  readonly changed: readonly NetworkPolicy[] | undefined;
  /** The previous list of cluster policies when its items are the same, else the new one. */
  readonly keptClusterPolicies: readonly ClusterPolicy[];
}

function changesSince(
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

/** What deciding the samples reads. */
interface Deciding {
  readonly samples: readonly SampleFlow[];
  readonly world: World;
  readonly decide: (sample: SampleFlow, flow: Flow) => FlowResult;
  readonly dataplane: Dataplane;
}

/**
 * The previous results with the flows an edit can have changed decided again (see `redecide`),
 * when the samples and the dataplane are the same and the world changed in some pods at most;
 * `undefined` when everything must be decided again.
 */
function redecideKept(
  previous: KeptEvaluation | undefined,
  changes: Changes,
  deciding: Deciding,
  kept: KeptParts,
): Pick<KeptEvaluation, 'flows' | 'problems' | 'changedFlows' | 'memo'> | undefined {
  const { changedPods, changed } = changes;
  const { samples, world, decide, dataplane } = deciding;
  if (
    previous === undefined ||
    changedPods === undefined ||
    previous.memo.dataplane !== dataplane ||
    !(samples === previous.memo.samples || sameItems(samples, previous.memo.samples))
  ) {
    return undefined;
  }
  const redecided = redecide(previous, changed, world, changedPods, decide);
  if (redecided === undefined) {
    return undefined;
  }
  const { flows, problems, changedFlows, resolutions, results } = redecided;
  return {
    flows,
    problems,
    changedFlows,
    memo: { ...previous.memo, ...kept, resolutions, results },
  };
}

type KeptParts = Pick<
  EvaluationMemo,
  'parts' | 'sampleLists' | 'worldBuild' | 'classifier' | 'selections'
>;

/** Every sample decided again, with the memo that lets the next evaluation reuse the results. */
function decideAgain(
  deciding: Deciding,
  kept: KeptParts,
  sameWorld: EvaluationMemo | undefined,
): Pick<KeptEvaluation, 'flows' | 'problems' | 'memo'> {
  const { samples, world, decide, dataplane } = deciding;
  const decided = decideAll(samples, world, decide, sameWorld);
  return {
    flows: decided.flows,
    problems: decided.problems,
    memo: {
      ...kept,
      dataplane,
      samples,
      resolutions: decided.resolutions,
      results: decided.results,
      flowIndexOf: decided.flowIndexOf,
      byNamespace: once(() => indexByNamespace(decided.resolutions)),
      unresolved: once(() => unresolvedOf(decided.resolutions)),
    },
  };
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

/**
 * The evaluator, made on first use, with the endpoint classes and the policies' selections of
 * the previous one where an edit left them valid.
 */
function keptEvaluator(
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

/**
 * Resolves and decides every sample. With the memo of an evaluation of the same world, a sample
 * resolved before keeps its resolution: found again by the sample.
 */
function decideAll(
  samples: readonly SampleFlow[],
  world: World,
  decide: (sample: SampleFlow, flow: Flow) => FlowResult,
  sameWorld: EvaluationMemo | undefined,
) {
  const before = new Map<SampleFlow, number>();
  sameWorld?.samples.forEach((sample, index) => before.set(sample, index));
  const resolutions: Resolution[] = [];
  const results: (FlowResult | undefined)[] = [];
  const flowIndexOf = new Int32Array(samples.length).fill(-1);
  const flows: FlowResult[] = [];
  const problems: PlacedProblem[] = [];
  samples.forEach((sample, index) => {
    const kept = before.get(sample);
    const resolution = kept === undefined ? toFlow(sample, world) : sameWorld!.resolutions[kept]!;
    resolutions.push(resolution);
    if ('problems' in resolution) {
      problems.push(...resolution.problems);
      results.push(undefined);
      return;
    }
    const result = decide(sample, resolution.flow);
    results.push(result);
    flowIndexOf[index] = flows.length;
    flows.push(result);
  });
  return { flows, problems, resolutions, results, flowIndexOf };
}

type Redecided = Pick<KeptEvaluation, 'flows' | 'problems' | 'changedFlows'> &
  Pick<EvaluationMemo, 'resolutions' | 'results'>;

/**
 * The same samples under the same dataplane, in a world that differs at most in some pods, with
 * the same or other policies. A verdict reads only its two endpoints and the policies that
 * select one of them, so only flows with a replaced pod at one end, or between pods that an added
 * or removed policy selects, are resolved or decided again; a flow that no longer resolves as it
 * did (a named port gone) leaves the caller to start over (`undefined`). When the remaining
 * policies come in another order, a verdict's lists could too: everything is decided again.
 */
function redecide(
  previous: KeptEvaluation,
  changed: readonly NetworkPolicy[] | undefined,
  world: World,
  changedPods: ReadonlySet<Pod>,
  decide: (sample: SampleFlow, flow: Flow) => FlowResult,
): Redecided | undefined {
  const { memo } = previous;
  if (changed !== undefined && changed.length === 0 && changedPods.size === 0) {
    return { ...previous, changedFlows: [], resolutions: memo.resolutions, results: memo.results };
  }
  const resolutions = [...memo.resolutions];
  let problems = previous.problems;
  if (changedPods.size > 0) {
    // An unresolved sample may name what a replaced pod now has, such as a port.
    for (const index of memo.unresolved()) {
      const resolution = toFlow(memo.samples[index]!, world);
      if (!('problems' in resolution)) {
        return undefined;
      }
      resolutions[index] = resolution;
    }
    problems = memo.unresolved().flatMap((index) => problemsOf(resolutions[index]!));
  }
  const candidates = candidatesOf(memo, changed, changedPods);
  const selected = (endpoint: Endpoint): boolean =>
    changed === undefined ||
    (endpoint.kind === 'pod' && changed.some((policy) => selectsPod(policy, endpoint.pod)));
  const replaced = (endpoint: Endpoint) => endpoint.kind === 'pod' && changedPods.has(endpoint.pod);
  const flows = [...previous.flows];
  const changedFlows: number[] = [];
  const results = [...memo.results];
  for (const index of candidates) {
    let resolution = resolutions[index]!;
    if ('problems' in resolution) {
      continue;
    }
    const moved = replaced(resolution.flow.source) || replaced(resolution.flow.destination);
    if (moved) {
      resolution = toFlow(memo.samples[index]!, world);
      if ('problems' in resolution) {
        return undefined;
      }
      resolutions[index] = resolution;
    }
    const { flow } = resolution;
    if (moved || selected(flow.source) || selected(flow.destination)) {
      const result = decide(memo.samples[index]!, flow);
      results[index] = result;
      flows[memo.flowIndexOf[index]!] = result;
      changedFlows.push(memo.flowIndexOf[index]!);
    }
  }
  return { flows, problems, changedFlows, resolutions, results };
}

/** The samples with a pod of a namespace that a changed policy or a replaced pod is in. */
function candidatesOf(
  memo: EvaluationMemo,
  changed: readonly NetworkPolicy[] | undefined,
  changedPods: ReadonlySet<Pod>,
): readonly number[] {
  if (changed === undefined) {
    return memo.samples.map((_, index) => index);
  }
  const namespaces = new Set([
    ...changed.map((policy) => policy.namespace),
    ...[...changedPods].map((pod) => pod.namespace),
  ]);
  return [
    ...new Set([...namespaces].flatMap((namespace) => memo.byNamespace().get(namespace) ?? [])),
  ];
}

function problemsOf(resolution: Resolution): readonly PlacedProblem[] {
  return 'problems' in resolution ? resolution.problems : [];
}

function once<T>(compute: () => T): () => T {
  let value: { readonly value: T } | undefined;
  return () => {
    value ??= { value: compute() };
    return value.value;
  };
}
