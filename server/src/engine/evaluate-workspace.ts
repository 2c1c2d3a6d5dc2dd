import { classify } from './classify';
import { createEvaluator } from './evaluate/evaluator';
import type { Dataplane, Endpoint, Flow, Verdict } from './evaluate/verdict';
import { toFlow } from './flows/evaluate-flows';
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
  /** What the next evaluation of the same workspace may reuse. */
  readonly memo: EvaluationMemo;
}

type Resolution = ReturnType<typeof toFlow>;

/**
 * Results keyed by the placed objects they came from. `analyzeFile` keeps a document's placed
 * objects while its text and offset are unchanged, so after an edit only what depends on the
 * changed documents is built, resolved or evaluated again.
 */
export interface EvaluationMemo {
  readonly dataplane: Dataplane;
  readonly policyOf: ReadonlyMap<PlacedObject, NetworkPolicy>;
  readonly samplesOf: ReadonlyMap<PlacedObject, readonly SampleFlow[]>;
  readonly worldObjects: readonly PlacedObject[];
  /** Valid for this evaluation's world. */
  readonly resolutionOf: ReadonlyMap<SampleFlow, Resolution>;
  /** Valid for this evaluation's world, policies and dataplane. */
  readonly resultOf: ReadonlyMap<SampleFlow, FlowResult>;
}

/**
 * Builds the policies and the world from every object of the workspace (any kind; unknown
 * kinds are ignored) and decides every sample flow. Total: never throws on user input.
 * Given the previous evaluation of the same workspace, it reuses what the change left intact.
 */
export function evaluateWorkspace(
  objects: readonly PlacedObject[],
  options: WorkspaceOptions,
  previous?: WorkspaceEvaluation,
): WorkspaceEvaluation {
  const memo = previous?.memo;
  const policyOf = new Map<PlacedObject, NetworkPolicy>();
  const samplesOf = new Map<PlacedObject, readonly SampleFlow[]>();
  const worldObjects: PlacedObject[] = [];
  for (const object of objects) {
    const kind = classify(object.apiVersion, object.kind);
    if (kind === 'NetworkPolicy') {
      policyOf.set(object, memo?.policyOf.get(object) ?? buildPolicy(object));
    } else if (kind === 'SampleFlows') {
      samplesOf.set(object, memo?.samplesOf.get(object) ?? readSampleFlows(object));
    } else if (kind !== undefined && kind !== 'NetworkLogging') {
      worldObjects.push(object);
    }
  }
  const policies = [...policyOf.values()];
  const sameWorld = memo !== undefined && sameItems(worldObjects, memo.worldObjects);
  const world = sameWorld ? previous!.world : buildWorld(worldObjects);
  const sameVerdicts =
    sameWorld && memo.dataplane === options.dataplane && sameItems(policies, previous!.policies);
  let evaluate: ((flow: Flow) => Verdict) | undefined;
  const resolutionOf = new Map<SampleFlow, Resolution>();
  const resultOf = new Map<SampleFlow, FlowResult>();
  const flows: FlowResult[] = [];
  const problems: PlacedProblem[] = [];
  for (const sample of [...samplesOf.values()].flat()) {
    const resolution =
      (sameWorld ? memo.resolutionOf.get(sample) : undefined) ?? toFlow(sample, world);
    resolutionOf.set(sample, resolution);
    if ('problems' in resolution) {
      problems.push(...resolution.problems);
      continue;
    }
    let result = sameVerdicts ? memo.resultOf.get(sample) : undefined;
    if (result === undefined) {
      evaluate ??= createEvaluator(policies, world, options);
      result = toResult(sample, resolution.flow, evaluate(resolution.flow), options.dataplane);
    }
    resultOf.set(sample, result);
    flows.push(result);
  }
  return {
    policies,
    world,
    flows,
    problems,
    memo: {
      dataplane: options.dataplane,
      policyOf,
      samplesOf,
      worldObjects,
      resolutionOf,
      resultOf,
    },
  };
}

function toResult(
  sample: SampleFlow,
  flow: Flow,
  verdict: Verdict,
  dataplane: Dataplane,
): FlowResult {
  const ok = sample.expect === null || (sample.expect === 'allow') === verdict.allowed;
  const { spans: _spans, ...written } = sample;
  return { ...written, flow, verdict, dataplane, ok };
}

function sameItems<T>(left: readonly T[], right: readonly T[]): boolean {
  return left.length === right.length && left.every((item, index) => item === right[index]);
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
