import { parseAllDocuments } from 'yaml';
import { analyzeFile, analyzeWorkspace, ide } from '../server/src/engine';
import type { Dataplane, WorkspaceAnalysis } from '../server/src/engine';
import { evaluateFlow } from '../server/src/engine/analysis/evaluate-workspace';
import { measureRecords } from './measure-records';
import type { Figure } from './stats';
import { formatCount, formatMs, timeRuns } from './stats';

export interface SourceFile {
  readonly uri: string;
  readonly text: string;
}

/** The reachability matrix under one dataplane: its time and what it decided. */
export interface MatrixFigure {
  readonly dataplane: Dataplane;
  readonly time: Figure;
  readonly size: string;
}

export interface EngineFigures {
  readonly parse: Figure;
  readonly analysis: Figure;
  readonly perFile: Figure;
  /** Flows per second, one sample per run. */
  readonly throughput: Figure;
  readonly matrices: readonly MatrixFigure[];
  /** explain-logs over 100,000 records. */
  readonly records: { readonly time: Figure; readonly again: Figure; readonly size: string };
  /** diffReachability of the workspace with itself: two matrices and every pair of joint classes. */
  readonly diff: Figure;
  readonly notes: readonly string[];
}

// The server's default, and the profile the whole-analysis and throughput figures use.
const DATAPLANE: Dataplane = 'gke-dataplane-v2';
// The profiles differ in how classes split (ipBlocks see pod IPs only under kubernetes), so both are timed.
const MATRIX_DATAPLANES: readonly Dataplane[] = ['gke-dataplane-v2', 'kubernetes'];

export function measureEngine(
  files: readonly SourceFile[],
  runs: number,
  matrixBudgetMs: number,
): EngineFigures {
  const notes: string[] = [];
  const parse = timeRuns(runs, () => {
    for (const file of files) {
      parseAllDocuments(file.text);
    }
  });
  const perFile: number[] = [];
  // Only the last run's analysis is kept: at L each one holds hundreds of MB.
  const last: { workspace?: WorkspaceAnalysis } = {};
  const analysis = timeRuns(runs, () => {
    last.workspace = undefined;
    const start = performance.now();
    const analysed = files.map((file) =>
      analyzeFile(file.uri, file.text, { maxFileSize: Number.MAX_SAFE_INTEGER }),
    );
    perFile.push(performance.now() - start);
    last.workspace = analyzeWorkspace(analysed, { dataplane: DATAPLANE });
  });
  const workspace = last.workspace!;
  return {
    parse: { samples: parse },
    analysis: { samples: analysis },
    // The first per-file sample belongs to the warm-up run.
    perFile: { samples: perFile.slice(1) },
    throughput: measureThroughput(workspace, runs),
    matrices: MATRIX_DATAPLANES.map((dataplane) =>
      measureMatrix(workspace, dataplane, runs, matrixBudgetMs, notes),
    ),
    records: measureRecords(workspace, runs),
    diff: {
      samples: timeRuns(runs, () =>
        ide.diffReachability(workspace, workspace, { dataplane: DATAPLANE }),
      ),
    },
    notes,
  };
}

function measureThroughput(workspace: WorkspaceAnalysis, runs: number): Figure {
  const flows = workspace.flows.map((result) => result.flow);
  if (flows.length === 0) {
    return { missing: 'no flow resolved' };
  }
  const pass = (): void => {
    for (const flow of flows) {
      evaluateFlow(workspace.policies, workspace.world, flow, {
        dataplane: DATAPLANE,
        clusterPolicies: workspace.clusterPolicies,
      });
    }
  };
  // One pass builds the evaluator's indexes; at L the JIT needs a few more to settle, so the
  // warm-up is a timed window like the runs.
  pass();
  passesFor(250, pass);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const count = passesFor(250, pass) * flows.length;
    samples.push(count / ((performance.now() - start) / 1000));
  }
  return { samples };
}

// Enough passes for the window, so small scales are not timer noise; returns how many ran.
function passesFor(windowMs: number, pass: () => void): number {
  const start = performance.now();
  let passes = 0;
  do {
    pass();
    passes++;
  } while (performance.now() - start < windowMs);
  return passes;
}

// computeReachability starts from nothing on each call (its classes, selections and bitsets are
// its own), so every run is the full cost of the matrix.
function measureMatrix(
  workspace: WorkspaceAnalysis,
  dataplane: Dataplane,
  runs: number,
  budgetMs: number,
  notes: string[],
): MatrixFigure {
  const compute = (): ide.Reachability =>
    ide.computeReachability(workspace.policies, workspace.world, {
      dataplane,
      clusterPolicies: workspace.clusterPolicies,
    });
  const began = performance.now();
  let reachability = compute();
  const warmUp = performance.now() - began;
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    // A slow engine must not hold the whole bench: stop once the budget is spent.
    if (performance.now() - began > budgetMs) {
      notes.push(
        `Matrix (${dataplane}) stopped after ${samples.length} of ${runs} runs: over the ${budgetMs / 1000} s budget.`,
      );
      break;
    }
    const start = performance.now();
    reachability = compute();
    samples.push(performance.now() - start);
  }
  const time: Figure =
    samples.length > 0
      ? { samples }
      : { missing: `${formatMs(warmUp)} (warm-up only: over budget)` };
  return { dataplane, time, size: describeMatrix(reachability) };
}

// The size and the share allowed come from the result itself, in classes and in pods.
function describeMatrix(reachability: ide.Reachability): string {
  const { classes, columns, allowed, denied, allowedPodPairs, deniedPodPairs } = reachability;
  const pods = classes.reduce((sum, podClass) => sum + podClass.pods.length, 0);
  const percent = (part: number, whole: number): string =>
    `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;
  const cells = allowed + denied;
  const podPairs = allowedPodPairs + deniedPodPairs;
  return (
    `${pods} pods in ${classes.length} classes; ${classes.length} sources × ${columns.length} (destination, port) columns = ${formatCount(cells)} cells, ${percent(allowed, cells)} allowed; ` +
    `over pods, ${formatCount(podPairs)} (source, destination, port), ${percent(allowedPodPairs, podPairs)} allowed`
  );
}
