import type { Duplicates, FlowAnalysis, LoggingQuery } from '../engine';
import { describeDuplicates, duplicatesUsedBy, explainVerdict, renderLogMarkdown } from '../engine';
import type { FieldDescription } from '../engine/ide/describe-at';
import { renderQueryMarkdown } from './logging-query';

export function renderFlowHover(
  flow: FlowAnalysis,
  query: LoggingQuery,
  duplicates: Duplicates = new Map(),
): string {
  const used = duplicatesUsedBy(
    flow.verdict,
    [flow.flow.source, flow.flow.destination],
    duplicates,
  );
  const explanation = [explainVerdict(flow.verdict, flow.flow), ...describeDuplicates(used)];
  const verdict = flow.verdict.allowed ? 'allow' : 'deny';
  const title = flow.name === null ? '' : ` · ${flow.name}`;
  const expectation =
    flow.expect === null ? '' : flow.ok ? ` (as expected)` : ` (**expected ${flow.expect}**)`;
  return [
    `**${verdict}**${expectation}${title}`,
    ['```text', ...explanation, '```'].join('\n'),
    `_Dataplane profile: ${flow.dataplane} (setting \`netpol.dataplane\`)._`,
    '---',
    renderLogMarkdown(flow.logs),
    renderQueryMarkdown(query),
  ].join('\n\n');
}

export function renderFieldHover(field: FieldDescription): string {
  const type = field.type === undefined ? '' : ` \`${field.type}\``;
  const lines = [`**${field.field}**${type}`];
  if (field.description !== undefined) {
    lines.push('', field.description);
  }
  if (field.enum !== undefined && field.enum.length > 0) {
    lines.push('', `Allowed values: ${field.enum.map((value) => `\`${value}\``).join(', ')}`);
  }
  return lines.join('\n');
}
