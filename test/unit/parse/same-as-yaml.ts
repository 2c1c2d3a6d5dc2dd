import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { readFastValue } from '../../../server/src/engine/parse/fast-value';
import { parseYamlDocument } from '../../../server/src/engine/parse/parse-document';

/**
 * Parses `text` with `parseYamlDocument` and checks it against `yaml` alone, the parser it used
 * before the fast path: on the fast path `yaml` must see nothing wrong and read the same value;
 * otherwise the result carries `yaml`'s own problems and value. Returns the path taken.
 */
export function assertSameAsYaml(text: string): 'fast' | 'yaml' {
  const document = parseDocument(text, { prettyErrors: false });
  const reported = [...document.errors, ...document.warnings].map((error) => toCode(error.code));
  const parsed = parseYamlDocument(text);
  const fast = readFastValue(text);
  const context = `for ${JSON.stringify(text)}`;
  if (fast !== undefined) {
    assert.deepEqual(reported, [], `yaml reports problems on the fast path ${context}`);
    assert.deepStrictEqual(fast.value, toJS(document), `values differ ${context}`);
    assert.deepStrictEqual(parsed.value, fast.value, context);
    assert.deepEqual(parsed.problems, [], context);
    return 'fast';
  }
  // Duplicate keys are found in a pass of our own, so they come in the order of their places
  // rather than where `yaml`'s check would have put them among its other errors.
  assert.deepEqual(
    parsed.problems
      .slice(0, reported.length)
      .map((problem) => problem.code)
      .sort(),
    [...reported].sort(),
    `problems differ ${context}`,
  );
  if (document.errors.length > 0 || document.contents === null) {
    assert.equal(parsed.value, undefined, context);
  } else if (parsed.problems.length === reported.length) {
    assert.deepStrictEqual(parsed.value, toJS(document), `values differ ${context}`);
  }
  return 'yaml';
}

function toJS(document: ReturnType<typeof parseDocument>): unknown {
  return document.toJS({ maxAliasCount: 100 });
}

function toCode(code: string): string {
  return code.toLowerCase().replace(/_/g, '-');
}
