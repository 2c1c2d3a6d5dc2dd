import { load } from 'js-yaml';
import type { EventType, State } from 'js-yaml';
import { CORE_SCHEMA } from './core-schema';

/**
 * A node as js-yaml composed it, with the offsets it was composed between: `open` may lie
 * before separating space and comments, and `close` after trailing space. js-yaml calls
 * `composeNode` once per node, but also around a node it then keeps as it is (a block mapping's
 * first key without a `:` is the node itself) and for an attempt that composes nothing (a key
 * before a block scalar): `unwrap` and `pairsOf` see through those.
 */
export interface PlacedNode {
  readonly open: number;
  close: number;
  /** `null` for an empty node (`a:` with nothing after it). */
  kind: 'scalar' | 'mapping' | 'sequence' | null;
  result: unknown;
  readonly children: PlacedNode[];
}

/** A mapping's key and value; a flow mapping's key may have none (`{a}`). */
export type PlacedPair = readonly [key: PlacedNode, value: PlacedNode | undefined];

/** Composes `text` again with js-yaml, which the fast path read it with, recording places. */
export function placeNodes(text: string): PlacedNode | undefined {
  const places = recordPlaces();
  load(text, { schema: CORE_SCHEMA, listener: places.listener });
  return places.root();
}

/** A js-yaml `listener` that records where each node was composed. */
export function recordPlaces(): {
  listener: (event: EventType, state: State) => void;
  root: () => PlacedNode | undefined;
} {
  const open: PlacedNode[] = [{ open: 0, close: 0, kind: null, result: null, children: [] }];
  const listener = (event: EventType, state: State) => {
    if (event === 'open') {
      const node = { open: state.position, close: 0, kind: null, result: null, children: [] };
      open[open.length - 1]?.children.push(node);
      open.push(node);
      return;
    }
    const node = open.pop();
    if (node !== undefined) {
      node.close = state.position;
      node.kind = state.kind as PlacedNode['kind'];
      node.result = state.result;
    }
  };
  const root = () => {
    const first = open.length === 1 ? open[0]?.children[0] : undefined;
    return first === undefined ? undefined : unwrap(first);
  };
  return { listener, root };
}

/** A node that only wraps the one node it kept is that node. */
export function unwrap(node: PlacedNode): PlacedNode {
  let current = node;
  for (;;) {
    const only = current.children.length === 1 ? current.children[0] : undefined;
    if (
      only === undefined ||
      only.kind !== current.kind ||
      !Object.is(only.result, current.result)
    ) {
      return current;
    }
    current = only;
  }
}

/**
 * A sequence's item at `index` (from the end when negative); `undefined` past its end, and
 * `'unknown'` when its items do not add up to its value. Sample flows locate every item of a long
 * sequence, so this does not go through all of them.
 */
export function itemAt(node: PlacedNode, index: number): PlacedNode | 'unknown' | undefined {
  if (node.children.length !== (node.result as unknown[]).length) {
    return 'unknown';
  }
  const item = node.children.at(index);
  return item === undefined ? undefined : unwrap(item);
}

/** A mapping's pairs; `undefined` when they do not add up to its value. */
export function pairsOf(node: PlacedNode, text: string): PlacedPair[] | undefined {
  const children = node.children.map(unwrap);
  const pairs =
    text.charCodeAt(skipSpace(text, node.open)) === 0x7b
      ? flowPairs(children, text)
      : blockPairs(children);
  const size = Object.keys(node.result as object).length;
  return pairs?.length === size && pairs.every(([key]) => key.kind === 'scalar')
    ? pairs
    : undefined;
}

// A block mapping composes a value after each key; it may end with an attempt at a key that
// composed nothing (before a `...` line).
function blockPairs(children: readonly PlacedNode[]): PlacedPair[] | undefined {
  const pairs: PlacedPair[] = [];
  for (let index = 0; index + 1 < children.length; index += 2) {
    pairs.push([children[index]!, children[index + 1]]);
  }
  const rest = children.length % 2 === 1 ? children.at(-1) : undefined;
  return rest === undefined || rest.kind === null ? pairs : undefined;
}

// A flow mapping composes a value only after a `:` (`{a, b: 1}`), so a child is a value when
// the first thing after the previous child is a `:`.
function flowPairs(children: readonly PlacedNode[], text: string): PlacedPair[] {
  const pairs: PlacedPair[] = [];
  for (let index = 0; index < children.length; index++) {
    const key = children[index]!;
    const next = children[index + 1];
    const hasValue = next !== undefined && text.charAt(skipSpace(text, key.close)) === ':';
    pairs.push([key, hasValue ? next : undefined]);
    index += hasValue ? 1 : 0;
  }
  return pairs;
}

/** The first offset at or after `from` that is not space, a line break or a comment. */
export function skipSpace(text: string, from: number): number {
  let index = from;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x23) {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
    } else if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) {
      index++;
    } else {
      break;
    }
  }
  return index;
}
