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
 * Results keyed by what they came from. `analyzeFile` keeps a document's placed objects while its
 * text is unchanged, and a file's object list while the file is, so after an edit only what
 * depends on the changed documents is built, resolved or evaluated again.
 */
export interface EvaluationMemo {
  readonly dataplane: Dataplane;
  /** What each group of objects (a file) contributed, by the group's key (its URI). */
  readonly parts: ReadonlyMap<string, Part>;
  /** Valid for this evaluation's world. */
  readonly resolutionOf: ReadonlyMap<SampleFlow, Resolution>;
  /** Valid for this evaluation's world, policies and dataplane. */
  readonly resultOf: ReadonlyMap<SampleFlow, FlowResult>;
}

/** What one group of objects contributes; the same while the group is the same array. */
interface Part {
  readonly objects: readonly PlacedObject[];
  readonly policyOf: ReadonlyMap<PlacedObject, NetworkPolicy>;
  readonly samplesOf: ReadonlyMap<PlacedObject, readonly SampleFlow[]>;
  readonly worldObjects: readonly PlacedObject[];
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
  return evaluateGroups(new Map([['', objects]]), options, previous);
}

/** `evaluateWorkspace` over objects in groups (files), keyed by URI, each kept while unchanged. */
export function evaluateGroups(
  groups: ReadonlyMap<string, readonly PlacedObject[]>,
  options: WorkspaceOptions,
  previous?: WorkspaceEvaluation,
): WorkspaceEvaluation {
  const memo = previous?.memo;
  const parts = new Map<string, Part>();
  for (const [key, objects] of groups) {
    parts.set(key, partOf(objects, memo?.parts.get(key)));
  }
  const policies = [...parts.values()].flatMap((part) => [...part.policyOf.values()]);
  const sameWorld = memo !== undefined && sameWorldParts(parts, memo.parts);
  const world = sameWorld
    ? previous!.world
    : buildWorld([...parts.values()].flatMap((part) => part.worldObjects));
  const unaffected =
    sameWorld && memo.dataplane === options.dataplane
      ? unaffectedBy(previous!.policies, policies)
      : () => false;
  let evaluate: ((flow: Flow) => Verdict) | undefined;
  const resolutionOf = new Map<SampleFlow, Resolution>();
  const resultOf = new Map<SampleFlow, FlowResult>();
  const flows: FlowResult[] = [];
  const problems: PlacedProblem[] = [];
  for (const part of parts.values()) {
    for (const samples of part.samplesOf.values()) {
      for (const sample of samples) {
        const resolution =
          (sameWorld ? memo.resolutionOf.get(sample) : undefined) ?? toFlow(sample, world);
        resolutionOf.set(sample, resolution);
        if ('problems' in resolution) {
          problems.push(...resolution.problems);
          continue;
        }
        let result = memo?.resultOf.get(sample);
        if (result === undefined || !unaffected(resolution.flow)) {
          evaluate ??= createEvaluator(policies, world, options);
          result = toResult(sample, resolution.flow, evaluate(resolution.flow), options.dataplane);
        }
        resultOf.set(sample, result);
        flows.push(result);
      }
    }
  }
  return {
    policies,
    world,
    flows,
    problems,
    memo: { dataplane: options.dataplane, parts, resolutionOf, resultOf },
  };
}

function partOf(objects: readonly PlacedObject[], previous: Part | undefined): Part {
  if (previous?.objects === objects) {
    return previous;
  }
  const policyOf = new Map<PlacedObject, NetworkPolicy>();
  const samplesOf = new Map<PlacedObject, readonly SampleFlow[]>();
  const worldObjects: PlacedObject[] = [];
  for (const object of objects) {
    const kind = classify(object.apiVersion, object.kind);
    if (kind === 'NetworkPolicy') {
      policyOf.set(object, previous?.policyOf.get(object) ?? buildPolicy(object));
    } else if (kind === 'SampleFlows') {
      samplesOf.set(object, previous?.samplesOf.get(object) ?? readSampleFlows(object));
    } else if (kind !== undefined && kind !== 'NetworkLogging') {
      worldObjects.push(object);
    }
  }
  // The same world objects keep the same list, so the world is seen to be the same.
  const same = previous !== undefined && sameItems(worldObjects, previous.worldObjects);
  return {
    objects,
    policyOf,
    samplesOf,
    worldObjects: same ? previous.worldObjects : worldObjects,
  };
}

function sameWorldParts(
  parts: ReadonlyMap<string, Part>,
  before: ReadonlyMap<string, Part>,
): boolean {
  const worldOf = (map: ReadonlyMap<string, Part>) =>
    [...map.values()].map((part) => part.worldObjects).filter((list) => list.length > 0);
  return sameItems(worldOf(parts), worldOf(before));
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

/**
 * Whether a flow's verdict cannot have changed from the `before` policies to the `after` ones in
 * the same world: a verdict reads only the policies that select its source or its destination,
 * so flows between pods that no added or removed policy selects keep theirs. A change in the
 * order of the remaining policies could reorder a verdict's lists: everything is then decided again.
 */
function unaffectedBy(
  before: readonly NetworkPolicy[],
  after: readonly NetworkPolicy[],
): (flow: Flow) => boolean {
  const kept = new Set(after);
  const removed = before.filter((policy) => !kept.has(policy));
  const previous = new Set(before);
  const added = after.filter((policy) => !previous.has(policy));
  if (
    !sameItems(
      before.filter((policy) => kept.has(policy)),
      after.filter((policy) => previous.has(policy)),
    )
  ) {
    return () => false;
  }
  if (removed.length === 0 && added.length === 0) {
    return () => true;
  }
  const changed = [...removed, ...added];
  const namespaces = new Set(changed.map((policy) => policy.namespace));
  const isSelected = (endpoint: Endpoint): boolean =>
    endpoint.kind === 'pod' &&
    namespaces.has(endpoint.pod.namespace) &&
    changed.some(
      (policy) =>
        policy.namespace === endpoint.pod.namespace &&
        policy.podSelector !== null &&
        policy.podSelector.matches(endpoint.pod.labels),
    );
  return (flow) => !isSelected(flow.source) && !isSelected(flow.destination);
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
