import type { Part, Path } from '../core/source';
import type { Span } from '../core/span';
import { itemAt, pairsOf, skipSpace } from './placed-tree';
import type { PlacedNode, PlacedPair } from './placed-tree';

// `locateIn` on the placed tree of a fast-path document: the same spans as on `yaml`'s tree,
// which the differential tests in test/unit/parse hold it to. `undefined` where the span would
// follow a `yaml` quirk this does not copy; the caller then asks `yaml`'s tree.

/** The span of `path` below `root`, or of the nearest ancestor that exists. */
export function locatePlaced(
  root: PlacedNode,
  text: string,
  path: Path,
  part: Part,
): Span | undefined {
  let node = root;
  let key: PlacedNode | undefined;
  const rootSpan = measure(node, text);
  let best: Measured = rootSpan === 'empty' ? { start: 0, end: 0 } : rootSpan;
  for (const segment of path) {
    const next = step(node, segment, text);
    if (next === 'unknown') {
      return undefined;
    }
    if (next === undefined) {
      return key !== undefined ? known(measure(key, text), best) : known(best);
    }
    key = next.key;
    node = next.node;
    const span = measure(node, text);
    best = span !== 'empty' ? span : key ? measure(key, text) : best;
  }
  if (part === 'key' && key !== undefined) {
    return known(measure(key, text), best);
  }
  return known(best);
}

// A node's span; `yaml` gives an empty node none, so its key's (or its parent's) is used instead.
type Measured = Span | 'empty' | 'unknown';

function known(first: Measured, fallback: Measured = 'unknown'): Span | undefined {
  const span = first === 'empty' ? fallback : first;
  return typeof span === 'object' ? span : undefined;
}

// Like `yaml`'s `getIn`, the first pair whose key reads as the segment, or the item at an index.
function step(
  node: PlacedNode,
  segment: string | number,
  text: string,
): { node: PlacedNode; key?: PlacedNode } | 'unknown' | undefined {
  if (node.kind === 'mapping') {
    const pairs = pairsOf(node, text);
    const name = String(segment);
    const found = pairs?.find(([key]) => String(key.result) === name);
    return pairs === undefined ? 'unknown' : found && { node: valueOf(found), key: found[0] };
  }
  // `yaml` reads `items[segment]`: nothing at a negative or fractional index.
  if (node.kind === 'sequence' && Number.isInteger(segment) && (segment as number) >= 0) {
    const item = itemAt(node, segment as number);
    return item === 'unknown' || item === undefined ? item : { node: item };
  }
  return undefined;
}

function valueOf([key, value]: PlacedPair): PlacedNode {
  return value ?? { open: key.close, close: key.close, kind: null, result: null, children: [] };
}

function lastValue(node: PlacedNode, text: string): PlacedNode | undefined {
  const last = pairsOf(node, text)?.at(-1);
  return last === undefined ? undefined : valueOf(last);
}

function measure(node: PlacedNode, text: string): Measured {
  if (node.kind === null) {
    return 'empty';
  }
  const start = skipSpace(text, node.open);
  const end = valueEnd(node, text, start);
  return end === undefined ? 'unknown' : { start, end };
}

function valueEnd(node: PlacedNode, text: string, start: number): number | undefined {
  const first = text.charCodeAt(start);
  if (node.kind === 'scalar') {
    return first === 0x7c || first === 0x3e
      ? blockScalarEnd(text, start, node.close)
      : trimEnd(text, node.close);
  }
  if (first === 0x5b || first === 0x7b) {
    return trimEnd(text, node.close);
  }
  const last = node.kind === 'mapping' ? lastValue(node, text) : itemAt(node, -1);
  return last === undefined || last === 'unknown' ? undefined : nodeEnd(last, text);
}

// Where `yaml` ends a block collection's last node: after the rest of its line, comment and line
// break included. After an empty value it ends somewhere between the `:` and the next content,
// depending on the spaces, comments and blank lines in between: that is left to `yaml`.
function nodeEnd(node: PlacedNode, text: string): number | undefined {
  if (node.kind === null) {
    return undefined;
  }
  const start = skipSpace(text, node.open);
  const end = valueEnd(node, text, start);
  if (end === undefined || isBlockCollection(node, text, start)) {
    return end;
  }
  const first = text.charCodeAt(start);
  return first === 0x7c || first === 0x3e ? end : restOfLine(text, end);
}

function isBlockCollection(node: PlacedNode, text: string, start: number): boolean {
  const first = text.charCodeAt(start);
  return node.kind !== 'scalar' && first !== 0x5b && first !== 0x7b;
}

function restOfLine(text: string, from: number): number {
  let index = from;
  while (text.charCodeAt(index) === 0x20 || text.charCodeAt(index) === 0x09) {
    index++;
  }
  if (text.charCodeAt(index) === 0x23) {
    index = text.indexOf('\n', index);
    return index === -1 ? text.length : index + 1;
  }
  if (text.charCodeAt(index) === 0x0d && text.charCodeAt(index + 1) === 0x0a) {
    return index + 2;
  }
  return text.charCodeAt(index) === 0x0a ? index + 1 : index;
}

// js-yaml stops a plain scalar after trailing spaces (before a `#` or `:`) or on the next line.
function trimEnd(text: string, close: number): number {
  let end = Math.min(close, text.length);
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) {
    end--;
  }
  return end;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

// `yaml` ends a block scalar after its last line with content, where a line of spaces counts as
// content when it is indented more than the first line with text. js-yaml stops after the
// indentation of the first line that is indented less (a line that is not the scalar's).
function blockScalarEnd(text: string, start: number, close: number): number | undefined {
  const header = text.indexOf('\n', start);
  if (header === -1) {
    return text.length;
  }
  const limit = Math.min(close, text.length);
  let indent = Infinity;
  let end = header + 1;
  let lines = 0;
  for (let lineStart = header + 1; lineStart < limit;) {
    const lineStop = Math.min(lineEnd(text, lineStart), limit);
    const line = text.slice(lineStart, lineStop).replace(/\r$/, '');
    const spaces = line.length - line.trimStart().length;
    if (line.trim() !== '') {
      indent = Math.min(indent, spaces);
    }
    if (line.trim() !== '' || line.length > indent) {
      end = lineStop === text.length ? lineStop : lineStop + 1;
    }
    lineStart = lineStop + 1;
    lines++;
  }
  // Without content, how many of the empty lines `yaml` takes in follows no rule found so far.
  return indent === Infinity && lines > 0 ? undefined : end;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}
