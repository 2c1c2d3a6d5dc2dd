import type { Duplicates, FlowAnalysis } from '../engine';
import { ide, present } from '../engine';

import { renderQueryMarkdown } from './logging-query';

export function renderFlowHover(
  flow: FlowAnalysis,
  query: ide.LoggingQuery,
  duplicates: Duplicates = new Map(),
): string {
  const used = ide.duplicatesUsedBy(
    flow.verdict,
    [flow.flow.source, flow.flow.destination],
    duplicates,
  );
  const explanation = [
    present.explainVerdict(flow.verdict, flow.flow),
    ...present.describeDuplicates(used),
  ];
  const verdict = flow.verdict.allowed ? 'allow' : 'deny';
  const title = flow.name === null ? '' : ` · ${flow.name}`;
  const expectation =
    flow.expect === null ? '' : flow.ok ? ` (as expected)` : ` (**expected ${flow.expect}**)`;
  return [
    `**${verdict}**${expectation}${title}`,
    ['```text', ...explanation, '```'].join('\n'),
    `_Dataplane profile: ${flow.dataplane} (setting \`netpol.dataplane\`)._`,
    '---',
    present.renderLogMarkdown(flow.logs),
    renderQueryMarkdown(query),
  ].join('\n\n');
}

export function renderFieldHover(field: ide.FieldDescription): string {
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
