import type { Problem } from '../core/problem';
import { MAX_FILE_DOCUMENTS, MAX_FILE_SIZE_CEILING } from '../core/limits';
import type { FileAnalysis } from './document-analysis';

// The problems of a file that is not analysed at all: too large to read or to analyse, not
// UTF-8, or cut into more documents than the limit. Each stands alone in its file's analysis.

export interface FileOptions {
  /** Files longer than this many characters are not analysed. */
  readonly maxFileSize: number;
  /** Set by the reader when the bytes were not valid UTF-8. */
  readonly invalidEncoding?: boolean;
  /** Set by the reader, with an empty text, when the file had this many bytes: too many to read. */
  readonly tooLarge?: number;
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
