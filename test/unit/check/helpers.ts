import { checkObject } from '../../../server/src/engine/check';
import { parseYamlDocument } from '../../../server/src/engine/parse/parse-document';
import { toSourceObjects } from '../../../server/src/engine/parse/list';
import type { Problem } from '../../../server/src/engine/core/problem';
import type { PlacedObject, SourceObject } from '../../../server/src/engine/core/source';
import type { Span } from '../../../server/src/engine/core/span';

/** The objects of one YAML document. */
export function objectsOf(text: string): SourceObject[] {
  const document = parseYamlDocument(text);
  if (document.problems.length > 0) {
    throw new Error(`test YAML does not parse: ${document.problems[0]?.message ?? ''}`);
  }
  return toSourceObjects(document.value, document.locate);
}

/** The problems of the first object of `text`, as `{ code, span }`. */
export function check(text: string): { code: string; span: Span }[] {
  return problemsOf(text).map(({ code, span }) => ({ code, span }));
}

export function problemsOf(text: string): Problem[] {
  const [object] = objectsOf(text);
  if (object === undefined) {
    throw new Error('test YAML has no object');
  }
  return checkObject(object);
}

/** The span of the `occurrence`-th (0-based) `needle` in `text`. */
export function spanOf(text: string, needle: string, occurrence = 0): Span {
  let start = -1;
  for (let index = 0; index <= occurrence; index++) {
    start = text.indexOf(needle, start + 1);
    if (start === -1) {
      throw new Error(`"${needle}" (#${occurrence}) is not in the test YAML`);
    }
  }
  return { start, end: start + needle.length };
}

/** The span of `needle` inside the first occurrence of `context`. */
export function spanIn(text: string, context: string, needle: string): Span {
  const outer = spanOf(text, context);
  const inner = context.indexOf(needle);
  if (inner === -1) {
    throw new Error(`"${needle}" is not in "${context}"`);
  }
  return { start: outer.start + inner, end: outer.start + inner + needle.length };
}

/** Every document of a multi-document file as placed objects, as the workspace index gives them. */
export function placedObjectsOf(uri: string, documents: readonly string[]): PlacedObject[] {
  let offset = 0;
  return documents.flatMap((text) => {
    const placed = objectsOf(text).map((object) => ({ ...object, uri, offset }));
    offset += text.length;
    return placed;
  });
}

/** A NetworkPolicy document around a spec, indented as given. */
export function policy(spec: string, metadata = '  name: web\n  namespace: shop\n'): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n${metadata}spec:\n${spec}`;
}
