import { classify } from './classify';
import { createEvaluator } from './evaluate/evaluator';
import type { Dataplane, Endpoint, Flow } from './evaluate/verdict';
import { evaluateSampleFlows, toFlow } from './flows/evaluate-flows';
import { readSampleFlows } from './flows/read-flows';
import type { FlowResult, SampleFlow, UnresolvedEndpoint } from './flows/types';
import { buildPolicy } from './model/build-policy';
import type { NetworkPolicy } from './model/types';
import type { PlacedObject, PlacedProblem } from './source';
import { buildWorld } from './world/build-world';
import type { World } from './world/types';

export { evaluateFlow } from './evaluate/evaluate-flow';
export { createEvaluator } from './evaluate/evaluator';
export { resolveEndpoint, shortReference, longReference } from './flows/resolve-endpoint';
export { resolvePort } from './flows/resolve-port';
export type { PortResolution } from './flows/resolve-port';
export { buildPolicy } from './model/build-policy';
export { buildWorld, namespaceLabels } from './world/build-world';
export type { FlowResult, FlowProblemCode, SampleFlow, UnresolvedEndpoint } from './flows/types';
export type {
  NetworkPolicy,
  Peer,
  PolicyPort,
  Rule,
  Selector,
  SelectorRequirement,
} from './model/types';
export type { World, Pod, Namespace, ContainerPort, Origin, Protocol } from './world/types';
export type * from './evaluate/verdict';

export interface WorkspaceOptions {
  readonly dataplane: Dataplane;
}

export interface WorkspaceEvaluation {
  readonly policies: readonly NetworkPolicy[];
  readonly world: World;
  readonly flows: readonly FlowResult[];
  /** Sample flows whose endpoints or named ports cannot be resolved. */
  readonly problems: readonly PlacedProblem[];
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
  const samples: SampleFlow[] = [];
  for (const object of objects) {
    const kind = classify(object.apiVersion, object.kind);
    if (kind === 'NetworkPolicy') {
      policies.push(buildPolicy(object));
    } else if (kind === 'SampleFlows') {
      samples.push(...readSampleFlows(object));
    }
  }
  const world = buildWorld(objects);
  const evaluate = createEvaluator(policies, world, options);
  const { flows, problems } = evaluateSampleFlows(samples, world, evaluate, options.dataplane);
  return { policies, world, flows, problems };
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
export { summarizeVerdict, explainVerdict } from './present/index';
