import type { FileLookup } from '../check/document-analysis';
import type { Problem } from '../core/problem';
import type { FlowResult } from '../evaluate/flow-result';
import { checkExpectLogged, previewLogs } from '../logs';
import type { LoggingConfig, LogPreview } from '../logs';
import type { FlowAnalysis } from '../logs/flow-analysis';
import type { World } from '../world/types';
import { checkFlow } from '../workspace-checks/flow-problems';
import type { KeptEvaluation } from './evaluation-memo';

/** Every flow's log preview and problems, as analysing them again after an edit reuses them. */
export interface FlowAnalyses {
  /** The analyses of the evaluation's flows, index by index; valid while the logging objects and the world are unchanged. */
  readonly flows: readonly FlowAnalysis[];
  /** The problems of each flow, index by index. */
  readonly flowProblems: readonly (readonly Problem[])[];
  /** Every flow's problems, by file. */
  readonly flowProblemsByUri: ReadonlyMap<string, readonly Problem[]>;
}

/**
 * Log previews and problems of every flow. With the memo of an analysis whose flows line up with
 * these, only the flows the evaluation decided again are analysed again.
 */
export function analyzeFlows(
  evaluation: KeptEvaluation,
  logging: LoggingConfig,
  file: FileLookup,
  memo: (FlowAnalyses & { readonly evaluation: KeptEvaluation }) | undefined,
): FlowAnalyses {
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
