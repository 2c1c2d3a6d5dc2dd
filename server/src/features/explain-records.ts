import { TextDocument } from 'vscode-languageserver-textdocument';
import { ide, present } from '../engine';
import type { Span, WorkspaceAnalysis } from '../engine';
import { explainRecordsRequest } from '../protocol';
import type {
  ExplainRecordsParams,
  ExplainRecordsResult,
  LineRange,
  RecordDiagnostic,
  RecordSummary,
  SampleFlow,
} from '../protocol';
import { runSafe } from '../run-safe';
import type { FeatureContext } from './context';

/** Records files whose records are kept between requests: the ones being looked at. */
const FILES_KEPT = 2;

/** A records file as last sent: its text and the records read from it. */
interface KeptRecords {
  readonly version: number | undefined;
  readonly document: TextDocument;
  readonly read: ide.RecordsRead;
}

/**
 * `netpol/explainRecords`: real records read against the workspace as it is now. Reading a large
 * file is most of the work, and the editor asks again after each pause in editing the policies:
 * the records read from a version are kept, and the editor sends only the version while it is the
 * same.
 */
export function registerExplainRecords({ connection, workspace }: FeatureContext): void {
  const kept = new Map<string, KeptRecords>();
  const recordsOf = (params: ExplainRecordsParams): KeptRecords | undefined => {
    const last = kept.get(params.uri);
    kept.delete(params.uri);
    const records =
      params.text !== undefined
        ? readText(params.text, params.version)
        : last !== undefined && params.version !== undefined && last.version === params.version
          ? last
          : undefined;
    if (records !== undefined && params.version !== undefined) {
      kept.set(params.uri, records);
      [...kept.keys()].slice(0, -FILES_KEPT).forEach((uri) => kept.delete(uri));
    }
    return records;
  };
  connection.onRequest(explainRecordsRequest, (params) =>
    runSafe<ExplainRecordsResult>(
      connection,
      'explain records',
      { ok: false, message: 'Internal error.' },
      () => {
        const records = recordsOf(params);
        return records === undefined
          ? { ok: false, code: 'text-needed', message: 'The records file was not sent.' }
          : explainKept(workspace.analysis(), records);
      },
    ),
  );
}

function readText(text: string, version: number | undefined): KeptRecords {
  const document = TextDocument.create('records', 'json', 0, text);
  return { version, document, read: ide.readRecords(text) };
}

function explainKept(
  analysis: WorkspaceAnalysis | undefined,
  { document, read }: KeptRecords,
): ExplainRecordsResult {
  if (analysis === undefined) {
    return { ok: false, message: 'The workspace is still being analysed; try again in a moment.' };
  }
  const explanation = ide.explainReadRecords(analysis, read);
  const text = document.getText();
  // A record of an export spans many lines: its first line carries what is said about it.
  const rangeOf = (span: Span): LineRange => {
    const start = document.positionAt(span.start);
    const lineEnd = text.indexOf('\n', span.start);
    const end = document.positionAt(lineEnd < 0 || lineEnd > span.end ? span.end : lineEnd);
    return { start, end };
  };
  const diagnostics = [
    ...explanation.problems.map((problem) => problemDiagnostic(problem, rangeOf(problem.span))),
    ...explanation.records.flatMap((record) => recordDiagnostics(record, rangeOf(record.span))),
  ];
  const records = explanation.records.map((record): RecordSummary => {
    const flow = toSampleFlow(record);
    return {
      range: rangeOf(record.span),
      decision: record.decision,
      agrees: record.agrees,
      allowed: flow === null ? null : (record.verdict?.allowed ?? null),
      flow,
    };
  });
  return { ok: true, diagnostics, records, summary: present.summarizeRecords(explanation.records) };
}

function problemDiagnostic(problem: ide.RecordProblem, range: LineRange): RecordDiagnostic {
  return { range, severity: 'error', code: problem.code, message: problem.message };
}

/** A disagreement warns; an endpoint the workspace cannot place, or another undecided record, informs. */
function recordDiagnostics(record: ide.ExplainedRecord, range: LineRange): RecordDiagnostic[] {
  if (record.agrees === true) {
    return [];
  }
  const message = present.explainRecord(record);
  if (record.agrees === false) {
    return [{ range, severity: 'warning', code: 'record-disagrees', message }];
  }
  const code = record.undecided === 'unplaced' ? 'record-unplaced' : 'record-undecided';
  return [{ range, severity: 'information', code, message }];
}

/** The record as a sample flow: production's behaviour, pinned as a test. */
export function toSampleFlow(record: ide.ExplainedRecord): SampleFlow | null {
  if (record.flow === undefined || !record.source.placed || !record.destination.placed) {
    return null;
  }
  return {
    from: record.source.reference,
    to: record.destination.reference,
    port: record.flow.port,
    ...(record.flow.protocol === 'TCP' ? {} : { protocol: record.flow.protocol }),
    expect: record.record.disposition,
    expectLogged: true,
  };
}
