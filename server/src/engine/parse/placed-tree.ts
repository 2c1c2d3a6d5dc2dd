import { load } from 'js-yaml';
import type { EventType, State } from 'js-yaml';
import { CORE_SCHEMA } from './core-schema';

/**
 * A node as js-yaml composed it, with the offsets it was composed between: `open` may lie
 * before separating space and comments, and `close` after trailing space.
 */
export interface PlacedNode {
  readonly open: number;
  readonly close: number;
  /** `undefined` for an empty node (`a:` with nothing after it). */
  readonly kind: 'scalar' | 'mapping' | 'sequence' | undefined;
  readonly entries: readonly PlacedEntry[];
  readonly items: readonly PlacedNode[];
}

export interface PlacedEntry {
  /** The key as `yaml`'s `String(key.value)` spells it. */
  readonly name: string;
  readonly key: PlacedNode;
  readonly value: PlacedNode;
}

// What the listener sees: js-yaml calls `composeNode` once per node, but also around a node it
// then keeps as it is (a block mapping's first key that has no `:` is the node itself) and for
// an attempt that composes nothing (a key before a block scalar).
interface Composed {
  readonly open: number;
  close: number;
  kind: string | null;
  result: unknown;
  readonly children: Composed[];
}

/**
 * Composes `text` again with js-yaml, which the fast path read it with, recording where each
 * node lies; `undefined` when the recorded nodes do not add up to the value.
 */
export function placeNodes(text: string): PlacedNode | undefined {
  const root = composeWithPlaces(text);
  return root === undefined ? undefined : toPlaced(root, text);
}

function composeWithPlaces(text: string): Composed | undefined {
  const open: Composed[] = [{ open: 0, close: 0, kind: null, result: null, children: [] }];
  load(text, {
    schema: CORE_SCHEMA,
    listener: (event: EventType, state: State) => {
      if (event === 'open') {
        const node = { open: state.position, close: 0, kind: null, result: null, children: [] };
        open[open.length - 1]?.children.push(node);
        open.push(node);
        return;
      }
      const node = open.pop();
      if (node !== undefined) {
        node.close = state.position;
        node.kind = state.kind;
        node.result = state.result;
      }
    },
  });
  return open.length === 1 ? open[0]?.children[0] : undefined;
}

function toPlaced(composed: Composed, text: string): PlacedNode | undefined {
  const node = unwrap(composed);
  const base = { open: node.open, close: node.close, entries: [], items: [] };
  if (node.kind === 'scalar') {
    return { ...base, kind: 'scalar' };
  }
  if (node.kind === 'sequence') {
    const items = placeAll(node.children, text);
    const length = (node.result as unknown[]).length;
    return items?.length === length ? { ...base, kind: 'sequence', items } : undefined;
  }
  if (node.kind === 'mapping') {
    const entries = toEntries(node, text);
    const size = Object.keys(node.result as object).length;
    return entries?.length === size ? { ...base, kind: 'mapping', entries } : undefined;
  }
  return node.kind === null ? { ...base, kind: undefined } : undefined;
}

// A node that only wraps the one node it kept is that node.
function unwrap(node: Composed): Composed {
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

function placeAll(children: readonly Composed[], text: string): PlacedNode[] | undefined {
  const placed: PlacedNode[] = [];
  for (const child of children) {
    const node = toPlaced(child, text);
    if (node === undefined) {
      return undefined;
    }
    placed.push(node);
  }
  return placed;
}

function toEntries(node: Composed, text: string): PlacedEntry[] | undefined {
  const pairs = pairUp(node, text);
  if (pairs === undefined) {
    return undefined;
  }
  const entries: PlacedEntry[] = [];
  for (const [key, value] of pairs) {
    const placedKey = key.kind === 'scalar' ? toPlaced(key, text) : undefined;
    const placedValue = value === undefined ? emptyAfter(key) : toPlaced(value, text);
    if (placedKey === undefined || placedValue === undefined) {
      return undefined;
    }
    entries.push({ name: detach(String(key.result)), key: placedKey, value: placedValue });
  }
  return entries;
}

// A flow mapping composes a value only after a `:` (`{a, b: 1}`), so a child is a value when
// the first thing after the previous child is a `:`. A block mapping always composes a value
// after its key; it may end with an attempt at a key that composed nothing (before `...`).
function pairUp(node: Composed, text: string): [Composed, Composed | undefined][] | undefined {
  const children = node.children.map(unwrap);
  const flow = text.charCodeAt(skipSpace(text, node.open)) === 0x7b;
  const pairs: [Composed, Composed | undefined][] = [];
  for (let index = 0; index < children.length; index++) {
    const key = children[index]!;
    const next = children[index + 1];
    const hasValue =
      next !== undefined && (!flow || text.charAt(skipSpace(text, key.close)) === ':');
    if (!flow && !hasValue) {
      return key.kind === null && index === children.length - 1 ? pairs : undefined;
    }
    pairs.push([key, hasValue ? next : undefined]);
    index += hasValue ? 1 : 0;
  }
  return pairs;
}

function emptyAfter(key: Composed): PlacedNode {
  return { open: key.close, close: key.close, kind: undefined, entries: [], items: [] };
}

/** The first offset at or after `from` that is not space, a line break or a comment. */
export function skipSpace(text: string, from: number): number {
  let index = from;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x23) {
      index = lineEnd(text, index);
    } else if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) {
      index++;
    } else {
      break;
    }
  }
  return index;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

// Keys are kept for as long as the placed tree, and in V8 a slice of 13 or more characters keeps
// js-yaml's copy of the whole text alive: copy such keys out of it.
function detach(name: string): string {
  return name.length < 13 ? name : ` ${name}`.slice(1);
}
