import assert from 'node:assert/strict';
import { analyzeFile, analyzeWorkspace, createAnalysisHost } from '../../../server/src/engine';
import type { ClusterDns, Problem, WorkspaceAnalysis } from '../../../server/src/engine';
import { plainAnalysis } from './plain-analysis';

const OPTIONS = { maxFileSize: 1_000_000 };

export type Texts = Readonly<Record<string, string>>;
export type Dataplane = 'gke-dataplane-v2' | 'kubernetes';

/** The workspace of these texts, analysed from scratch. */
export function analyzeTexts(
  texts: Texts,
  dataplane: Dataplane = 'gke-dataplane-v2',
  clusterDns?: ClusterDns,
): WorkspaceAnalysis {
  const files = Object.entries(texts).map(([uri, text]) => analyzeFile(uri, text, OPTIONS));
  return analyzeWorkspace(files, { dataplane, clusterDns });
}

/**
 * Analyses `first` incrementally, then each next version of the texts, asserting after each that
 * the incremental analysis equals the one from scratch; returns the last.
 */
export function analyzeVersions(
  versions: readonly Texts[],
  dataplane: Dataplane = 'gke-dataplane-v2',
  clusterDns?: ClusterDns,
): WorkspaceAnalysis {
  const host = createAnalysisHost();
  let analysis: WorkspaceAnalysis | undefined;
  let before: Texts = {};
  for (const texts of versions) {
    Object.keys(before)
      .filter((uri) => !(uri in texts))
      .forEach((uri) => host.removeFile(uri));
    for (const [uri, text] of Object.entries(texts)) {
      host.setFile(uri, text, OPTIONS);
    }
    analysis = host.analyze(Object.keys(texts), { dataplane, clusterDns });
    before = texts;
    assert.deepEqual(
      plainAnalysis(analysis),
      plainAnalysis(analyzeTexts(texts, dataplane, clusterDns)),
    );
  }
  return analysis!;
}

/** The problems of one code in a file, each with the text its span covers. */
export function problemsOf(
  analysis: WorkspaceAnalysis,
  texts: Texts,
  uri: string,
  code: string,
): (Problem & { readonly text: string })[] {
  return (analysis.problems.get(uri) ?? [])
    .filter((problem) => problem.code === code)
    .map((problem) => ({
      ...problem,
      text: texts[uri]!.slice(problem.span.start, problem.span.end),
    }));
}
