import type { FileAnalysis } from '../check/document-analysis';
import { analyzeFile } from './analyze-file';
import { analyzeWorkspace } from './analyze-workspace';
import type { WorkspaceAnalysis } from './analyze-workspace';

/**
 * Another version of an analysed workspace, from scratch: each file of `texts` has that text
 * instead (null: the version has no such file), every other file is as analysed. What a fix
 * would make of the workspace, or the base an edit is compared with.
 */
export function analyzeVariant(
  analysis: WorkspaceAnalysis,
  texts: ReadonlyMap<string, string | null>,
  maxFileSize: number,
): WorkspaceAnalysis {
  const uris = new Set([...analysis.uris, ...texts.keys()]);
  const files: FileAnalysis[] = [];
  for (const uri of uris) {
    const text = texts.get(uri);
    const file =
      text === undefined
        ? analysis.file(uri)
        : text === null
          ? undefined
          : analyzeFile(uri, text, { maxFileSize });
    if (file !== undefined) {
      files.push(file);
    }
  }
  return analyzeWorkspace(files, {
    dataplane: analysis.dataplane,
    clusterDns: analysis.world.clusterDns,
  });
}
