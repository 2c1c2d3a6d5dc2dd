import type { PolicyActionRecord } from '../types';
import type { Span } from '../../core/span';
import { splitJsonArray } from './split-json-array';
import { toRecord } from './to-record';

/** One record of a records file, where it is. */
export interface ReadRecord {
  /** Position among the file's entries (good or bad), from 0. */
  readonly index: number;
  /** 1-based line of the entry's start. */
  readonly line: number;
  readonly span: Span;
  readonly record: PolicyActionRecord;
}

/** An entry that is not a record, or a file that is not records at all. */
export interface RecordProblem {
  readonly code: 'record-malformed';
  readonly index?: number;
  readonly line: number;
  readonly span: Span;
  readonly message: string;
}

export interface RecordsRead {
  /** `gcloud logging read --format=json` output, or the node file's JSON Lines. */
  readonly format: 'cloud-logging' | 'json-lines';
  readonly records: readonly ReadRecord[];
  readonly problems: readonly RecordProblem[];
}

/**
 * Reads policy-action records: a JSON array of Cloud Logging entries (what `gcloud logging read
 * --format=json` prints), or one JSON record per line (the node's `policy_action.log`, or entries
 * one per line). Every bad entry is a problem of its own, and the rest is still read.
 */
export function readRecords(text: string): RecordsRead {
  const first = text.search(/\S/);
  if (first >= 0 && text[first] === '[') {
    return readArray(text, first);
  }
  return readLines(text);
}

function readArray(text: string, start: number): RecordsRead {
  const { items, broken } = splitJsonArray(text, start);
  const records: ReadRecord[] = [];
  const problems: RecordProblem[] = [];
  const lines = lineCounter(text);
  items.forEach((span, index) => {
    readEntry(text.slice(span.start, span.end), index, lines(span.start), span, records, problems);
  });
  if (broken !== undefined) {
    const span = { start: broken.offset, end: text.length };
    problems.push({
      code: 'record-malformed',
      line: lines(broken.offset),
      span,
      message: broken.message,
    });
  }
  return { format: 'cloud-logging', records, problems };
}

function readLines(text: string): RecordsRead {
  const records: ReadRecord[] = [];
  const problems: RecordProblem[] = [];
  let index = 0;
  let line = 1;
  for (let start = 0; start <= text.length; line += 1) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const content = text.slice(start, end).trim();
    if (content !== '') {
      const span = { start, end: end > start && text[end - 1] === '\r' ? end - 1 : end };
      readEntry(content, index, line, span, records, problems);
      index += 1;
    }
    if (newline < 0) {
      break;
    }
    start = newline + 1;
  }
  return { format: 'json-lines', records, problems };
}

function readEntry(
  json: string,
  index: number,
  line: number,
  span: Span,
  records: ReadRecord[],
  problems: RecordProblem[],
): void {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const reason = error instanceof SyntaxError ? ` (${error.message})` : '';
    problems.push({
      code: 'record-malformed',
      index,
      line,
      span,
      message: `Entry ${index + 1} is not valid JSON${reason}.`,
    });
    return;
  }
  const read = toRecord(value);
  if ('error' in read) {
    problems.push({
      code: 'record-malformed',
      index,
      line,
      span,
      message: `Entry ${index + 1}: ${read.error}`,
    });
    return;
  }
  records.push({ index, line, span, record: read.record });
}

/** The 1-based line of an offset, for offsets asked in increasing order. */
function lineCounter(text: string): (offset: number) => number {
  let line = 1;
  let counted = 0;
  return (offset) => {
    for (
      let at = text.indexOf('\n', counted);
      at >= 0 && at < offset;
      at = text.indexOf('\n', at + 1)
    ) {
      line += 1;
      counted = at + 1;
    }
    counted = Math.max(counted, Math.min(offset, text.length));
    return line;
  };
}
