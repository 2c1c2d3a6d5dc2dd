import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Pair, YAMLMap } from 'yaml';
import { parseYamlDocument } from '../../parse/parse-document';
import { pathAt } from '../../parse/path-at';
import { splitDocuments } from '../../parse/split';
import type { Edit } from '../../core/problem';
import { columnOf, contentLineEnd, lineStartOf } from '../../parse/yaml-edit';

/** A rewrite the user may choose; unlike a fix, it changes what the policy means. */
export interface Refactoring {
  readonly title: string;
  readonly edits: readonly Edit[];
}

const POD = 'podSelector';
const NAMESPACE = 'namespaceSelector';

/**
 * At a `from`/`to` peer: combine a podSelector-only peer and an adjacent namespaceSelector-only
 * peer into one peer that requires both, or split such a peer into the two. Offsets are the file's.
 */
export function refactorPeersAt(text: string, offset: number): Refactoring[] {
  const chunk = splitDocuments(text)
    .filter((candidate) => candidate.offset <= offset)
    .at(-1);
  const tree = chunk && parseYamlDocument(chunk.text).tree();
  if (chunk === undefined || tree === undefined || tree.errors.length > 0) {
    return [];
  }
  const path = pathAt(tree, offset - chunk.offset)?.path ?? [];
  const at = lastPeerList(path);
  const list = at === -1 ? undefined : tree.getIn(path.slice(0, at + 1), true);
  const index = path[at + 1];
  if (!isSeq(list) || list.flow === true || typeof index !== 'number') {
    return [];
  }
  const items = list.items.map((item) => (isMap(item) ? item : undefined));
  const refactoring = rewrite(chunk.text, items, index);
  return refactoring === undefined
    ? []
    : [{ ...refactoring, edits: refactoring.edits.map((edit) => shift(edit, chunk.offset)) }];
}

// The index of the last `from`/`to` segment followed by an item index.
function lastPeerList(path: readonly (string | number)[]): number {
  for (let index = path.length - 2; index >= 0; index--) {
    const segment = path[index];
    if ((segment === 'from' || segment === 'to') && typeof path[index + 1] === 'number') {
      return index;
    }
  }
  return -1;
}

function rewrite(
  text: string,
  items: readonly (YAMLMap | undefined)[],
  index: number,
): Refactoring | undefined {
  const peer = items[index];
  const keys = peer && keysOf(peer);
  if (peer === undefined || keys === undefined) {
    return undefined;
  }
  if (keys === `${NAMESPACE},${POD}`) {
    return split(text, peer);
  }
  const wanted = keys === POD ? NAMESPACE : keys === NAMESPACE ? POD : undefined;
  const partner = [index + 1, index - 1].find(
    (candidate) => wanted !== undefined && keysOf(items[candidate]) === wanted,
  );
  if (partner === undefined) {
    return undefined;
  }
  const [first, second] = [items[Math.min(index, partner)]!, items[Math.max(index, partner)]!];
  return combine(text, first, second);
}

function combine(text: string, first: YAMLMap, second: YAMLMap): Refactoring | undefined {
  const firstPair = first.items[0];
  const secondPair = second.items[0];
  if (!first.range || !second.range || firstPair === undefined || secondPair === undefined) {
    return undefined;
  }
  const column = columnOf(text, first.range[0]);
  const pad = ' '.repeat(column - 2);
  const newText = `${pad}- ${pairText(text, firstPair, column)}\n${pad}  ${pairText(text, secondPair, column)}`;
  const span = {
    start: lineStartOf(text, first.range[0]),
    end: contentLineEnd(text, second.range[1]),
  };
  return {
    title: 'Combine into one peer (pods that match both selectors)',
    edits: [{ span, newText }],
  };
}

function split(text: string, peer: YAMLMap): Refactoring | undefined {
  const [firstPair, secondPair] = peer.items;
  if (!peer.range || firstPair === undefined || secondPair === undefined) {
    return undefined;
  }
  const column = columnOf(text, peer.range[0]);
  const pad = ' '.repeat(column - 2);
  const newText = `${pad}- ${pairText(text, firstPair, column)}\n${pad}- ${pairText(text, secondPair, column)}`;
  const span = {
    start: lineStartOf(text, peer.range[0]),
    end: contentLineEnd(text, peer.range[1]),
  };
  return {
    title: 'Split into two peers (pods that match either selector)',
    edits: [{ span, newText }],
  };
}

// A peer's keys, sorted, when it is a block map of selectors and nothing else.
function keysOf(peer: YAMLMap | undefined): string | undefined {
  if (peer === undefined || peer.flow === true) {
    return undefined;
  }
  const keys = peer.items.map((pair) =>
    isPair(pair) && isScalar(pair.key) ? pair.key.value : undefined,
  );
  return keys.every((key) => key === POD || key === NAMESPACE) ? keys.sort().join(',') : undefined;
}

// The pair's text from its key to the end of its value, re-indented from its column to `column`.
function pairText(text: string, pair: Pair, column: number): string {
  const key = isScalar(pair.key) ? pair.key.range : undefined;
  const value = (pair.value as { range?: [number, number, number] } | null)?.range;
  if (!key) {
    return '';
  }
  const end = contentLineEnd(text, value?.[1] ?? key[1]);
  const delta = column - columnOf(text, key[0]);
  const [head = '', ...rest] = text.slice(key[0], end).split('\n');
  return [head, ...rest.map((line) => reindent(line, delta))].join('\n');
}

function reindent(line: string, delta: number): string {
  if (delta >= 0) {
    return ' '.repeat(delta) + line;
  }
  const spaces = line.length - line.trimStart().length;
  return line.slice(Math.min(spaces, -delta));
}

function shift(edit: Edit, by: number): Edit {
  return { ...edit, span: { start: edit.span.start + by, end: edit.span.end + by } };
}
