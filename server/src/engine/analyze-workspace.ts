import type { FileAnalysis } from './analyze-file';
import { checkObjects } from './check';
import { evaluateWorkspace } from './evaluate-workspace';
import { checkDnsEgress } from './fix/dns-egress';
import type { Dataplane, FlowResult, NetworkPolicy, World } from './evaluate-workspace';
import { checkExpectLogged, isLogged, previewLogs, readLoggingConfig } from './logs';
import type { LoggingConfig, LogPreview } from './logs';
import { summarizeVerdict } from './present';
import { checkSelectsNothing } from './query/selects-nothing';
import type { Problem } from './problem';
import type { PlacedObject } from './source';
import { locateOrigin } from './locate-origin';
import type { FileLookup } from './locate-origin';
import type { Span } from './span';

export interface WorkspaceOptions {
  readonly dataplane: Dataplane;
}

/** A sample flow with its verdict and its log preview. */
export interface FlowAnalysis extends FlowResult {
  readonly logs: LogPreview;
  /** False when `expectLogged` is set and the preview disagrees. */
  readonly loggedOk: boolean;
}

/** Everything the engine concludes about a workspace; the adapters only present it. */
export interface WorkspaceAnalysis {
  readonly objects: readonly PlacedObject[];
  readonly policies: readonly NetworkPolicy[];
  readonly world: World;
  readonly logging: LoggingConfig;
  readonly flows: readonly FlowAnalysis[];
  readonly dataplane: Dataplane;
  /** Every problem, by file URI, with absolute spans. */
  readonly problems: ReadonlyMap<string, readonly Problem[]>;
  readonly file: FileLookup;
}

export function analyzeWorkspace(
  files: Iterable<FileAnalysis>,
  options: WorkspaceOptions,
): WorkspaceAnalysis {
  const byUri = new Map<string, FileAnalysis>();
  const problems = new Map<string, Problem[]>();
  const objects: PlacedObject[] = [];
  for (const file of files) {
    byUri.set(file.uri, file);
    problems.set(file.uri, file.problems.filter((problem) => appliesTo(problem, options.dataplane)));
    objects.push(...file.objects);
  }
  const file: FileLookup = (uri) => byUri.get(uri);
  const evaluation = evaluateWorkspace(objects, options);
  const logging = readLoggingConfig(objects);
  const flows = evaluation.flows.map((result): FlowAnalysis => {
    const logs = previewLogs(result.flow, result.verdict, logging, evaluation.world.namespaces);
    return { ...result, logs, loggedOk: checkExpectLogged(logs, result.expectLogged) };
  });
  const add = (uri: string, problem: Problem) => problems.get(uri)?.push(problem);
  const { policies, world } = evaluation;
  const selectsNothing = checkSelectsNothing(policies, world, options.dataplane, file);
  for (const placed of [...checkObjects(objects), ...evaluation.problems, ...selectsNothing]) {
    add(placed.uri, placed.problem);
  }
  checkDnsEgress(policies, world, options.dataplane, file).forEach((placed) =>
    add(placed.uri, placed.problem),
  );
  for (const flow of flows) {
    flowProblems(flow, file).forEach((problem) => add(flow.uri, problem));
  }
  return {
    objects,
    policies: evaluation.policies,
    world: evaluation.world,
    logging,
    flows,
    dataplane: options.dataplane,
    problems,
    file,
  };
}

// Checks of GKE Dataplane V2's own limits say nothing under the plain Kubernetes profile.
function appliesTo(problem: Problem, dataplane: Dataplane): boolean {
  return dataplane === 'gke-dataplane-v2' || !problem.code.startsWith('dataplane-v2-');
}

function flowProblems(flow: FlowAnalysis, file: FileLookup): Problem[] {
  const summary = summarizeVerdict(flow);
  const problems: Problem[] = [
    {
      code: 'flow-verdict',
      severity: 'information',
      message: summary,
      span: firstLine(flow, file),
    },
  ];
  const verdict = flow.verdict.allowed ? 'allow' : 'deny';
  if (!flow.ok && flow.expect !== null) {
    problems.push({
      code: 'flow-expectation-failed',
      severity: 'error',
      message: `Expected ${flow.expect}, but the verdict is ${summary}`,
      span: locateOrigin(file, flow.origin, ['expect']) ?? flow.span,
    });
  }
  if (!flow.loggedOk) {
    const said = isLogged(flow.logs) ? 'would be logged' : 'would not be logged';
    problems.push({
      code: 'flow-log-expectation-failed',
      severity: 'error',
      message: `Expected expectLogged: ${String(flow.expectLogged)}, but this ${verdict} ${said}: ${flow.logs.map((entry) => (entry.logged ? `${entry.direction} logged` : `${entry.direction} ${entry.message}`)).join('; ')}`,
      span: locateOrigin(file, flow.origin, ['expectLogged']) ?? flow.span,
    });
  }
  return problems;
}

// The verdict goes on the flow's first line: a squiggle over the whole item would hide its text.
function firstLine(flow: FlowResult, file: FileLookup): Span {
  const document = file(flow.uri)?.documents.find((placed) => placed.offset === flow.origin.offset);
  if (document === undefined) {
    return flow.span;
  }
  const text = document.analysis.parsed.text;
  const local = flow.span.start - document.offset;
  const lineEnd = text.indexOf('\n', local);
  const end =
    lineEnd === -1 || lineEnd > flow.span.end - document.offset
      ? flow.span.end - document.offset
      : lineEnd;
  return { start: flow.span.start, end: Math.max(end + document.offset, flow.span.start + 1) };
}
