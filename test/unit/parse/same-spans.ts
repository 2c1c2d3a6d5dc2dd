import assert from 'node:assert/strict';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { locatePlaced } from '../../../server/src/engine/parse/fast-locate';
import { readFastValue } from '../../../server/src/engine/parse/fast-value';
import { locateIn } from '../../../server/src/engine/parse/parse-document';
import { placeNodes } from '../../../server/src/engine/parse/placed-tree';
import type { Path } from '../../../server/src/engine/core/source';

/** How often the placed tree answered for one document, or `undefined` off the fast path. */
export interface SpanCount {
  readonly placed: boolean;
  readonly answered: number;
  readonly asked: number;
}

/**
 * On the fast path, checks that every span the placed tree gives for `text` is the one
 * `locateIn` gives on `yaml`'s tree: for the path to every node and a few paths below them that
 * do not exist, both parts.
 */
export function assertSameSpans(text: string): SpanCount | undefined {
  if (readFastValue(text) === undefined) {
    return undefined;
  }
  const root = placeNodes(text);
  if (root === undefined) {
    return { placed: false, answered: 0, asked: 0 };
  }
  const document = parseDocument(text, { prettyErrors: false });
  let answered = 0;
  let asked = 0;
  for (const path of pathsIn(document)) {
    for (const part of ['key', 'value'] as const) {
      const fast = locatePlaced(root, text, path, part);
      asked++;
      if (fast !== undefined) {
        answered++;
        const expected = locateIn(document, path, part);
        assert.deepEqual(
          fast,
          expected,
          `${part} of ${JSON.stringify(path)} in ${JSON.stringify(text)}`,
        );
      }
    }
  }
  return { placed: true, answered, asked };
}

function pathsIn(document: Document): Path[] {
  const paths: Path[] = [];
  const visit = (node: unknown, path: Path) => {
    paths.push(path, [...path, 'missing'], [...path, 7], [...path, -1], [...path, 0, 'missing']);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const name = String(pair.key.value);
          visit(pair.value, [...path, name]);
          if (/^\d+$/.test(name)) {
            paths.push([...path, Number(name)]);
          }
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item, [...path, index]));
      paths.push([...path, String(0)]);
    }
  };
  visit(document.contents, []);
  return paths;
}
