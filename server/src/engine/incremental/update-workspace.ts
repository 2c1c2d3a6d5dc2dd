import type { FileAnalysis } from '../check/document-analysis';
import type { WorkspaceAnalysis, WorkspaceOptions } from '../analysis/analyze-workspace';
import type { FlowAnalysis } from '../logs/flow-analysis';
import { fileProblems } from '../check/under-dataplane';
import { checkFlow } from '../workspace-checks/flow-problems';
import { sameItems } from '../core/same-items';
import { checkObjects, mattersToLogging } from '../check';
import { updateEvaluation } from './update-evaluation';
import type { KeptEvaluation } from './update-evaluation';
import { checkDnsEgress } from '../workspace-checks/dns-egress';
import type { PolicyProblem } from '../workspace-checks/dns-egress';
import type { FlowResult } from '../evaluate/flow-result';
import type { NetworkPolicy } from '../model/types';
import type { World } from '../world/types';
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
  /** Those problems placed at their document's offset, by the relative problem. */
  readonly placedOf: ReadonlyMap<Problem, Problem>;
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
  const byUri = new Map<string, FileAnalysis>();
  const problems = new Map<string, Problem[]>();
  const groups = new Map<string, readonly PlacedObject[]>();
  const loggingRelevantOf = new Map<readonly PlacedObject[], readonly PlacedObject[]>();
  // Objects outlive edits of their file's other documents: each is looked at once.
  const memo = previous === undefined ? undefined : memos.get(previous);
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
    problems.set(file.uri, fileProblems(file, options.dataplane));
    groups.set(file.uri, file.objects);
    loggingRelevantOf.set(
      file.objects,
      memo?.loggingRelevantOf.get(file.objects) ?? file.objects.filter(mattersOnce),
    );
  }
  const file: FileLookup = (uri) => byUri.get(uri);
  const evaluation = updateEvaluation(groups, options, memo?.evaluation);
  const { policies, world } = evaluation;
  // Set when the world changed at most in some pods: namespaces are then the same.
  const changedPods = evaluation.changedPods;
  const sameDataplane = memo?.evaluation.memo.dataplane === options.dataplane;
  // Only these objects are read by the logging checks and the logging configuration.
  const loggingRelevant = [...loggingRelevantOf.values()].flat();
  const loggingObjects = loggingRelevant.filter((object) => object.kind === 'NetworkLogging');
  const sameLogging = changedPods !== undefined && sameItems(loggingObjects, memo!.loggingObjects);
  const logging = sameLogging ? memo!.logging : readLoggingConfig(loggingObjects);

  const { flows, flowProblems, flowProblemsByUri } = analyzeFlows(
    evaluation,
    logging,
    file,
    sameLogging ? memo : undefined,
  );
  const add = (uri: string, problem: Problem) => problems.get(uri)?.push(problem);
  for (const [uri, list] of flowProblemsByUri) {
    list.forEach((problem) => add(uri, problem));
  }

  // Problems of one policy are kept relative to its document, which an edit above may move;
  // placed where it is now, each stays the same object while its document stays put.
  const placedOf = new Map<Problem, Problem>();
  const place = (relative: Problem, offset: number): Problem => {
    const before = memo?.placedOf.get(relative);
    const placed =
      before?.span.start === relative.span.start + offset ? before : shiftProblem(relative, offset);
    placedOf.set(relative, placed);
    return placed;
  };
  const selectorProblemsOf = new Map<NetworkPolicy, SelectorProblems>();
  // Which selectors match no pod holds for the same world, whichever policy asks.
  const answers: Answers =
    memo?.selectorAnswers.world === world
      ? memo.selectorAnswers.answers
      : new Map<string, boolean>();
  // After pods were replaced, only the selectors that match one of them are checked again.
  const selectorProblemsFor = (
    policy: NetworkPolicy,
    kept: AnalysisMemo | undefined,
  ): SelectorProblems => {
    const before = kept?.selectorProblemsOf.get(policy);
    if (before === undefined) {
      return anchorEach(
        policy,
        checkPolicySelectors(policy, world, options.dataplane, file, undefined, answers),
      );
    }
    const stale = selectorsTouching(policy, changedPods!);
    if (stale.size === 0) {
      return before;
    }
    const checked = checkPolicySelectors(policy, world, options.dataplane, file, stale, answers);
    return selectorProblems(new Map([...before.byKey, ...anchorEach(policy, checked).byKey]));
  };
  const dnsProblemsOf = new Map<NetworkPolicy, readonly PlacedProblem[]>();
  const reusable = changedPods !== undefined && sameDataplane;
  // Whether a DNS victim could have changed: kube-dns, or a pod of the policy's namespace.
  const touched = reusable
    ? new Set([
        ...(evaluation.changedPolicies ?? policies).map((policy) => policy.namespace),
        ...[...changedPods].map((pod) => pod.namespace),
        ...([...changedPods].some((pod) => pod.labels['k8s-app'] === 'kube-dns')
          ? policies.map((policy) => policy.namespace)
          : []),
      ])
    : undefined;
  const fresh = policies.filter(
    (policy) => !reusable || touched!.has(policy.namespace) || !memo.dnsProblemsOf.has(policy),
  );
  const freshSet = new Set(fresh);
  const dnsFound = groupByPolicy(
    checkDnsEgress(policies, world, options.dataplane, file, fresh, evaluation.evaluate),
  );
  for (const policy of policies) {
    const selectors = selectorProblemsFor(policy, reusable ? memo : undefined);
    selectorProblemsOf.set(policy, selectors);
    const dns = freshSet.has(policy)
      ? anchor(policy, dnsFound.get(policy) ?? [])
      : memo!.dnsProblemsOf.get(policy)!;
    dnsProblemsOf.set(policy, dns);
    for (const list of [selectors.all, dns]) {
      for (const { uri, problem } of list) {
        add(uri, place(problem, policy.origin.offset));
      }
    }
  }
  const crossProblems = [...checkObjects(loggingRelevant), ...evaluation.problems];
  crossProblems.forEach((placed) => add(placed.uri, placed.problem));
  // A file whose problems are the same objects as before keeps its list: the adapters can tell.
  for (const [uri, list] of problems) {
    const before = previous?.problems.get(uri);
    if (before !== undefined && sameItems(list, before)) {
      problems.set(uri, before as Problem[]);
    }
  }
  let objects: readonly PlacedObject[] | undefined;
  const analysis: WorkspaceAnalysis = {
    get objects() {
      objects ??= [...groups.values()].flat();
      return objects;
    },
    policies,
    world,
    logging,
    flows,
    dataplane: options.dataplane,
    problems,
    file,
  };
  memos.set(analysis, {
    evaluation,
    loggingObjects,
    loggingRelevantOf,
    matters,
    selectorAnswers: { world, answers },
    logging,
    flows,
    flowProblems,
    flowProblemsByUri,
    selectorProblemsOf,
    dnsProblemsOf,
    placedOf,
  });
  return analysis;
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
