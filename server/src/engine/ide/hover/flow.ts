import type { FlowAnalysis } from '../../analysis/analyze-workspace';
import type { LoggingQuery } from '../../logs/query';
import { describeDuplicates, explainVerdict, renderLogMarkdown } from '../../present';
import { duplicatesUsedBy } from '../../workspace-checks/duplicates';
import type { Duplicates } from '../../workspace-checks/duplicates';
import type { FieldDescription } from '../describe-at';

// The hovers of a sample flow (its verdict, log preview and the query for its real records) and
// of a field (its schema description), in markdown.

/** A sample flow's hover: its verdict explained, its log preview and its Cloud Logging query. */
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

/** The hover's Cloud Logging section: a Logs Explorer link and the gcloud command. */
function renderQueryMarkdown(query: LoggingQuery): string {
  return [
    `**Real records:** [open in Logs Explorer](${query.url}), or run:`,
    ['```sh', query.command, '```'].join('\n'),
    '_Project, cluster and location: settings `netpol.gcp.*`._',
  ].join('\n\n');
}
