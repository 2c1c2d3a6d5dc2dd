import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { Edit } from '../core/problem';
import type { Path } from '../core/source';

/** The column of `offset` on its line. */
export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The offset where the line holding `offset` begins. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The end of the last line with content at or before `end`: block nodes' ranges run past it. */
export function contentLineEnd(text: string, end: number): number {
  let last = Math.min(end, text.length);
  while (last > 0 && /\s/.test(text.charAt(last - 1))) {
    last--;
  }
  const newline = text.indexOf('\n', last);
  return newline === -1 ? text.length : newline;
}

/** `lines` (relative indentation, no trailing newline) as a block list item at `column`. */
export function toItem(lines: string, column: number): string {
  const pad = ' '.repeat(column);
  return `${pad}- ${lines.split('\n').join(`\n${pad}  `)}`;
}

/**
 * Edits that append `item` (YAML lines, indented relative to each other) to the list at `path`:
 * a new `- ` line in a block list, `, item` in a one-line flow list, or a new key when the list
 * is missing or empty. Undefined when no edit is certain (a multi-line item in a flow list).
 */
export function appendToList(
  text: string,
  document: Document,
  path: Path,
  item: string,
): Edit[] | undefined {
  const node = document.getIn(path, true) as Node | undefined;
  const pair = pairAt(document, path);
  const keyRange = pair !== undefined && isScalar(pair.key) ? pair.key.range : undefined;
  const empty =
    node === undefined ||
    node === null ||
    (isScalar(node) && node.value === null) ||
    (isSeq(node) && node.items.length === 0);
  if (keyRange && empty && (item.includes('\n') || !isSeq(node))) {
    // `egress:` or `egress: []`: the list becomes a block under its key.
    const at = keyRange[1] + (text.charAt(keyRange[1]) === ':' ? 1 : 0);
    const end = contentLineEnd(text, node?.range?.[1] ?? at);
    const column = columnOf(text, keyRange[0]);
    return [{ span: { start: at, end }, newText: `\n${toItem(item, column + 2)}` }];
  }
  if (isSeq(node)) {
    return node.flow === true ? appendToFlow(node, item) : appendToBlock(text, node, item);
  }
  const parent = document.getIn(path.slice(0, -1), true) as Node | undefined;
  const key = path.at(-1);
  if (pair !== undefined || !isMap(parent) || typeof key !== 'string') {
    return undefined;
  }
  return addKey(text, parent, key, item);
}

function pairAt(document: Document, path: Path): Pair | undefined {
  const parent = document.getIn(path.slice(0, -1), true);
  const key = path.at(-1);
  if (!isMap(parent)) {
    return undefined;
  }
  return parent.items.find(
    (candidate): candidate is Pair =>
      isPair(candidate) && isScalar(candidate.key) && candidate.key.value === key,
  );
}

function appendToFlow(node: YAMLSeq, item: string): Edit[] | undefined {
  if (item.includes('\n') || !node.range) {
    return undefined;
  }
  const last = node.items.at(-1) as Node | undefined;
  if (last?.range) {
    const at = last.range[1];
    return [{ span: { start: at, end: at }, newText: `, ${item}` }];
  }
  const [start, end] = node.range;
  return [{ span: { start, end }, newText: `[${item}]` }];
}

function appendToBlock(text: string, node: YAMLSeq, item: string): Edit[] | undefined {
  if (!node.range) {
    return undefined;
  }
  const column = columnOf(text, node.range[0]);
  const at = contentLineEnd(text, node.range[1]);
  return [{ span: { start: at, end: at }, newText: `\n${toItem(item, column)}` }];
}

function addKey(text: string, parent: YAMLMap, key: string, item: string): Edit[] | undefined {
  const first = parent.items[0];
  if (parent.flow === true || !isPair(first) || !isScalar(first.key) || !first.key.range) {
    return undefined;
  }
  const column = columnOf(text, first.key.range[0]);
  const at = contentLineEnd(text, parent.range?.[1] ?? text.length);
  const pad = ' '.repeat(column);
  return [
    { span: { start: at, end: at }, newText: `\n${pad}${key}:\n${toItem(item, column + 2)}` },
  ];
}
