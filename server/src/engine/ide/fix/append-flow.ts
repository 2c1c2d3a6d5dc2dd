import { analyzeFile } from '../../analysis/analyze-file';
import type { FileAnalysis } from '../../check/document-analysis';
import { toScalar } from '../yaml-scalar';
import { asNextDocument } from './next-document';

/** A sample flow to write, as the Simulate Flow view picked it. */
export interface FlowToAppend {
  readonly name?: string;
  readonly from: string;
  readonly to: string;
  readonly port: number | string;
  readonly protocol?: string;
  readonly expect?: 'allow' | 'deny';
  readonly expectLogged?: boolean;
}

/** Text to insert at an offset of the file. */
export interface Insertion {
  readonly offset: number;
  readonly text: string;
}

/**
 * Where and what to insert so that `flow` becomes the last flow of the first SampleFlows object
 * of `text`, or, when the file has none, of a SampleFlows document of its own at the end.
 */
export function appendFlow(uri: string, text: string, flow: FlowToAppend): Insertion {
  const before = analyze(uri, text);
  const count = flowCount(before);
  const inList = count === undefined ? undefined : insertIntoList(before, text, flow);
  // The list edit guesses at indentation and style; keep it only if the result reads back
  // with exactly one more flow, else fall back to a document of its own.
  return inList !== undefined && flowCount(analyze(uri, apply(text, inList))) === (count ?? 0) + 1
    ? inList
    : appendDocument(uri, text, flow);
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

function insertIntoList(
  file: FileAnalysis,
  text: string,
  flow: FlowToAppend,
): Insertion | undefined {
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

function appendDocument(uri: string, text: string, flow: FlowToAppend): Insertion {
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
  return { offset: text.length, text: asNextDocument(text, document) };
}

function fieldsOf(flow: FlowToAppend): [string, string][] {
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

function toBlockItem(flow: FlowToAppend, indent: string): string {
  return fieldsOf(flow)
    .map(([key, value], index) => `${indent}${index === 0 ? '- ' : '  '}${key}: ${value}`)
    .join('\n');
}

function toFlowMap(flow: FlowToAppend): string {
  return `{ ${fieldsOf(flow)
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ')} }`;
}
