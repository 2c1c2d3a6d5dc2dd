import { classify, isClusterPolicyKind } from '../core/classify';
import type { PlacedObject, PlacedProblem } from '../core/source';
import type { Dataplane } from '../core/vocabulary';
import { createEvaluator } from '../evaluate/evaluator';
import { toFlowResult } from '../evaluate/flow-result';
import type { FlowResult } from '../evaluate/flow-result';
import { classifierOf, distinctBlocks, distinctClusterBlocks } from '../evaluate/pod-classes';
import type { Flow, Verdict } from '../evaluate/verdict';
import { toFlow } from '../flows/evaluate-flows';
import { readSampleFlows } from '../flows/read-flows';
import type { Endpoint, SampleFlow, UnresolvedEndpoint } from '../flows/types';
import { buildClusterPolicy } from '../model/build-cluster-policy';
import { buildPolicy } from '../model/build-policy';
import type { ClusterPolicy } from '../model/cluster-policy';
import type { NetworkPolicy } from '../model/types';
import { buildWorld } from '../world/build-world';
import type { ClusterDns } from '../world/cluster-dns';
import type { World } from '../world/types';

export { evaluateFlow } from '../evaluate/evaluate-flow';
export { createEvaluator } from '../evaluate/evaluator';
export { resolveEndpoint, shortReference, longReference } from '../flows/resolve-endpoint';
export { resolvePort } from '../flows/resolve-port';
export type { PortResolution } from '../flows/resolve-port';
export { buildPolicy } from '../model/build-policy';
export { buildWorld, namespaceLabels } from '../world/build-world';
export type { SampleFlow, UnresolvedEndpoint } from '../flows/types';
export type { FlowResult } from '../evaluate/flow-result';
export type { ClusterPolicy } from '../model/cluster-policy';
export type {
  NetworkPolicy,
  Peer,
  PolicyPort,
  Rule,
  Selector,
  SelectorRequirement,
} from '../model/types';
export type { World, Pod, Namespace, ContainerPort, Origin, Protocol } from '../world/types';
export type * from '../evaluate/verdict';

export interface WorkspaceOptions {
  readonly dataplane: Dataplane;
  /** The cluster DNS to assume when the workspace has no pod of it; GKE's kube-dns when absent. */
  readonly clusterDns?: ClusterDns;
}

/** The policies and the world of a workspace, and every sample flow decided against them. */
export interface WorkspaceEvaluation {
  readonly policies: readonly NetworkPolicy[];
  /** ClusterNetworkPolicies, AdminNetworkPolicies and BaselineAdminNetworkPolicies, as written. */
  readonly clusterPolicies: readonly ClusterPolicy[];
  readonly world: World;
  readonly flows: readonly FlowResult[];
  /** Sample flows whose endpoints or named ports cannot be resolved. */
  readonly problems: readonly PlacedProblem[];
  /** Decides any other flow against the same policies and world, sharing what was found. */
  readonly evaluate: (flow: Flow) => Verdict;
}

/**
 * Builds the policies and the world from every object of the workspace (any kind; unknown
 * kinds are ignored) and decides every sample flow. Total: never throws on user input.
 */
export function evaluateWorkspace(
  objects: readonly PlacedObject[],
  options: WorkspaceOptions,
): WorkspaceEvaluation {
  const policies: NetworkPolicy[] = [];
  const clusterPolicies: ClusterPolicy[] = [];
  const samples: SampleFlow[] = [];
  const worldObjects: PlacedObject[] = [];
  for (const object of objects) {
    const kind = classify(object.apiVersion, object.kind);
    if (kind === 'NetworkPolicy') {
      policies.push(buildPolicy(object));
    } else if (kind === 'SampleFlows') {
      samples.push(...readSampleFlows(object));
    } else if (isClusterPolicyKind(kind)) {
      clusterPolicies.push(buildClusterPolicy(object, kind));
    } else if (kind !== undefined && kind !== 'NetworkLogging' && !isClusterPolicyKind(kind)) {
      worldObjects.push(object);
    }
  }
  const world = buildWorld(worldObjects, options.clusterDns);
  let evaluator: ((flow: Flow) => Verdict) | undefined;
  const evaluate = (flow: Flow): Verdict => {
    evaluator ??= createEvaluator(
      policies,
      world,
      { ...options, clusterPolicies },
      classifierOf([...distinctBlocks(policies), ...distinctClusterBlocks(clusterPolicies)]),
      new Map(),
    );
    return evaluator(flow);
  };
  const flows: FlowResult[] = [];
  const problems: PlacedProblem[] = [];
  for (const sample of samples) {
    const resolution = toFlow(sample, world);
    if ('problems' in resolution) {
      problems.push(...resolution.problems);
    } else {
      const verdict = evaluate(resolution.flow);
      flows.push(toFlowResult(sample, resolution.flow, verdict, options.dataplane));
    }
  }
  return { policies, clusterPolicies, world, flows, problems, evaluate };
}

/** Resolves `from`, `to` and a port for the `simulate` command: a flow, or why there is none. */
export function resolveFlow(
  world: World,
  request: {
    readonly from: string;
    readonly to: string;
    readonly port: number | string;
    readonly protocol?: Flow['protocol'];
  },
): { readonly flow: Flow } | { readonly problems: readonly PlacedProblem[] } {
  const zero = { start: 0, end: 0 };
  const sample: SampleFlow = {
    uri: '',
    span: zero,
    origin: { uri: '', offset: 0, path: [] },
    name: null,
    from: request.from,
    to: request.to,
    port: request.port,
    protocol: request.protocol ?? 'TCP',
    expect: null,
    expectLogged: null,
    spans: { from: zero, to: zero, port: zero },
  };
  return toFlow(sample, world);
}

export type ResolvedEndpoint = Endpoint | UnresolvedEndpoint;
export { summarizeVerdict, explainVerdict } from '../present/index';
