import assert from 'node:assert/strict';
import {
  analyzeFile,
  analyzeWorkspace,
  updateFile,
  updateWorkspace,
} from '../../../server/src/engine';
import type {
  ClusterDns,
  FileAnalysis,
  Problem,
  WorkspaceAnalysis,
} from '../../../server/src/engine';
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
  const files = new Map<string, FileAnalysis>();
  let analysis: WorkspaceAnalysis | undefined;
  for (const texts of versions) {
    for (const uri of [...files.keys()]) {
      if (!(uri in texts)) {
        files.delete(uri);
      }
    }
    for (const [uri, text] of Object.entries(texts)) {
      files.set(uri, updateFile(uri, text, OPTIONS, files.get(uri)));
    }
    analysis = updateWorkspace(files.values(), { dataplane, clusterDns }, analysis);
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
