import type { DocumentAnalysis, FileAnalysis, PlacedDocument } from '../check/document-analysis';
import { capProblems, MAX_FILE_DOCUMENTS, MAX_FILE_SIZE_CEILING } from '../core/limits';
import { shiftProblem } from '../core/problem';
import type { Problem } from '../core/problem';
import type { PlacedObject } from '../core/source';
import { splitDocuments } from '../parse/split';
import { analyzeDocument } from './analyze-document';

export type { DocumentAnalysis, FileAnalysis, PlacedDocument } from '../check/document-analysis';

export interface FileOptions {
  /** Files longer than this many characters are not analysed. */
  readonly maxFileSize: number;
  /** Set by the reader when the bytes were not valid UTF-8. */
  readonly invalidEncoding?: boolean;
  /** Set by the reader, with an empty text, when the file had this many bytes: too many to read. */
  readonly tooLarge?: number;
}

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

/** The analysis of a file cut into more documents than the limit, or undefined. */
export function tooManyDocuments(
  uri: string,
  text: string,
  count: number,
): FileAnalysis | undefined {
  if (count <= MAX_FILE_DOCUMENTS) {
    return undefined;
  }
  return refused(uri, {
    code: 'too-many-documents',
    severity: 'warning',
    message: `The file holds ${count} documents, more than the limit of ${MAX_FILE_DOCUMENTS}; it is not analysed.`,
    span: { start: 0, end: firstLineEnd(text) },
  });
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

/** The analysis of a file that is not analysed (too large, not UTF-8), or undefined. */
export function refusal(uri: string, text: string, options: FileOptions): FileAnalysis | undefined {
  const limit = Math.min(options.maxFileSize, MAX_FILE_SIZE_CEILING);
  if (options.tooLarge !== undefined) {
    return refused(uri, {
      code: 'file-too-large',
      severity: 'warning',
      message: `The file has ${options.tooLarge} bytes, more than the limit of ${limit} (setting netpol.maxFileSize); it is not read.`,
      span: { start: 0, end: 0 },
    });
  }
  if (text.length > limit) {
    return refused(uri, {
      code: 'file-too-large',
      severity: 'warning',
      message: `The file has ${text.length} characters, more than the limit of ${limit} (setting netpol.maxFileSize); it is not analysed.`,
      span: { start: 0, end: firstLineEnd(text) },
    });
  }
  if (options.invalidEncoding === true) {
    return refused(uri, {
      code: 'invalid-encoding',
      severity: 'error',
      message: 'The file is not valid UTF-8; it is not analysed.',
      span: { start: 0, end: firstLineEnd(text) },
    });
  }
  return undefined;
}

function refused(uri: string, problem: Problem): FileAnalysis {
  return { uri, length: 0, documents: [], objects: [], problems: [problem] };
}

function firstLineEnd(text: string): number {
  const end = text.indexOf('\n');
  return Math.max(1, Math.min(end === -1 ? text.length : end, 200));
}
