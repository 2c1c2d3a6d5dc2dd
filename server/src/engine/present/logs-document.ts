import type { FlowResult } from '../evaluate/flow-result';
import type { LoggingConfig, LogPreview } from '../logs';
import { checkExpectLogged } from '../logs';
import { describeLogNotes, describeLoggingConfig, renderEntryText } from './logs';

/** One flow of a SampleFlows file, with its log preview. */
export type LogDocumentFlow = Pick<
  FlowResult,
  'name' | 'from' | 'to' | 'port' | 'protocol' | 'verdict' | 'expectLogged'
> & { readonly logs: LogPreview };

export interface LogDocument {
  /** What the document previews, e.g. the SampleFlows file's name. */
  readonly title: string;
  readonly config: LoggingConfig;
  readonly flows: readonly LogDocumentFlow[];
}

/**
 * The "Log preview" document of a whole SampleFlows file, in the `netpol-log` language
 * (syntaxes/netpol-log.tmLanguage.json): a header, then one section per flow.
 */
export function renderLogDocument(document: LogDocument): string {
  const header = [
    `# Log preview: ${document.title}`,
    `# ${describeLoggingConfig(document.config)}`,
    ...document.config.notes.map((note) => `# ${note.message}`),
    '# Each record is one line of /var/log/network/policy_action.log on the node that writes it.',
  ];
  const sections = document.flows.map((flow, index) => renderFlowSection(flow, index).join('\n'));
  return [header.join('\n'), ...sections].join('\n\n') + '\n';
}

function renderFlowSection(flow: LogDocumentFlow, index: number): string[] {
  // An IPv6 destination is bracketed so its port stays readable: `[fd00::1]:443`.
  const destination = flow.to.includes(':') ? `[${flow.to}]` : flow.to;
  const reference = `${flow.from} -> ${destination}:${flow.port}/${flow.protocol}`;
  const lines = [
    flow.name === null ? `flow ${index + 1}` : `flow ${index + 1}: ${flow.name}`,
    `  ${reference}: ${flow.verdict.allowed ? 'allow' : 'deny'}`,
    ...flow.logs.map((entry) => `  ${entry.direction.padEnd(8)}${renderEntryText(entry)}`),
  ];
  if (flow.expectLogged !== null) {
    const holds = checkExpectLogged(flow.logs, flow.expectLogged);
    lines.push(`  expectLogged: ${String(flow.expectLogged)} (${holds ? 'holds' : 'fails'})`);
  }
  return [...lines, ...describeLogNotes(flow.logs).map((note) => `  note: ${note}`)];
}
