import { sameItems } from '../core/same-items';
import type { PlacedProblem } from '../core/source';
import type { Dataplane, Endpoint, Flow } from '../evaluate/verdict';
import type { FlowResult } from '../evaluate/flow-result';
import { toFlow } from '../flows/evaluate-flows';
import type { SampleFlow } from '../flows/types';
import { selectsPod } from '../model/types';
import type { NetworkPolicy } from '../model/types';
import type { Pod, World } from '../world/types';
import type { Changes } from './changes-since';
import type { EvaluationMemo, KeptEvaluation, Resolution } from './evaluation-memo';
import { indexByNamespace, unresolvedOf } from './flow-indexes';

/** What deciding the samples reads. */
export interface Deciding {
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
export function redecideKept(
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
export function decideAgain(
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
