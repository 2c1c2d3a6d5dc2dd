import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseYamlDocument } from '../../../server/src/engine/parse/parse-document';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

// A WeakRef keeps its target alive until the current turn ends, so collect on the next one.
async function isCollected(target: WeakRef<object>): Promise<boolean> {
  await nextTurn();
  collectGarbage();
  return target.deref() === undefined;
}

describe('parseYamlDocument', () => {
  it('gives the plain value and locates keys and values', () => {
    const text = 'spec:\n  podSelector:\n    matchLabels:\n      app: web\n';
    const parsed = parseYamlDocument(text);
    assert.deepEqual(parsed.value, { spec: { podSelector: { matchLabels: { app: 'web' } } } });
    const keyAt = text.indexOf('app');
    assert.deepEqual(parsed.locate(['spec', 'podSelector', 'matchLabels', 'app'], 'key'), {
      start: keyAt,
      end: keyAt + 3,
    });
    const valueAt = text.indexOf('web');
    assert.deepEqual(parsed.locate(['spec', 'podSelector', 'matchLabels', 'app']), {
      start: valueAt,
      end: valueAt + 3,
    });
  });

  it('falls back to the nearest existing ancestor for a missing path', () => {
    const text = 'spec:\n  ingress: []\n';
    const parsed = parseYamlDocument(text);
    const at = text.indexOf('ingress');
    assert.deepEqual(parsed.locate(['spec', 'ingress', 3, 'from'], 'key'), {
      start: at,
      end: at + 7,
    });
  });

  it('reports a syntax error at its place with a kebab-case code', () => {
    const text = 'a: 1\nb: [1, 2\nc: 3\n';
    const parsed = parseYamlDocument(text);
    assert.equal(parsed.value, undefined);
    assert.ok(parsed.problems.length > 0);
    assert.ok(parsed.problems.every((problem) => /^[a-z]+(-[a-z]+)*$/.test(problem.code)));
    assert.ok(parsed.problems.every((problem) => problem.span.start >= text.indexOf('[')));
  });

  it('reports a duplicate key', () => {
    const text = 'a: 1\na: 2\n';
    const parsed = parseYamlDocument(text);
    assert.deepEqual(
      parsed.problems.map((problem) => [problem.code, problem.span.start]),
      [['duplicate-key', text.lastIndexOf('a')]],
    );
  });

  it('reports tab indentation', () => {
    const parsed = parseYamlDocument('spec:\n\tpodSelector: {}\n');
    assert.ok(parsed.problems.some((problem) => problem.severity === 'error'));
  });

  it('refuses a billion-laughs alias bomb instead of expanding it', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 10; level++) {
      const previous = `*a${level - 1}`;
      lines.push(`a${level}: &a${level} [${Array(10).fill(previous).join(', ')}]`);
    }
    const parsed = parseYamlDocument(lines.join('\n'));
    assert.equal(parsed.value, undefined);
    assert.deepEqual(
      parsed.problems.map((problem) => problem.code),
      ['alias-limit'],
    );
  });

  it('survives deeply nested input', () => {
    const parsed = parseYamlDocument(`${'['.repeat(50000)}${']'.repeat(50000)}`);
    assert.ok(parsed.problems.length > 0 || parsed.value !== undefined);
  });

  it('treats text that is not YAML at all as a problem, not a crash', () => {
    const parsed = parseYamlDocument('\u0000\u0001\u0002 {{{ ]]] : : :');
    assert.ok(parsed.problems.some((problem) => problem.severity === 'error'));
  });

  it('builds the tree of a clean document only on use, and drops it on release', () => {
    const text = 'spec:\n  podSelector: {}\n';
    const parsed = parseYamlDocument(text);
    assert.deepEqual(parsed.problems, []);
    const tree = parsed.tree();
    assert.deepEqual(tree?.toJS(), parsed.value);
    assert.equal(parsed.tree(), tree);
    parsed.release();
    assert.notEqual(parsed.tree(), tree);
    assert.deepEqual(parsed.locate(['spec', 'podSelector']), {
      start: text.indexOf('{}'),
      end: text.indexOf('{}') + 2,
    });
  });

  it('keeps no tree alive after release, on either parser', async () => {
    // The second document has an alias, which only `yaml` reads.
    for (const text of ['a: 1\n', 'a: &x 1\nb: *x\n']) {
      const parsed = parseYamlDocument(text);
      const tree = new WeakRef(parsed.tree()!);
      assert.equal(await isCollected(tree), false);
      parsed.release();
      assert.equal(await isCollected(tree), true, JSON.stringify(text));
    }
  });

  it('reports the syntax problems of malformed input as yaml finds them', () => {
    const cases: [text: string, code: string, at: string][] = [
      ['a: "x"#c\n', 'missing-char', '#'],
      ['--- a: b\n', 'missing-char', 'a'],
      [' -\n- a\n', 'unexpected-token', '- a'],
      ['\t1\n', 'tab-as-indent', '\t'],
      ['a: 1\rb: 2\n', 'block-as-implicit-key', '1'],
      ['a: b: c\n', 'block-as-implicit-key', 'b'],
      ['"a\nb": c\n', 'multiline-implicit-key', '"a'],
      ['a: "\\q"\n', 'bad-dq-escape', '\\q'],
      ['{a}#c\n', 'missing-char', '#'],
      ['\uFEFF- a\n', 'unexpected-token', 'a'],
    ];
    for (const [text, code, at] of cases) {
      const parsed = parseYamlDocument(text);
      assert.equal(parsed.value, undefined, JSON.stringify(text));
      assert.deepEqual(
        parsed.problems.slice(0, 1).map((problem) => [problem.code, problem.span.start]),
        [[code, text.indexOf(at)]],
        JSON.stringify(text),
      );
    }
  });
});
