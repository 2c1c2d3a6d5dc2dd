import { analyzeFile, analyzeWorkspace } from '../../../server/src/engine';
import type { WorkspaceAnalysis } from '../../../server/src/engine';

type Dataplane = 'gke-dataplane-v2' | 'kubernetes';

/** The analysis of files given as URI to text, as the CLI and the server make it. */
export function analyze(
  files: Readonly<Record<string, string>>,
  dataplane: Dataplane = 'gke-dataplane-v2',
): WorkspaceAnalysis {
  const analyses = Object.entries(files).map(([uri, text]) =>
    analyzeFile(uri, text, { maxFileSize: 1_000_000 }),
  );
  return analyzeWorkspace(analyses, { dataplane });
}

/** Every problem of the analysis as `code` or `code severity`, by file, without flow verdicts. */
export function codesOf(analysis: WorkspaceAnalysis, withSeverity = false): string[] {
  return [...analysis.problems.values()]
    .flat()
    .filter((problem) => problem.code !== 'flow-verdict')
    .map((problem) => (withSeverity ? `${problem.code} ${problem.severity}` : problem.code));
}

/** Each flow as `name: allow|deny`. */
export function verdictsOf(analysis: WorkspaceAnalysis): string[] {
  return analysis.flows.map(
    (flow) =>
      `${flow.name ?? `${flow.from} -> ${flow.to}`}: ${flow.verdict.allowed ? 'allow' : 'deny'}`,
  );
}
