import type { NetworkPolicy } from '../model/types';
import type { World } from '../world/types';
import { createEvaluator } from './evaluator';
import type { EvaluateOptions } from './evaluator';
import type { Dataplane, Flow, Verdict } from './verdict';

type Evaluate = (flow: Flow) => Verdict;

// Evaluators are kept per (policies, world, dataplane) so repeated calls with the same inputs
// reuse their indexes; weak keys let them go with their inputs.
const evaluators = new WeakMap<
  readonly NetworkPolicy[],
  WeakMap<World, Map<Dataplane, Evaluate>>
>();

/** Decides one flow. Repeated calls with the same `policies` array and `world` share indexes. */
export function evaluateFlow(
  policies: readonly NetworkPolicy[],
  world: World,
  flow: Flow,
  options: EvaluateOptions,
): Verdict {
  let byWorld = evaluators.get(policies);
  if (byWorld === undefined) {
    byWorld = new WeakMap();
    evaluators.set(policies, byWorld);
  }
  let byDataplane = byWorld.get(world);
  if (byDataplane === undefined) {
    byDataplane = new Map();
    byWorld.set(world, byDataplane);
  }
  let evaluate = byDataplane.get(options.dataplane);
  if (evaluate === undefined) {
    evaluate = createEvaluator(policies, world, options);
    byDataplane.set(options.dataplane, evaluate);
  }
  return evaluate(flow);
}
