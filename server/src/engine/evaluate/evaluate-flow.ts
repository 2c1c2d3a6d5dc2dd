import type { ClusterPolicy } from '../model/cluster-policy';
import type { NetworkPolicy } from '../model/types';
import type { World } from '../world/types';
import { createEvaluator } from './evaluator';
import type { EvaluateOptions } from './evaluator';
import type { Dataplane, Flow, Verdict } from './verdict';

type Evaluate = (flow: Flow) => Verdict;

const NO_CLUSTER_POLICIES: readonly ClusterPolicy[] = [];

// Evaluators are kept per (policies, world, cluster policies, dataplane) so repeated calls with the same inputs
// reuse their indexes; weak keys let them go with their inputs.
const evaluators = new WeakMap<
  readonly NetworkPolicy[],
  WeakMap<World, WeakMap<readonly ClusterPolicy[], Map<Dataplane, Evaluate>>>
>();

/**
 * Decides one flow. Repeated calls with the same `policies` and `clusterPolicies` arrays and
 * `world` share indexes.
 */
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
  let byClusterPolicies = byWorld.get(world);
  if (byClusterPolicies === undefined) {
    byClusterPolicies = new WeakMap();
    byWorld.set(world, byClusterPolicies);
  }
  const clusterPolicies = options.clusterPolicies ?? NO_CLUSTER_POLICIES;
  let byDataplane = byClusterPolicies.get(clusterPolicies);
  if (byDataplane === undefined) {
    byDataplane = new Map();
    byClusterPolicies.set(clusterPolicies, byDataplane);
  }
  let evaluate = byDataplane.get(options.dataplane);
  if (evaluate === undefined) {
    evaluate = createEvaluator(policies, world, options);
    byDataplane.set(options.dataplane, evaluate);
  }
  return evaluate(flow);
}
