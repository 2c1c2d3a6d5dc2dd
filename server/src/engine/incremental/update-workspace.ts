import type { FileAnalysis } from '../check/document-analysis';
import type { WorkspaceAnalysis, WorkspaceOptions } from '../analysis/analyze-workspace';
import { fileProblems } from '../check/under-dataplane';
import { sameItems } from '../core/same-items';
import { checkObjects, mattersToLogging } from '../check';
import { updateEvaluation } from './update-evaluation';
import type { KeptEvaluation } from './evaluation-memo';
import { updateDuplicates } from './kept-duplicates';
import type { KeptDuplicates } from './kept-duplicates';
import { keptClusterPolicySupport, keptLogging } from './kept-logging';
import type { KeptLogging } from './kept-logging';
import { updatePolicyProblems } from './kept-policy-problems';
import type { KeptPolicyProblems } from './kept-policy-problems';
import { analyzeFlows } from './flow-analyses';
import type { FlowAnalyses } from './flow-analyses';
import type { Problem } from '../core/problem';
import type { PlacedObject, PlacedProblem } from '../core/source';
import type { FileLookup } from '../check/document-analysis';

/** Per-flow and per-policy results, reused while what they depend on is unchanged. */
interface AnalysisMemo extends KeptLogging, FlowAnalyses, KeptPolicyProblems, KeptDuplicates {
  readonly evaluation: KeptEvaluation;
  /** The objects of each file that matter to logging, by the file's object list. */
  readonly loggingRelevantOf: ReadonlyMap<readonly PlacedObject[], readonly PlacedObject[]>;
  /** Whether each object looked at so far matters to logging. */
  readonly matters: WeakMap<PlacedObject, boolean>;
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
  const logging = keptLogging(read.loggingRelevantOf, evaluation, memo);
  const flows = analyzeFlows(evaluation, logging.config, file, logging.same ? memo : undefined);
  const policyProblems = updatePolicyProblems(evaluation, options, file, memo);
  const objectProblems = checkObjects(logging.relevant);
  const duplicates = updateDuplicates(groups, file, memo);
  const support = keptClusterPolicySupport(evaluation, options, file, memo);
  addProblems(problems, flows.flowProblemsByUri, [
    policyProblems.placed,
    objectProblems,
    evaluation.problems,
    duplicates.placed,
    support,
  ]);
  keepSameLists(problems, previous);
  const kept: AnalysisMemo = {
    evaluation,
    loggingObjects: logging.objects,
    loggingRelevantOf: read.loggingRelevantOf,
    matters: read.matters,
    logging: logging.config,
    flows: flows.flows,
    flowProblems: flows.flowProblems,
    flowProblemsByUri: flows.flowProblemsByUri,
    ...policyProblems.kept,
    ...duplicates.kept,
    clusterPolicySupport: support,
  };
  const analysis = analysisOf(groups, kept, options.dataplane, problems, file);
  memos.set(analysis, kept);
  return analysis;
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

/**
 * Adds the workspace's problems to each file's own, in the order `analyzeWorkspace` does: the
 * flows', then the others list by list.
 */
function addProblems(
  problems: Map<string, Problem[]>,
  flowProblemsByUri: ReadonlyMap<string, readonly Problem[]>,
  lists: readonly (readonly PlacedProblem[])[],
) {
  const add = ({ uri, problem }: PlacedProblem) => problems.get(uri)?.push(problem);
  for (const [uri, list] of flowProblemsByUri) {
    list.forEach((problem) => add({ uri, problem }));
  }
  lists.forEach((list) => list.forEach(add));
}

/** Keeps a file's previous list when its problems are the same objects: the adapters can tell. */
function keepSameLists(problems: Map<string, Problem[]>, previous: WorkspaceAnalysis | undefined) {
  for (const [uri, list] of problems) {
    const before = previous?.problems.get(uri);
    if (before !== undefined && sameItems(list, before)) {
      problems.set(uri, before as Problem[]);
    }
  }
}

/** The analysis handed out: plain data, built from what this update keeps. */
function analysisOf(
  groups: ReadonlyMap<string, readonly PlacedObject[]>,
  kept: AnalysisMemo,
  dataplane: WorkspaceOptions['dataplane'],
  problems: ReadonlyMap<string, readonly Problem[]>,
  file: FileLookup,
): WorkspaceAnalysis {
  const { evaluation } = kept;
  return {
    uris: [...groups.keys()],
    policies: evaluation.policies,
    clusterPolicies: evaluation.clusterPolicies,
    world: evaluation.world,
    logging: kept.logging,
    flows: kept.flows,
    dataplane,
    problems,
    file,
    duplicates: kept.duplicates,
  };
}
