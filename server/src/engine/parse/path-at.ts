import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import type { Path } from '../core/source';

/** What sits at an offset: the path of the innermost node, and whether the offset is on a key. */
export interface PathAt {
  readonly path: Path;
  readonly onKey: boolean;
}

export function pathAt(document: Document, offset: number): PathAt | undefined {
  const path: (string | number)[] = [];
  let node: unknown = document.contents;
  if (!within(node, offset)) {
    return undefined;
  }
  for (;;) {
    const next = childAt(node, offset);
    if (next === undefined) {
      return { path, onKey: false };
    }
    path.push(next.segment);
    if (next.onKey) {
      return { path, onKey: true };
    }
    node = next.node;
  }
}

function childAt(
  node: unknown,
  offset: number,
): { segment: string | number; node: unknown; onKey: boolean } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) {
        continue;
      }
      const segment = String(pair.key.value);
      if (within(pair.key, offset)) {
        return { segment, node: pair.value, onKey: true };
      }
      if (within(pair.value, offset)) {
        return { segment, node: pair.value, onKey: false };
      }
    }
    return undefined;
  }
  if (isSeq(node)) {
    const index = node.items.findIndex((item) => within(item, offset));
    return index === -1 ? undefined : { segment: index, node: node.items[index], onKey: false };
  }
  return undefined;
}

function within(node: unknown, offset: number): boolean {
  const range = (node as Node | null | undefined)?.range;
  return range !== undefined && range !== null && range[0] <= offset && offset <= range[1];
}
