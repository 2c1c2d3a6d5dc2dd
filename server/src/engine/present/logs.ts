import type {
  CloudLoggingOptions,
  LoggingConfig,
  LogPreview,
  LogPreviewEntry,
  PlaceholderField,
} from '../logs';
import { toCloudLoggingEntry } from '../logs';
import type { LogAction } from '../logs/config';

/**
 * The log preview as text lines for the CLI: one line per direction, the record's exact file
 * line or `not logged (<reason>): <message>`, then any notes about made-up or unconfirmed parts.
 */
export function renderLogPreview(entries: LogPreview): string[] {
  const lines = entries.map((entry) => `${entry.direction.padEnd(8)}${renderEntryText(entry)}`);
  return [...lines, ...describeLogNotes(entries).map((note) => `note: ${note}`)];
}

export function renderEntryText(entry: LogPreviewEntry): string {
  return entry.logged ? entry.line : `not logged (${entry.reason}): ${entry.message}`;
}

// The order of the record's fields.
const PLACEHOLDER_ORDER: readonly PlaceholderField[] = [
  'src_ip',
  'dest_ip',
  'src_port',
  'src.pod_name',
  'dest.pod_name',
  'node_name',
  'timestamp',
];

/**
 * One short sentence for each part of the preview that is invented or that the reference marks
 * unconfirmed: placeholder fields, and the order of `policies[]`.
 */
export function describeLogNotes(entries: LogPreview): string[] {
  const notes: string[] = [];
  const placeholders = new Set(
    entries.flatMap((entry) => (entry.logged ? entry.placeholders : [])),
  );
  if (placeholders.size > 0) {
    const fields = PLACEHOLDER_ORDER.filter((field) => placeholders.has(field));
    const list =
      fields.length === 1
        ? fields.join('')
        : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`;
    notes.push(
      `${list} ${fields.length === 1 ? 'is a placeholder' : 'are placeholders'} (not in the workspace).`,
    );
  }
  if (placeholders.has('src.pod_name') || placeholders.has('dest.pod_name')) {
    notes.push(
      "a workload's pod is named after the workload here; its real pods' names carry the controller's suffixes.",
    );
  }
  const listsSeveral = entries.some(
    (entry) => entry.logged && (entry.record.policies?.length ?? 0) > 1,
  );
  if (listsSeveral) {
    notes.push(
      'policies are sorted by kind, namespace and name; the order GKE writes is unconfirmed.',
    );
  }
  return notes;
}

/** One line saying which NetworkLogging is in effect and what it logs. */
export function describeLoggingConfig(config: LoggingConfig): string {
  switch (config.source) {
    case 'none':
      return 'No NetworkLogging in the workspace: logging is off.';
    case 'invalid':
      return 'Every NetworkLogging in the workspace is invalid and ignored: logging is off.';
    case 'workspace':
      return `NetworkLogging default: allow ${describeAction(config.allow, 'policy')}, deny ${describeAction(config.deny, 'namespace')}.`;
  }
}

function describeAction(action: LogAction, annotated: 'policy' | 'namespace'): string {
  if (!action.log) {
    return 'not logged';
  }
  return action.delegate ? `logged when the ${annotated} is annotated` : 'logged';
}

export interface LogMarkdownOptions {
  /** Also show each record as a Cloud Logging entry. */
  readonly cloudLogging?: CloudLoggingOptions;
}

/** Markdown for hovers: each record as a ```json block in file key order, or why not. */
export function renderLogMarkdown(entries: LogPreview, options: LogMarkdownOptions = {}): string {
  const parts = ['**Log preview** (`policy-action`)'];
  for (const entry of entries) {
    parts.push(...renderEntryMarkdown(entry, options));
  }
  parts.push(...describeLogNotes(entries).map((note) => `_${note}_`));
  return parts.join('\n\n');
}

function renderEntryMarkdown(entry: LogPreviewEntry, options: LogMarkdownOptions): string[] {
  if (!entry.logged) {
    return [`**${entry.direction}**: not logged (\`${entry.reason}\`): ${entry.message}`];
  }
  const where = entry.record.node_name ? ` on \`${entry.record.node_name}\`` : '';
  const parts = [
    `**${entry.direction}**: \`${entry.record.disposition}\` logged${where}`,
    fence(JSON.stringify(JSON.parse(entry.line), null, 2)),
  ];
  if (options.cloudLogging) {
    const view = toCloudLoggingEntry(entry.record, options.cloudLogging);
    parts.push(
      'Cloud Logging entry:',
      fence(JSON.stringify(view.entry, null, 2)),
      `_${view.note}_`,
    );
  }
  return parts;
}

function fence(json: string): string {
  return ['```json', json, '```'].join('\n');
}
