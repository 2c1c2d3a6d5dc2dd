import type { FileAnalysis } from '../check/document-analysis';
import type { WorkspaceAnalysis, WorkspaceOptions } from '../analysis/analyze-workspace';
import { updateFile } from './update-file';
import type { UpdateOptions } from './update-file';
import { updateWorkspace } from './update-workspace';

/**
 * Keeps a workspace's analysis up to date as its files change, each file's and the workspace's
 * brought forward from the one before. What it hands out is the same plain data a fresh
 * analysis gives (`analyzeFile`, `analyzeWorkspace`); the earlier versions it builds on stay
 * inside. A language server holds one; the CLI, which analyses once, needs none.
 */
export interface AnalysisHost {
  /**
   * Analyses a file's text, from its previous analysis unless `forgetFiles` came between;
   * `options.edit` is the editor's change since the text given last, when known.
   */
  setFile(uri: string, text: string, options: UpdateOptions): FileAnalysis;
  /** The file's latest analysis, if it has one. */
  file(uri: string): FileAnalysis | undefined;
  removeFile(uri: string): void;
  /**
   * Analyses every file afresh at its next `setFile`, as when a setting changes how files are
   * read; their analyses so far stay readable until then.
   */
  forgetFiles(): void;
  /** The analysis of the named files, in that order (those never set are left out). */
  analyze(uris: Iterable<string>, options: WorkspaceOptions): WorkspaceAnalysis;
  /** The latest `analyze`'s answer. */
  analysis(): WorkspaceAnalysis | undefined;
}

export function createAnalysisHost(): AnalysisHost {
  const files = new Map<string, FileAnalysis>();
  // The files whose next analysis starts afresh.
  const forgotten = new Set<string>();
  let current: WorkspaceAnalysis | undefined;
  return {
    setFile(uri, text, options) {
      const previous = forgotten.delete(uri) ? undefined : files.get(uri);
      const analysis = updateFile(uri, text, options, previous);
      files.set(uri, analysis);
      return analysis;
    },
    file: (uri) => files.get(uri),
    removeFile(uri) {
      files.delete(uri);
      forgotten.delete(uri);
    },
    forgetFiles() {
      files.forEach((_analysis, uri) => forgotten.add(uri));
    },
    analyze(uris, options) {
      const analyses: FileAnalysis[] = [];
      for (const uri of uris) {
        const analysis = files.get(uri);
        if (analysis !== undefined) {
          analyses.push(analysis);
        }
      }
      current = updateWorkspace(analyses, options, current);
      return current;
    },
    analysis: () => current,
  };
}
