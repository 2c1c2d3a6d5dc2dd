import pc from 'picocolors';
import { present } from '../engine';
import type { ide } from '../engine';

import { toExplanation } from '../flow-json';
import type { ExplanationJson } from '../flow-json';

/** One record of `explain-logs --format json` (docs/design.md, "explain-logs"). */
export interface RecordJson {
  readonly index: number;
  readonly line: number;
  readonly direction: 'ingress' | 'egress';
  readonly disposition: 'allow' | 'deny';
  readonly from: string;
  readonly to: string;
  readonly port: number | null;
  readonly protocol: string;
  readonly count: number;
  readonly verdict: 'allow' | 'deny' | 'unknown';
  readonly agrees: boolean | null;
  readonly placed: { readonly from: string; readonly to: string };
  readonly explanation: ExplanationJson | null;
  readonly message: string;
}

export interface RecordProblemJson {
  readonly index: number | null;
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

export interface ExplainLogsOutput {
  readonly text: string;
  /** 0, or 1 when a record disagrees; 2 when the file holds no record at all. */
  readonly status: 0 | 1 | 2;
}

export function formatExplainLogs(
  explanation: ide.RecordsExplanation,
  file: string,
  format: 'text' | 'json',
  dataplane: string,
  color: boolean,
): ExplainLogsOutput {
  const records = explanation.records.map((record) => toRecordJson(record, dataplane));
  const problems = explanation.problems.map(toProblemJson);
  const status =
    records.length === 0 && problems.length > 0
      ? 2
      : records.some((record) => record.agrees === false)
        ? 1
        : 0;
  if (format === 'json') {
    return { text: `${JSON.stringify({ records, problems }, null, 2)}\n`, status };
  }
  return { text: formatText(records, explanation.problems, file, color), status };
}

export function toRecordJson(explained: ide.ExplainedRecord, dataplane: string): RecordJson {
  const { record } = explained;
  return {
    index: explained.index,
    line: explained.line,
    direction: record.connection.direction,
    disposition: record.disposition,
    from: explained.source.reference,
    to: explained.destination.reference,
    port: record.connection.dest_port ?? null,
    protocol:
      record.connection.protocol === 'unknown'
        ? 'unknown'
        : record.connection.protocol.toUpperCase(),
    count: record.count,
    verdict: explained.decision,
    agrees: explained.agrees,
    placed: { from: placedBy(explained.source), to: placedBy(explained.destination) },
    explanation:
      explained.verdict === undefined ? null : toExplanation(explained.verdict, dataplane),
    message: present.explainRecord(explained),
  };
}

function placedBy(endpoint: ide.ExplainedRecord['source']): string {
  return endpoint.placed ? endpoint.by : 'unplaced';
}

function toProblemJson(problem: ide.RecordProblem): RecordProblemJson {
  return {
    index: problem.index ?? null,
    line: problem.line,
    code: problem.code,
    message: problem.message,
  };
}

function formatText(
  records: readonly RecordJson[],
  problems: readonly ide.RecordProblem[],
  file: string,
  color: boolean,
): string {
  const paint = pc.createColors(color);
  const byLine: { line: number; text: string }[] = problems.map((problem) => ({
    line: problem.line,
    text: `${paint.bold(`${file}:${problem.line}`)} ${paint.red('error')} ${paint.dim(problem.code)} ${problem.message}`,
  }));
  for (const record of records) {
    const status =
      record.agrees === true
        ? paint.green('agrees   ')
        : record.agrees === false
          ? paint.red('DISAGREES')
          : paint.yellow('unknown  ');
    const port = record.port === null ? '' : `:${record.port}`;
    const head =
      `${paint.bold(`${file}:${record.line}`)} ${status} ${record.disposition} ${record.direction} ` +
      `${record.from} -> ${record.to}${port}/${record.protocol}`;
    byLine.push({
      line: record.line,
      text: record.agrees === true ? head : `${head}\n    ${paint.dim(record.message)}`,
    });
  }
  // Both lists are in file order: a stable sort by line interleaves them.
  const lines = byLine.sort((left, right) => left.line - right.line).map((entry) => entry.text);
  const summary =
    present.summarizeRecords(records) +
    (problems.length === 0
      ? ''
      : `; ${plural(problems.length, 'malformed entry', 'malformed entries')}`);
  const disagree = records.some((record) => record.agrees === false);
  lines.push(disagree ? paint.red(summary) : paint.green(summary));
  return `${lines.join('\n')}\n`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
