import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeFile } from '../engine';
import type { FileAnalysis, WorkspaceAnalysis } from '../engine';
import { appendSampleFlowRequest, sampleFlowsFilesRequest } from '../protocol';
import type { AppendSampleFlowResult, SampleFlow, SampleFlowsFilesResult } from '../protocol';
import { runSafe } from '../run-safe';
import type { FeatureContext } from './context';

/** `netpol/sampleFlowsFiles` and `netpol/appendSampleFlow`: "Add to SampleFlows". */
export function registerSampleFlows({ connection, workspace }: FeatureContext): void {
  connection.onRequest(sampleFlowsFilesRequest, () =>
    runSafe<SampleFlowsFilesResult>(connection, 'sample flows files', { uris: [] }, () =>
      listSampleFlowsFiles(workspace.analysis()),
    ),
  );
  connection.onRequest(appendSampleFlowRequest, (params) =>
    runSafe<AppendSampleFlowResult>(connection, 'append sample flow', { edits: [] }, () =>
      appendSampleFlow(params.uri, params.text, params.flow),
    ),
  );
}

export function listSampleFlowsFiles(
  analysis: WorkspaceAnalysis | undefined,
): SampleFlowsFilesResult {
  const uris = (analysis?.uris ?? []).filter((uri) =>
    analysis?.file(uri)?.objects.some((object) => object.kind === 'SampleFlows'),
  );
  return { uris: [...uris].sort() };
}

interface Insertion {
  readonly offset: number;
  readonly text: string;
}

/** The edit that appends `flow` to the first SampleFlows object of `text`. */
export function appendSampleFlow(
  uri: string,
  text: string,
  flow: SampleFlow,
): AppendSampleFlowResult {
  const before = analyze(uri, text);
  const count = flowCount(before);
  const inList = count === undefined ? undefined : insertIntoList(before, text, flow);
  // The list edit guesses at indentation and style; keep it only if the result reads back
  // with exactly one more flow, else fall back to a document of its own.
  const insertion =
    inList !== undefined && flowCount(analyze(uri, apply(text, inList))) === (count ?? 0) + 1
      ? inList
      : appendDocument(uri, text, flow);
  const document = TextDocument.create(uri, 'yaml', 0, text);
  const position = document.positionAt(insertion.offset);
  return { edits: [{ range: { start: position, end: position }, newText: insertion.text }] };
}

function analyze(uri: string, text: string): FileAnalysis {
  return analyzeFile(uri, text, { maxFileSize: Number.MAX_SAFE_INTEGER });
}

function apply(text: string, insertion: Insertion): string {
  return text.slice(0, insertion.offset) + insertion.text + text.slice(insertion.offset);
}

function sampleFlows(file: FileAnalysis) {
  return file.objects.find((object) => object.kind === 'SampleFlows' && object.path.length === 0);
}

function flowCount(file: FileAnalysis): number | undefined {
  const spec = sampleFlows(file)?.value['spec'];
  const flows =
    typeof spec === 'object' && spec !== null ? (spec as { flows?: unknown }).flows : undefined;
  return Array.isArray(flows) ? flows.length : undefined;
}

function insertIntoList(file: FileAnalysis, text: string, flow: SampleFlow): Insertion | undefined {
  const object = sampleFlows(file);
  if (object === undefined) {
    return undefined;
  }
  const span = object.locate(['spec', 'flows']);
  const start = span.start + object.offset;
  const end = span.end + object.offset;
  if (text[start] === '[') {
    const close = text.lastIndexOf(']', end);
    const empty = text.slice(start + 1, close).trim() === '';
    return { offset: close, text: `${empty ? '' : ', '}${toFlowMap(flow)}` };
  }
  if (text[start] !== '-') {
    return undefined;
  }
  const indent = ' '.repeat(start - (text.lastIndexOf('\n', start - 1) + 1));
  const item = toBlockItem(flow, indent);
  if (text[end - 1] === '\n') {
    return { offset: end, text: `${item}\n` };
  }
  const lineEnd = text.indexOf('\n', end);
  return { offset: lineEnd === -1 ? text.length : lineEnd, text: `\n${item}` };
}

function appendDocument(uri: string, text: string, flow: SampleFlow): Insertion {
  const name = (decodeURIComponent(uri.split('/').pop() ?? '').replace(/\.ya?ml$/, '') || 'flows')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-');
  const document = [
    'apiVersion: netpol-lens.dev/v1alpha1',
    'kind: SampleFlows',
    'metadata:',
    `  name: ${toScalar(name)}`,
    'spec:',
    '  flows:',
    toBlockItem(flow, '    '),
    '',
  ].join('\n');
  if (text.trim() === '') {
    return { offset: 0, text: document };
  }
  return { offset: text.length, text: `${text.endsWith('\n') ? '' : '\n'}---\n${document}` };
}

function fieldsOf(flow: SampleFlow): [string, string][] {
  const fields: [string, string | number | undefined][] = [
    ['name', flow.name],
    ['from', flow.from],
    ['to', flow.to],
    ['port', flow.port],
    [
      'protocol',
      flow.protocol === undefined || flow.protocol === 'TCP' ? undefined : flow.protocol,
    ],
    ['expect', flow.expect],
  ];
  const written = fields.flatMap(([key, value]): [string, string][] =>
    value === undefined ? [] : [[key, typeof value === 'number' ? String(value) : toScalar(value)]],
  );
  return flow.expectLogged === undefined
    ? written
    : [...written, ['expectLogged', String(flow.expectLogged)]];
}

function toBlockItem(flow: SampleFlow, indent: string): string {
  return fieldsOf(flow)
    .map(([key, value], index) => `${indent}${index === 0 ? '- ' : '  '}${key}: ${value}`)
    .join('\n');
}

function toFlowMap(flow: SampleFlow): string {
  return `{ ${fieldsOf(flow)
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ')} }`;
}

// A plain scalar unless YAML would read it as something else (a number, a boolean, a flow
// indicator, a comment...); JSON's double-quoted strings are valid YAML.
function toScalar(value: string): string {
  const plain =
    /^[A-Za-z0-9_./][\w./ -]*$/.test(value) &&
    !/\s$/.test(value) &&
    !/^(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|[-+]?\.inf|\.nan|true|false|yes|no|on|off|null|~)$/i.test(
      value,
    );
  return plain ? value : JSON.stringify(value);
}
