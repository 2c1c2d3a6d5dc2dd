import type { FileAnalysis } from '../check/document-analysis';
import type { WorkspaceAnalysis, WorkspaceOptions } from '../analysis/analyze-workspace';
import type { FlowAnalysis } from '../logs/flow-analysis';
import { fileProblems } from '../check/under-dataplane';
import { checkFlow } from '../workspace-checks/flow-problems';
import { sameItems } from '../core/same-items';
import { checkObjects, mattersToLogging } from '../check';
import { updateEvaluation } from './update-evaluation';
import type { KeptEvaluation } from './update-evaluation';
import { checkClusterPolicySupport } from '../workspace-checks/cluster-policy-support';
import { checkDnsEgress } from '../workspace-checks/dns-egress';
import {
  checkDuplicates,
  findDuplicates,
  identitiesOf,
  identityOf,
} from '../workspace-checks/duplicates';
import type { Duplicates } from '../workspace-checks/duplicates';
import { checkHostNetworkPolicy } from '../workspace-checks/host-network';
import { createNamedPortCheck, namedPortsTouch } from '../workspace-checks/named-ports';
import type { PolicyProblem } from '../workspace-checks/dns-egress';
import type { FlowResult } from '../evaluate/flow-result';
import type { NetworkPolicy } from '../model/types';
import type { Pod, World } from '../world/types';
import { GKE_KUBE_DNS, isClusterDnsPod } from '../world/cluster-dns';
import { checkExpectLogged, previewLogs, readLoggingConfig } from '../logs';
import type { LoggingConfig, LogPreview } from '../logs';
import { checkPolicySelectors, selectorsTouching } from '../workspace-checks/selects-nothing';
import type { Answers } from '../workspace-checks/selects-nothing';
import type { Problem } from '../core/problem';
import { shiftProblem } from '../core/problem';
import type { PlacedObject, PlacedProblem } from '../core/source';
import type { FileLookup } from '../check/document-analysis';

/** Per-flow and per-policy results, reused while what they depend on is unchanged. */
interface AnalysisMemo {
  readonly evaluation: KeptEvaluation;
  readonly loggingObjects: readonly PlacedObject[];
  /** The objects of each file that matter to logging, by the file's object list. */
  readonly loggingRelevantOf: ReadonlyMap<readonly PlacedObject[], readonly PlacedObject[]>;
  /** Whether each object looked at so far matters to logging. */
  readonly matters: WeakMap<PlacedObject, boolean>;
  /** Whether selectors match no pod of `world`, found so far. */
  readonly selectorAnswers: { readonly world: World; readonly answers: Answers };
  readonly logging: LoggingConfig;
  /** The analyses of the evaluation's flows, index by index; valid while the logging objects and the world are unchanged. */
  readonly flows: readonly FlowAnalysis[];
  /** The problems of each flow, index by index. */
  readonly flowProblems: readonly (readonly Problem[])[];
  /** Every flow's problems, by file. */
  readonly flowProblemsByUri: ReadonlyMap<string, readonly Problem[]>;
  /** By selector; valid while the world and the dataplane are unchanged. */
  readonly selectorProblemsOf: ReadonlyMap<NetworkPolicy, SelectorProblems>;
  /** Valid while the world, the dataplane and the policies of the policy's namespace are unchanged. */
  readonly dnsProblemsOf: ReadonlyMap<NetworkPolicy, readonly PlacedProblem[]>;
  /**
   * The host-network and named-port problems of each policy; valid while the world, the
   * dataplane and the policy are unchanged, or pods it does not reach were replaced.
   */
  readonly podProblemsOf: ReadonlyMap<NetworkPolicy, readonly PlacedProblem[]>;
  /** Each file's objects with the identities of those a cluster keeps one of, by URI. */
  readonly identitiesByUri: ReadonlyMap<string, Identities>;
  readonly duplicates: Duplicates;
  /** The duplicate-object problems, by their file and content. */
  readonly duplicateProblems: ReadonlyMap<string, Problem>;
  /** Those problems placed at their document's offset, by the relative problem. */
  readonly placedOf: ReadonlyMap<Problem, Problem>;
  /** The workspace's warning that GKE documents no support for tiered cluster policies. */
  readonly clusterPolicySupport: readonly PlacedProblem[];
}

interface Identities {
  readonly objects: readonly PlacedObject[];
  readonly identities: readonly (readonly [string, PlacedObject])[];
}

// What each analysis made lets the next one reuse; kept beside it, so that what the adapters
// receive is the analysis alone.
const memos = new WeakMap<WorkspaceAnalysis, AnalysisMemo>();

/**
 * `analyzeWorkspace`, given the previous analysis of the same workspace: only what depends on
 * changed documents is computed again. Files whose analysis is the same object are unchanged.
 */
export function updateWorkspace(
  files: Iterable<FileAnalysis>,
  options: WorkspaceOptions,
  previous: WorkspaceAnalysis | undefined,
): WorkspaceAnalysis {
  const memo = previous === undefined ? undefined : memos.get(previous);
  const read = readFiles(files, options.dataplane, memo);
  const { problems, groups, file } = read;
  const evaluation = updateEvaluation(groups, options, memo?.evaluation);
  const { policies, world } = evaluation;
  const logging = keptLogging(read.loggingRelevantOf, evaluation, memo);
  const { flows, flowProblems, flowProblemsByUri } = analyzeFlows(
    evaluation,
    logging.config,
    file,
    logging.same ? memo : undefined,
  );
  const add = ({ uri, problem }: PlacedProblem) => problems.get(uri)?.push(problem);
  for (const [uri, list] of flowProblemsByUri) {
    list.forEach((problem) => add({ uri, problem }));
  }
  const policyProblems = updatePolicyProblems(evaluation, options, file, memo);
  policyProblems.placed.forEach(add);
  [...checkObjects(logging.relevant), ...evaluation.problems].forEach(add);
  const duplicates = updateDuplicates(groups, file, memo);
  duplicates.placed.forEach(add);
  const support = keptClusterPolicySupport(evaluation, options, file, memo);
  support.forEach(add);
  keepSameLists(problems, previous);
  let objects: readonly PlacedObject[] | undefined;
  const analysis: WorkspaceAnalysis = {
    get objects() {
      objects ??= [...groups.values()].flat();
      return objects;
    },
    policies,
    clusterPolicies: evaluation.clusterPolicies,
    world,
    logging: logging.config,
    flows,
    dataplane: options.dataplane,
    problems,
    file,
    duplicates: duplicates.kept.duplicates,
  };
  memos.set(analysis, {
    evaluation,
    loggingObjects: logging.objects,
    loggingRelevantOf: read.loggingRelevantOf,
    matters: read.matters,
    logging: logging.config,
    flows,
    flowProblems,
    flowProblemsByUri,
    ...policyProblems.kept,
    ...duplicates.kept,
    clusterPolicySupport: support,
  });
  return analysis;
}

/**
 * The duplicate objects of the workspace and their problems. Each file's identities are kept
 * with its object list; the duplicates are found again only when a changed file's identities
 * changed or include a duplicated one. A problem alike to one before is the same object.
 */
function updateDuplicates(
  groups: ReadonlyMap<string, readonly PlacedObject[]>,
  file: FileLookup,
  memo: AnalysisMemo | undefined,
) {
  const identitiesByUri = new Map<string, Identities>();
  let same = memo !== undefined && memo.identitiesByUri.size === groups.size;
  for (const [uri, objects] of groups) {
    const before = memo?.identitiesByUri.get(uri);
    if (before?.objects === objects) {
      identitiesByUri.set(uri, before);
      continue;
    }
    const found = { objects, identities: identitiesAgain(objects, before) };
    identitiesByUri.set(uri, found);
    same &&=
      before !== undefined &&
      sameItems(
        found.identities.map(([identity]) => identity),
        before.identities.map(([identity]) => identity),
      ) &&
      !found.identities.some(([identity]) => memo!.duplicates.has(identity));
  }
  const duplicates = same
    ? memo!.duplicates
    : findDuplicates([...identitiesByUri.values()].flatMap((each) => each.identities));
  const duplicateProblems = new Map<string, Problem>();
  const placed = checkDuplicates(duplicates, file).map(({ uri, problem }) => {
    const key = JSON.stringify([uri, problem]);
    const kept = memo?.duplicateProblems.get(key) ?? problem;
    duplicateProblems.set(key, kept);
    return { uri, problem: kept };
  });
  return { placed, kept: { identitiesByUri, duplicates, duplicateProblems } };
}

// An edit changes a document or two of a file: the other documents' objects keep their values,
// and with them their identities, which are not read again.
function identitiesAgain(
  objects: readonly PlacedObject[],
  before: Identities | undefined,
): [string, PlacedObject][] {
  if (before === undefined) {
    return identitiesOf(objects);
  }
  const known = new Map<unknown, string>();
  for (const [identity, object] of before.identities) {
    known.set(object.value, identity);
  }
  const found: [string, PlacedObject][] = [];
  for (const object of objects) {
    const identity = known.get(object.value) ?? identityOf(object);
    if (identity !== undefined) {
      found.push([identity, object]);
    }
  }
  return found;
}

/** Each file's own problems under the dataplane, its objects, and those that matter to logging. */
function readFiles(
  files: Iterable<FileAnalysis>,
  dataplane: WorkspaceOptions['dataplane'],
  memo: AnalysisMemo | undefined,
) {
  const byUri = new Map<string, FileAnalysis>();
  const problems = new Map<string, Problem[]>();
  const groups = new Map<string, readonly PlacedObject[]>();
  const loggingRelevantOf = new Map<readonly PlacedObject[], readonly PlacedObject[]>();
  // Objects outlive edits of their file's other documents: each is looked at once.
  const matters = memo?.matters ?? new WeakMap<PlacedObject, boolean>();
  const mattersOnce = (object: PlacedObject): boolean => {
    let found = matters.get(object);
    if (found === undefined) {
      found = mattersToLogging(object);
      matters.set(object, found);
    }
    return found;
  };
  for (const file of files) {
    byUri.set(file.uri, file);
    problems.set(file.uri, fileProblems(file, dataplane));
    groups.set(file.uri, file.objects);
    loggingRelevantOf.set(
      file.objects,
      memo?.loggingRelevantOf.get(file.objects) ?? file.objects.filter(mattersOnce),
    );
  }
  const file: FileLookup = (uri) => byUri.get(uri);
  return { problems, groups, loggingRelevantOf, matters, file };
}

/** The logging configuration, kept while the NetworkLogging objects and the namespaces are. */
function keptLogging(
  loggingRelevantOf: ReadonlyMap<readonly PlacedObject[], readonly PlacedObject[]>,
  evaluation: KeptEvaluation,
  memo: AnalysisMemo | undefined,
) {
  // Only these objects are read by the logging checks and the logging configuration.
  const relevant = [...loggingRelevantOf.values()].flat();
  const objects = relevant.filter((object) => object.kind === 'NetworkLogging');
  // Set when the world changed at most in some pods: namespaces are then the same.
  const same =
    evaluation.changedPods !== undefined &&
    memo !== undefined &&
    sameItems(objects, memo.loggingObjects);
  const config = same ? memo.logging : readLoggingConfig(objects);
  return { relevant, objects, same, config };
}

/** Keeps a file's previous list when its problems are the same objects: the adapters can tell. */
/**
 * The GKE support warning, found again (a scan of the cluster policies and one lookup), but the
 * previous object while it says the same at the same place: its file's problem list can then
 * stay the same array.
 */
function keptClusterPolicySupport(
  evaluation: KeptEvaluation,
  options: WorkspaceOptions,
  file: FileLookup,
  memo: AnalysisMemo | undefined,
): readonly PlacedProblem[] {
  const found = checkClusterPolicySupport(evaluation.clusterPolicies, options.dataplane, file);
  const before = memo?.clusterPolicySupport ?? [];
  return found.map((placed, index) => {
    const kept = before[index];
    const same =
      kept !== undefined &&
      kept.uri === placed.uri &&
      kept.problem.message === placed.problem.message &&
      kept.problem.span.start === placed.problem.span.start &&
      kept.problem.span.end === placed.problem.span.end;
    return same ? kept : placed;
  });
}

function keepSameLists(problems: Map<string, Problem[]>, previous: WorkspaceAnalysis | undefined) {
  for (const [uri, list] of problems) {
    const before = previous?.problems.get(uri);
    if (before !== undefined && sameItems(list, before)) {
      problems.set(uri, before as Problem[]);
    }
  }
}

/**
 * The selects-nothing and DNS problems of every policy, in policy order, each policy's kept
 * relative to its document while what they depend on is unchanged.
 */
function updatePolicyProblems(
  evaluation: KeptEvaluation,
  options: WorkspaceOptions,
  file: FileLookup,
  memo: AnalysisMemo | undefined,
) {
  const { policies, world, changedPods } = evaluation;
  const reusable =
    changedPods !== undefined && memo?.evaluation.memo.dataplane === options.dataplane;
  const kept = reusable ? memo : undefined;
  // Which selectors match no pod holds for the same world, whichever policy asks.
  const answers: Answers =
    memo?.selectorAnswers.world === world
      ? memo.selectorAnswers.answers
      : new Map<string, boolean>();
  const context: SelectorContext = { world, dataplane: options.dataplane, file, answers };
  const fresh = new Set(freshDnsPolicies(evaluation, kept));
  const dnsFound = groupByPolicy(
    checkDnsEgress(policies, world, options.dataplane, file, [...fresh], evaluation.evaluate),
  );
  const selectorProblemsOf = new Map<NetworkPolicy, SelectorProblems>();
  const dnsProblemsOf = new Map<NetworkPolicy, readonly PlacedProblem[]>();
  const pods = podProblems(evaluation, options, file, kept);
  const placing = placer(memo);
  const placed: PlacedProblem[] = [];
  for (const policy of policies) {
    const selectors = selectorProblemsFor(policy, context, kept, changedPods);
    selectorProblemsOf.set(policy, selectors);
    const dns = fresh.has(policy)
      ? anchor(policy, dnsFound.get(policy) ?? [])
      : kept!.dnsProblemsOf.get(policy)!;
    dnsProblemsOf.set(policy, dns);
    for (const { uri, problem } of [...selectors.all, ...dns, ...pods.of(policy)]) {
      placed.push({ uri, problem: placing.place(problem, policy.origin.offset) });
    }
  }
  return {
    placed,
    kept: {
      selectorAnswers: { world, answers },
      selectorProblemsOf,
      dnsProblemsOf,
      podProblemsOf: pods.podProblemsOf,
      placedOf: placing.placedOf,
    },
  };
}

/**
 * Each policy's host-network and named-port problems, relative to its document: kept unless the
 * policy is new, or a replaced pod is in its namespace or reached by a rule with a named port.
 */
function podProblems(
  evaluation: KeptEvaluation,
  options: WorkspaceOptions,
  file: FileLookup,
  kept: AnalysisMemo | undefined,
) {
  const { world, changedPods } = evaluation;
  const { dataplane } = options;
  const namedPorts = createNamedPortCheck(world, dataplane, file);
  const touched = new Set([...(changedPods ?? [])].map((pod) => pod.namespace));
  const stale = (policy: NetworkPolicy): boolean =>
    touched.has(policy.namespace) || namedPortsTouch(policy, changedPods!, world, dataplane);
  const podProblemsOf = new Map<NetworkPolicy, readonly PlacedProblem[]>();
  const of = (policy: NetworkPolicy): readonly PlacedProblem[] => {
    const before = kept?.podProblemsOf.get(policy);
    const found =
      before !== undefined && !stale(policy)
        ? before
        : anchor(policy, [
            ...checkHostNetworkPolicy(policy, world, dataplane, file),
            ...namedPorts(policy),
          ]);
    podProblemsOf.set(policy, found);
    return found;
  };
  return { of, podProblemsOf };
}

// Problems of one policy are kept relative to its document, which an edit above may move;
// placed where it is now, each stays the same object while its document stays put.
function placer(memo: AnalysisMemo | undefined) {
  const placedOf = new Map<Problem, Problem>();
  const place = (relative: Problem, offset: number): Problem => {
    const before = memo?.placedOf.get(relative);
    const placed =
      before?.span.start === relative.span.start + offset ? before : shiftProblem(relative, offset);
    placedOf.set(relative, placed);
    return placed;
  };
  return { placedOf, place };
}

interface SelectorContext {
  readonly world: World;
  readonly dataplane: WorkspaceOptions['dataplane'];
  readonly file: FileLookup;
  readonly answers: Answers;
}

// After pods were replaced, only the selectors that match one of them are checked again.
function selectorProblemsFor(
  policy: NetworkPolicy,
  { world, dataplane, file, answers }: SelectorContext,
  kept: AnalysisMemo | undefined,
  changedPods: ReadonlySet<Pod> | undefined,
): SelectorProblems {
  const before = kept?.selectorProblemsOf.get(policy);
  if (before === undefined) {
    return anchorEach(
      policy,
      checkPolicySelectors(policy, world, dataplane, file, undefined, answers),
    );
  }
  const stale = selectorsTouching(policy, changedPods!);
  if (stale.size === 0) {
    return before;
  }
  const checked = checkPolicySelectors(policy, world, dataplane, file, stale, answers);
  return selectorProblems(new Map([...before.byKey, ...anchorEach(policy, checked).byKey]));
}

/** The policies whose DNS problems may have changed: kube-dns, or a pod of their namespace. */
function freshDnsPolicies(
  evaluation: KeptEvaluation,
  kept: AnalysisMemo | undefined,
): readonly NetworkPolicy[] {
  const { policies, changedPods } = evaluation;
  if (kept === undefined || changedPods === undefined) {
    return policies;
  }
  const touched = new Set([
    ...(evaluation.changedPolicies ?? policies).map((policy) => policy.namespace),
    ...[...changedPods].map((pod) => pod.namespace),
    ...([...changedPods].some(
      (pod) =>
        pod.labels['k8s-app'] === 'kube-dns' ||
        isClusterDnsPod(pod, evaluation.world.clusterDns ?? GKE_KUBE_DNS),
    )
      ? policies.map((policy) => policy.namespace)
      : []),
  ]);
  return policies.filter(
    (policy) => touched.has(policy.namespace) || !kept.dnsProblemsOf.has(policy),
  );
}

/**
 * Log previews and problems of every flow. With the memo of an analysis whose flows line up with
 * these, only the flows the evaluation decided again are analysed again.
 */
function analyzeFlows(
  evaluation: KeptEvaluation,
  logging: LoggingConfig,
  file: FileLookup,
  memo: AnalysisMemo | undefined,
): Pick<AnalysisMemo, 'flows' | 'flowProblems' | 'flowProblemsByUri'> {
  const { world, changedFlows } = evaluation;
  const aligned = memo !== undefined && changedFlows !== undefined;
  if (aligned && changedFlows.length === 0) {
    return memo;
  }
  const flows = aligned ? [...memo.flows] : [];
  const flowProblems = aligned ? [...memo.flowProblems] : [];
  const analyse = (result: FlowResult, index: number) => {
    flows[index] = analyzeFlow(result, logging, world);
    const found = checkFlow(flows[index], file);
    // A flow decided again, alike, keeps its problems: its file need not be published again.
    const before = aligned ? memo.flowProblems[index] : undefined;
    flowProblems[index] = before !== undefined && sameProblems(found, before) ? before : found;
  };
  if (aligned) {
    changedFlows.forEach((index) => analyse(evaluation.flows[index]!, index));
    if (changedFlows.every((index) => flowProblems[index] === memo.flowProblems[index])) {
      return { flows, flowProblems, flowProblemsByUri: memo.flowProblemsByUri };
    }
  } else {
    // Flows decided before keep their analysis: found again by their result.
    const before = new Map<FlowResult, number>();
    memo?.evaluation.flows.forEach((result, index) => before.set(result, index));
    evaluation.flows.forEach((result, index) => {
      const kept = before.get(result);
      if (kept === undefined) {
        analyse(result, index);
      } else {
        flows[index] = memo!.flows[kept]!;
        flowProblems[index] = memo!.flowProblems[kept]!;
      }
    });
  }
  const flowProblemsByUri = new Map<string, Problem[]>();
  flows.forEach((flow, index) => {
    const list = flowProblemsByUri.get(flow.uri);
    if (list === undefined) {
      flowProblemsByUri.set(flow.uri, [...flowProblems[index]!]);
    } else {
      list.push(...flowProblems[index]!);
    }
  });
  return { flows, flowProblems, flowProblemsByUri };
}

function sameProblems(left: readonly Problem[], right: readonly Problem[]): boolean {
  return (
    left.length === right.length &&
    left.every((problem, index) => JSON.stringify(problem) === JSON.stringify(right[index]))
  );
}

function analyzeFlow(result: FlowResult, logging: LoggingConfig, world: World): FlowAnalysis {
  return new AnalyzedFlow(result, logging, world.namespaces);
}

// A class where plain data would do: V8 keeps each object literal that has a getter as a
// dictionary, and a workspace may hold 10,000 flows. `logs` lives once, on the prototype.
class AnalyzedFlow implements FlowAnalysis {
  readonly uri: string;
  readonly span: FlowResult['span'];
  readonly origin: FlowResult['origin'];
  readonly name: string | null;
  readonly from: string;
  readonly to: string;
  readonly port: number | string;
  readonly protocol: FlowResult['protocol'];
  readonly expect: FlowResult['expect'];
  readonly expectLogged: boolean | null;
  readonly flow: FlowResult['flow'];
  readonly verdict: FlowResult['verdict'];
  readonly dataplane: FlowResult['dataplane'];
  readonly ok: boolean;
  readonly loggedOk: boolean;
  #logs: LogPreview | undefined;
  readonly #logging: LoggingConfig;
  readonly #namespaces: World['namespaces'];

  constructor(result: FlowResult, logging: LoggingConfig, namespaces: World['namespaces']) {
    this.uri = result.uri;
    this.span = result.span;
    this.origin = result.origin;
    this.name = result.name;
    this.from = result.from;
    this.to = result.to;
    this.port = result.port;
    this.protocol = result.protocol;
    this.expect = result.expect;
    this.expectLogged = result.expectLogged;
    this.flow = result.flow;
    this.verdict = result.verdict;
    this.dataplane = result.dataplane;
    this.ok = result.ok;
    this.#logging = logging;
    this.#namespaces = namespaces;
    this.loggedOk =
      result.expectLogged === null || checkExpectLogged(this.logs, result.expectLogged);
  }

  /**
   * Made when something reads it (a hover, the preview, the CLI) or when the flow expects one:
   * for most flows of a large workspace, nothing ever does.
   */
  get logs(): LogPreview {
    this.#logs ??= previewLogs(this.flow, this.verdict, this.#logging, this.#namespaces);
    return this.#logs;
  }
}

/** The selects-nothing problems of one policy, relative to its document: by selector, and all. */
interface SelectorProblems {
  readonly byKey: ReadonlyMap<string, readonly PlacedProblem[]>;
  readonly all: readonly PlacedProblem[];
}

function selectorProblems(byKey: ReadonlyMap<string, readonly PlacedProblem[]>): SelectorProblems {
  return { byKey, all: [...byKey.values()].flat() };
}

function anchorEach(
  policy: NetworkPolicy,
  found: ReadonlyMap<string, readonly PlacedProblem[]>,
): SelectorProblems {
  return selectorProblems(
    new Map([...found].map(([key, placed]) => [key, anchor(policy, placed)])),
  );
}

/** The problems of one policy, with spans relative to its document. */
function anchor(policy: NetworkPolicy, placed: readonly PlacedProblem[]): PlacedProblem[] {
  return placed.map(({ uri, problem }) => ({
    uri,
    problem: shiftProblem(problem, -policy.origin.offset),
  }));
}

function groupByPolicy(found: readonly PolicyProblem[]): Map<NetworkPolicy, PlacedProblem[]> {
  const byPolicy = new Map<NetworkPolicy, PlacedProblem[]>();
  for (const { policy, uri, problem } of found) {
    byPolicy.set(policy, [...(byPolicy.get(policy) ?? []), { uri, problem }]);
  }
  return byPolicy;
}
