import pc from 'picocolors';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FlowAnalysis, Problem, WorkspaceAnalysis } from './engine';
import { printable } from './cli/printable';
import { fromFlowAnalysis } from './flow-json';
import type { FlowJson } from './flow-json';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface SourceText {
  readonly file: string;
  readonly text: string;
}

/** A problem as the CLI's JSON contract prints it (docs/design.md §9): 1-based lines and columns. */
export interface ProblemRecord {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Problem['severity'];
  readonly code: string;
  readonly message: string;
  /** Other places the problem names, such as the other copy of a duplicate object. */
  readonly related?: readonly RelatedRecord[];
}

export interface RelatedRecord {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export function toProblemRecords(
  analysis: WorkspaceAnalysis,
  texts: ReadonlyMap<string, SourceText>,
): ProblemRecord[] {
  const records: ProblemRecord[] = [];
  const documents = new Map<string, TextDocument>();
  const documentOf = (uri: string): TextDocument | undefined => {
    const source = texts.get(uri);
    if (source === undefined) {
      return undefined;
    }
    let document = documents.get(uri);
    if (document === undefined) {
      document = TextDocument.create(uri, 'yaml', 0, source.text);
      documents.set(uri, document);
    }
    return document;
  };
  const toRelated = (uri: string, related: NonNullable<Problem['related']>): RelatedRecord[] =>
    related.flatMap((item) => {
      const target = item.uri ?? uri;
      const position = documentOf(target)?.positionAt(item.span.start);
      return position === undefined
        ? []
        : [
            {
              file: texts.get(target)!.file,
              line: position.line + 1,
              column: position.character + 1,
              message: item.message,
            },
          ];
    });
  for (const [uri, problems] of analysis.problems) {
    const source = texts.get(uri);
    const document = documentOf(uri);
    if (source === undefined || document === undefined) {
      continue;
    }
    const sorted = [...problems].sort((a, b) => a.span.start - b.span.start);
    for (const problem of sorted) {
      const start = document.positionAt(problem.span.start);
      const end = document.positionAt(problem.span.end);
      records.push({
        file: source.file,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        severity: problem.severity,
        code: problem.code,
        message: problem.message,
        ...(problem.related === undefined || problem.related.length === 0
          ? {}
          : { related: toRelated(uri, problem.related) }),
      });
    }
  }
  return records.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

export function formatCheck(
  analysis: WorkspaceAnalysis,
  texts: ReadonlyMap<string, SourceText>,
  format: OutputFormat,
  color: boolean,
): { text: string; failed: boolean } {
  // Flow verdicts are diagnostics in the editor; here they are the `flows` array instead.
  const problems = toProblemRecords(analysis, texts).filter(
    (problem) => problem.code !== 'flow-verdict',
  );
  const flows = toFlowRecords(analysis, texts);
  const failed =
    problems.some((problem) => problem.severity === 'error') || flows.some((flow) => !flow.ok);
  switch (format) {
    case 'json':
      return { text: `${JSON.stringify({ problems, flows }, null, 2)}\n`, failed };
    case 'sarif':
      return { text: `${JSON.stringify(toSarif(problems), null, 2)}\n`, failed };
    case 'text':
      return { text: formatText(problems, flows, texts.size, color), failed };
  }
}

function toFlowRecords(
  analysis: WorkspaceAnalysis,
  texts: ReadonlyMap<string, SourceText>,
): FlowJson[] {
  const documents = new Map<string, TextDocument>();
  const lineOf = (flow: FlowAnalysis): number => {
    let document = documents.get(flow.uri);
    if (document === undefined) {
      document = TextDocument.create(flow.uri, 'yaml', 0, texts.get(flow.uri)?.text ?? '');
      documents.set(flow.uri, document);
    }
    return document.positionAt(flow.span.start).line + 1;
  };
  return analysis.flows
    .map((flow) =>
      fromFlowAnalysis(
        flow,
        texts.get(flow.uri)?.file ?? flow.uri,
        lineOf(flow),
        analysis.duplicates,
      ),
    )
    .sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
}

function formatText(
  problems: readonly ProblemRecord[],
  flows: readonly FlowJson[],
  fileCount: number,
  color: boolean,
): string {
  const paint = pc.createColors(color);
  const severityColor = {
    error: paint.red,
    warning: paint.yellow,
    information: paint.blue,
    hint: paint.dim,
  } as const;
  // Names, keys and messages come from the user's files: each is escaped before it is printed.
  const lines = problems.flatMap((problem) => [
    `${paint.bold(`${printable(problem.file)}:${problem.line}:${problem.column}`)} ` +
      `${severityColor[problem.severity](problem.severity)} ${paint.dim(problem.code)} ${printable(problem.message)}`,
    ...(problem.related ?? []).map(
      (related) =>
        `    ${paint.dim(`${printable(related.file)}:${related.line}:${related.column}`)} ${printable(related.message)}`,
    ),
  ]);
  for (const flow of flows) {
    const verdict = flow.verdict === 'allow' ? paint.green('allow') : paint.magenta('deny');
    const status = flow.ok ? paint.green('ok  ') : paint.red('FAIL');
    const title = flow.name ?? `${flow.from} -> ${flow.to}:${flow.port}/${flow.protocol}`;
    const expected = flow.ok
      ? ''
      : ` (expected ${flow.expect ?? flow.verdict}${flow.expectLogged === null ? '' : `, expectLogged ${String(flow.expectLogged)}`})`;
    lines.push(
      `${paint.bold(`${printable(flow.file ?? '')}:${flow.line}`)} ${status} ${verdict}${expected} ${printable(title)}`,
    );
    if (!flow.ok) {
      lines.push(`    ${paint.dim(printable(flow.summary))}`);
    }
  }
  const count = (severity: Problem['severity']) =>
    problems.filter((problem) => problem.severity === severity).length;
  const failedFlows = flows.filter((flow) => !flow.ok).length;
  const flowSummary =
    flows.length === 0
      ? ''
      : `; ${plural(flows.length, 'flow')}: ${flows.length - failedFlows} as expected, ${failedFlows} failed`;
  const summary = `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')} in ${plural(fileCount, 'file')}${flowSummary}`;
  lines.push(count('error') > 0 || failedFlows > 0 ? paint.red(summary) : paint.green(summary));
  return `${lines.join('\n')}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A relative path as a URI reference: each segment percent-encoded, `/` between them. */
function toUriReference(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function toSarif(problems: readonly ProblemRecord[]) {
  const level = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'netpol-lens',
            informationUri: 'https://github.com/netpol-lens/netpol-lens',
          },
        },
        results: problems.map((problem) => ({
          ruleId: problem.code,
          level: level[problem.severity],
          message: { text: problem.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUriReference(problem.file) },
                region: {
                  startLine: problem.line,
                  startColumn: problem.column,
                  endLine: problem.endLine,
                  endColumn: problem.endColumn,
                },
              },
            },
          ],
        })),
      },
    ],
  };
}
