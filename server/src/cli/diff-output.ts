import { TextDocument } from 'vscode-languageserver-textdocument';
import { ide, present } from '../engine';
import type { Protocol, Verdict } from '../engine';
import type { SourceText } from '../cli-output';
import { toExplanation } from '../flow-json';
import type { ExplanationJson } from '../flow-json';

export type DiffFormat = 'text' | 'json' | 'markdown';

/** One opened or closed pair of the JSON contract (docs/design.md, "diff"). */
export interface PairJson {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly portName: string | null;
  readonly protocol: Protocol;
  /** The verdict of the head version in one line, then in full; `before` is the base's. */
  readonly summary: string;
  readonly explanation: ExplanationJson;
  readonly before: ExplanationJson;
}

export interface FlowChangeJson {
  readonly file: string | null;
  readonly line: number | null;
  readonly name: string | null;
  readonly from: string;
  readonly to: string;
  readonly port: number | string;
  readonly protocol: string;
  readonly before: 'allow' | 'deny';
  readonly after: 'allow' | 'deny';
  readonly summary: string;
  readonly explanation: ExplanationJson;
}

export interface DiffJson {
  readonly dataplane: string;
  readonly counts: { readonly opened: number; readonly closed: number; readonly flows: number };
  readonly truncated: boolean;
  readonly opened: readonly PairJson[];
  readonly closed: readonly PairJson[];
  readonly flows: readonly FlowChangeJson[];
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** The diff as the contract's JSON, each list at most `limit` pairs long. */
export function toDiffJson(
  diff: ide.ReachabilityDiff,
  headTexts: ReadonlyMap<string, SourceText>,
  limit: number,
): DiffJson {
  const pairs = ide.diffPairs(diff, limit);
  const verdictsOf = verdictCache(diff);
  const toPair = (pair: ide.ChangedPair): PairJson => {
    const { before, after } = verdictsOf(pair.change);
    return {
      from: pair.from,
      to: pair.to,
      port: pair.port.containerPort,
      portName: pair.port.name ?? null,
      protocol: pair.port.protocol,
      summary: present.summarizeVerdict(after),
      explanation: toExplanation(after, diff.dataplane),
      before: toExplanation(before, diff.dataplane),
    };
  };
  return {
    dataplane: diff.dataplane,
    counts: { opened: diff.openedPairs, closed: diff.closedPairs, flows: diff.flows.length },
    truncated: pairs.truncated,
    opened: pairs.opened.map(toPair),
    closed: pairs.closed.map(toPair),
    flows: diff.flows.map((change) => toFlowChange(change, headTexts, diff.dataplane)),
    added: diff.added.map((pod) => `${pod.namespace}/${pod.name}`),
    removed: diff.removed.map((pod) => `${pod.namespace}/${pod.name}`),
  };
}

// Pods of one change share their verdicts' reasons: each change is explained once.
function verdictCache(
  diff: ide.ReachabilityDiff,
): (change: ide.ReachabilityChange) => { before: Verdict; after: Verdict } {
  const cache = new Map<ide.ReachabilityChange, { before: Verdict; after: Verdict }>();
  return (change) => {
    let verdicts = cache.get(change);
    if (verdicts === undefined) {
      verdicts = diff.verdicts(change);
      cache.set(change, verdicts);
    }
    return verdicts;
  };
}

function toFlowChange(
  change: ide.FlowChange,
  texts: ReadonlyMap<string, SourceText>,
  dataplane: string,
): FlowChangeJson {
  const { after } = change;
  const source = texts.get(after.uri);
  const line =
    source === undefined
      ? null
      : TextDocument.create(after.uri, 'yaml', 0, source.text).positionAt(after.span.start).line +
        1;
  return {
    file: source?.file ?? null,
    line,
    name: after.name,
    from: after.from,
    to: after.to,
    port: after.port,
    protocol: after.protocol,
    before: change.before.verdict.allowed ? 'allow' : 'deny',
    after: after.verdict.allowed ? 'allow' : 'deny',
    summary: present.summarizeVerdict(after.verdict),
    explanation: toExplanation(after.verdict, dataplane),
  };
}

/** Sample flows first, then what opens, then what closes; a summary line last. */
export function formatDiffText(json: DiffJson): string {
  const lines: string[] = [];
  if (json.flows.length > 0) {
    lines.push('Sample flows whose verdict changed:');
    for (const flow of json.flows) {
      const where = flow.file === null ? '' : `${flow.file}:${flow.line}: `;
      const name = flow.name === null ? '' : `${flow.name}: `;
      lines.push(
        `  ${where}${name}${flow.from} -> ${flow.to}:${flow.port}/${flow.protocol} ${flow.before} -> ${flow.after} (${flow.summary})`,
      );
    }
  }
  for (const [title, sign, list] of [
    ['Opened', '+', json.opened],
    ['Closed', '-', json.closed],
  ] as const) {
    if (list.length > 0) {
      lines.push(`${title}:`);
      lines.push(...list.map((pair) => `  ${sign} ${pairText(pair)}  ${pair.summary}`));
    }
  }
  lines.push(summaryLine(json));
  return `${lines.join('\n')}\n`;
}

/** A heading and tables that fit a pull-request comment. */
export function formatDiffMarkdown(json: DiffJson): string {
  const lines = [
    `### netpol-lens: ${present.summarizeDiffCounts(json.counts.opened, json.counts.closed)}`,
    '',
  ];
  if (json.flows.length > 0) {
    lines.push(`**${capitalize(present.describeFlowChanges(json.flows.length))}**`, '');
    lines.push(
      '| flow | from | to | port | before | after | now |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const flow of json.flows) {
      const name = flow.name ?? (flow.file === null ? '' : `${flow.file}:${flow.line}`);
      lines.push(
        row([
          cell(name),
          code(flow.from),
          code(flow.to),
          `${flow.port}/${flow.protocol}`,
          flow.before,
          flow.after,
          cell(flow.summary),
        ]),
      );
    }
    lines.push('');
  }
  for (const [title, list] of [
    ['Opened', json.opened],
    ['Closed', json.closed],
  ] as const) {
    if (list.length > 0) {
      lines.push(`**${title}**`, '', '| from | to | port | now |', '| --- | --- | --- | --- |');
      lines.push(
        ...list.map((pair) =>
          row([code(pair.from), code(pair.to), portText(pair), cell(pair.summary)]),
        ),
      );
      lines.push('');
    }
  }
  if (json.truncated) {
    lines.push(
      `_Lists stop at ${Math.max(json.opened.length, json.closed.length)} pairs; ${summaryLine(json)}._`,
    );
  } else {
    lines.push(`_${summaryLine(json)}._`);
  }
  return `${lines.join('\n')}\n`;
}

function summaryLine(json: DiffJson): string {
  const parts = [
    `${present.summarizeDiffCounts(json.counts.opened, json.counts.closed)} (workload pairs by port)`,
    present.describeFlowChanges(json.counts.flows),
  ];
  if (json.added.length > 0 || json.removed.length > 0) {
    parts.push(
      `${json.added.length} workloads added and ${json.removed.length} removed, not compared`,
    );
  }
  return `${parts.join('; ')}${json.truncated ? '; lists truncated (see --limit)' : ''}`;
}

function pairText(pair: PairJson): string {
  return `${pair.from} -> ${pair.to}:${portText(pair)}`;
}

function portText(pair: PairJson): string {
  return present.describePort({
    containerPort: pair.port,
    protocol: pair.protocol,
    ...(pair.portName === null ? {} : { name: pair.portName }),
  });
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

// A table cell holds one line and no unescaped pipe.
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, '')}\``;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
