import { parseAllDocuments } from 'yaml';
import type { FileAnalysis, WorkspaceAnalysis } from '../server/src/engine';
import type { Flow, Verdict } from '../server/src/engine/evaluate/verdict';
import type { NetworkPolicy } from '../server/src/engine/model/types';
import type { Pod, World } from '../server/src/engine/world/types';
import type { Figure } from './stats';
import { timeRuns } from './stats';

export interface SourceFile {
  readonly uri: string;
  readonly text: string;
}

export interface EngineFigures {
  readonly parse: Figure;
  readonly analysis: Figure;
  readonly perFile: Figure;
  /** Flows per second, one sample per run. */
  readonly throughput: Figure;
  readonly matrix: Figure;
  readonly matrixSize?: string;
  readonly flowCount?: number;
  readonly notes: readonly string[];
}

type Loose = Record<string, unknown>;
type EvaluateFlow = (policies: readonly NetworkPolicy[], world: World, flow: Flow, options: { dataplane: string }) => Verdict;

interface Evaluation {
  readonly policies: readonly NetworkPolicy[];
  readonly world: World;
  readonly flows: readonly { readonly flow: Flow; readonly verdict: Verdict }[];
}

const DATAPLANE = 'gke-dataplane-v2';

// Optional engine parts are loaded by computed specifiers so the bench degrades (with a note)
// instead of failing to start while the engine is still growing.
async function load(path: string): Promise<Loose | undefined> {
  try {
    return (await import(path)) as Loose;
  } catch {
    return undefined;
  }
}

export async function measureEngine(files: readonly SourceFile[], runs: number, matrixBudgetMs: number): Promise<EngineFigures> {
  const notes: string[] = [];
  const engine = await import('../server/src/engine/index');
  const extra = await load('../server/src/engine/evaluate-workspace');
  const logs = await load('../server/src/engine/logs/index');
  const options = { maxFileSize: Number.MAX_SAFE_INTEGER };

  const parse = timeRuns(runs, () => {
    for (const file of files) {
      parseAllDocuments(file.text);
    }
  });

  let evaluation: Evaluation | undefined;
  let perFileSamples: number[] = [];
  const analyse = (): void => {
    const start = performance.now();
    const analysed: FileAnalysis[] = files.map((file) => engine.analyzeFile(file.uri, file.text, options));
    perFileSamples.push(performance.now() - start);
    const workspace = engine.analyzeWorkspace(analysed, { dataplane: DATAPLANE });
    evaluation = findEvaluation(workspace) ?? complete(workspace, analysed, extra, logs, notes);
  };
  const analysis = timeRuns(runs, analyse);
  perFileSamples = perFileSamples.slice(1);

  const figures = { parse: { samples: parse }, analysis: { samples: analysis }, perFile: { samples: perFileSamples } };
  const evaluateFlow = (engine as unknown as Loose)['evaluateFlow'] ?? extra?.['evaluateFlow'];
  if (evaluation === undefined || typeof evaluateFlow !== 'function') {
    const missing = 'engine exposes no evaluateFlow / evaluated workspace yet';
    return { ...figures, throughput: { missing }, matrix: { missing }, notes: unique(notes) };
  }
  const evaluate = evaluateFlow as EvaluateFlow;
  const throughput = measureThroughput(evaluation, evaluate, runs);
  const matrix = measureMatrix(evaluation, evaluate, runs, matrixBudgetMs, notes);
  return { ...figures, throughput, ...matrix, flowCount: evaluation.flows.length, notes: unique(notes) };
}

function findEvaluation(workspace: WorkspaceAnalysis): Evaluation | undefined {
  const candidates = [workspace as unknown as Loose, ...Object.values(workspace as unknown as Loose)];
  for (const candidate of candidates) {
    if (typeof candidate === 'object' && candidate !== null && 'world' in candidate && 'policies' in candidate && 'flows' in candidate) {
      return candidate as unknown as Evaluation;
    }
  }
  return undefined;
}

// Until analyzeWorkspace evaluates the flows and previews their logs, the bench adds those steps
// itself, through the engine's own functions, so that the figure still covers the whole pipeline.
function complete(workspace: WorkspaceAnalysis, files: readonly FileAnalysis[], extra: Loose | undefined, logs: Loose | undefined, notes: string[]): Evaluation | undefined {
  const evaluateWorkspace = extra?.['evaluateWorkspace'];
  if (typeof evaluateWorkspace !== 'function') {
    notes.push('analyzeWorkspace does not evaluate flows yet and no evaluateWorkspace exists: whole analysis = parse + check only.');
    return undefined;
  }
  notes.push('analyzeWorkspace does not evaluate flows yet: the bench adds evaluateWorkspace(objects) and previewLogs per flow to the whole-analysis figure.');
  const objects = (workspace as unknown as Loose)['objects'] ?? files.flatMap((file) => file.objects);
  const evaluation = (evaluateWorkspace as (objects: unknown, options: unknown) => Evaluation)(objects, { dataplane: DATAPLANE });
  const readLoggingConfig = logs?.['readLoggingConfig'] as ((objects: unknown) => unknown) | undefined;
  const previewLogs = logs?.['previewLogs'] as ((flow: Flow, verdict: Verdict, config: unknown, namespaces: unknown) => unknown) | undefined;
  if (typeof readLoggingConfig === 'function' && typeof previewLogs === 'function') {
    const config: unknown = readLoggingConfig(objects);
    for (const result of evaluation.flows) {
      previewLogs(result.flow, result.verdict, config, evaluation.world.namespaces);
    }
  } else {
    notes.push('no log preview in the engine yet: not part of the whole-analysis figure.');
  }
  return evaluation;
}

function measureThroughput(evaluation: Evaluation, evaluate: EvaluateFlow, runs: number): Figure {
  const flows = evaluation.flows.map((result) => result.flow);
  if (flows.length === 0) {
    return { missing: 'no flow resolved' };
  }
  const pass = (): void => {
    for (const flow of flows) {
      evaluate(evaluation.policies, evaluation.world, flow, { dataplane: DATAPLANE });
    }
  };
  pass();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    let count = 0;
    const start = performance.now();
    // Enough passes for a quarter of a second, so small scales are not timer noise.
    do {
      pass();
      count += flows.length;
    } while (performance.now() - start < 250);
    samples.push(count / ((performance.now() - start) / 1000));
  }
  return { samples };
}

interface Classes {
  readonly sources: readonly Pod[];
  readonly destinations: readonly Pod[];
}

// Pods with the same namespace and labels (and, as destinations, the same ports) get the same
// verdicts from the same policies, except through ipBlocks, which gke-dataplane-v2 never applies
// to pod IPs: so one representative per class is exact for that profile.
export function classesOf(world: World): Classes {
  const sources = new Map<string, Pod>();
  const destinations = new Map<string, Pod>();
  for (const pod of world.pods) {
    if (pod.hostNetwork) {
      continue;
    }
    const key = `${pod.namespace}\u0000${JSON.stringify(Object.entries(pod.labels).sort())}`;
    if (!sources.has(key)) {
      sources.set(key, pod);
    }
    const destinationKey = `${key}\u0000${JSON.stringify(pod.ports)}`;
    if (!destinations.has(destinationKey)) {
      destinations.set(destinationKey, pod);
    }
  }
  return { sources: [...sources.values()], destinations: [...destinations.values()] };
}

function measureMatrix(evaluation: Evaluation, evaluate: EvaluateFlow, runs: number, budgetMs: number, notes: string[]): { matrix: Figure; matrixSize: string } {
  notes.push('The engine has no reachability-matrix function yet: the bench groups pods into classes of identical namespace + labels (+ ports for destinations) and calls evaluateFlow per class pair and destination port (exact under gke-dataplane-v2).');
  const classes = classesOf(evaluation.world);
  const flows: Flow[] = [];
  for (const destination of classes.destinations) {
    for (const port of destination.ports) {
      for (const source of classes.sources) {
        flows.push({
          source: { kind: 'pod', pod: source },
          destination: { kind: 'pod', pod: destination },
          port: port.containerPort,
          ...(port.name === undefined ? {} : { portName: port.name }),
          protocol: port.protocol,
        });
      }
    }
  }
  const size = `${classes.sources.length} × ${classes.destinations.length} classes (of ${evaluation.world.pods.length} pods), ${flows.length.toLocaleString('en-US')} evaluations`;
  const samples: number[] = [];
  let allowed = 0;
  const began = performance.now();
  for (let i = 0; i < runs; i++) {
    allowed = 0;
    // A fresh world each run would be fairer, but the evaluator cache is keyed by the world
    // object: the first run includes building the per-pod selections, later runs reuse them.
    const start = performance.now();
    let done = 0;
    for (const flow of flows) {
      if (evaluate(evaluation.policies, evaluation.world, flow, { dataplane: DATAPLANE }).allowed) {
        allowed++;
      }
      // A slow engine must not hold the whole benchmark: stop and extrapolate.
      if (++done % 10_000 === 0 && performance.now() - began > budgetMs) {
        break;
      }
    }
    if (done < flows.length) {
      const elapsed = performance.now() - start;
      const estimate = (elapsed * flows.length) / done;
      notes.push(`Matrix stopped at the ${budgetMs / 1000} s budget after ${done.toLocaleString('en-US')} of ${flows.length.toLocaleString('en-US')} evaluations; a full run would take about ${(estimate / 1000).toFixed(0)} s.`);
      return { matrix: { missing: `over budget: ~${(estimate / 1000).toFixed(0)} s (extrapolated)` }, matrixSize: size };
    }
    samples.push(performance.now() - start);
    if (performance.now() - began > budgetMs) {
      notes.push(`Matrix stopped after ${samples.length} run(s): over the ${budgetMs / 1000} s budget.`);
      break;
    }
  }
  return { matrix: { samples }, matrixSize: `${size}; ${((100 * allowed) / Math.max(1, flows.length)).toFixed(0)}% allowed` };
}

function unique(notes: readonly string[]): string[] {
  return [...new Set(notes)];
}
