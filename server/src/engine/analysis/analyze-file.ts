import type { DocumentAnalysis, FileAnalysis, PlacedDocument } from '../check/document-analysis';
import { capProblems } from '../core/limits';
import { refusal, tooManyDocuments } from '../check/file-limits';
import type { FileOptions } from '../check/file-limits';
import { shiftProblem } from '../core/problem';
import type { PlacedObject } from '../core/source';
import { splitDocuments } from '../parse/split';
import { analyzeDocument } from './analyze-document';

export type { DocumentAnalysis, FileAnalysis, PlacedDocument } from '../check/document-analysis';

export type { FileOptions } from '../check/file-limits';

export { DEFAULT_MAX_FILE_SIZE } from '../core/limits';

/** A file: cut into its documents, each analysed on its own and placed at its offset. */
export function analyzeFile(uri: string, text: string, options: FileOptions): FileAnalysis {
  const refused = refusal(uri, text, options);
  if (refused !== undefined) {
    return refused;
  }
  const chunks = splitDocuments(text);
  const tooMany = tooManyDocuments(uri, text, chunks.length);
  if (tooMany !== undefined) {
    return tooMany;
  }
  const documents = chunks.map((chunk) =>
    placeDocument(uri, analyzeDocument(chunk.text), chunk.offset),
  );
  return fileOf(uri, text, documents);
}

/** A file of placed documents: their objects and problems in file order. */
export function fileOf(
  uri: string,
  text: string,
  documents: readonly PlacedDocument[],
): FileAnalysis {
  return {
    uri,
    length: text.length,
    documents,
    objects: documents.flatMap((document) => document.objects),
    problems: capProblems(documents.flatMap((document) => document.problems)),
  };
}

function placeDocument(uri: string, analysis: DocumentAnalysis, offset: number): PlacedDocument {
  return {
    offset,
    analysis,
    objects: analysis.objects.map((object): PlacedObject => ({
      apiVersion: object.apiVersion,
      kind: object.kind,
      value: object.value,
      path: object.path,
      locate: object.locate,
      uri,
      offset,
    })),
    problems: analysis.problems.map((problem) => shiftProblem(problem, offset)),
  };
}
