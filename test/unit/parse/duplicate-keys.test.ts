import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { parseYamlDocument } from '../../../server/src/engine/parse/parse-document';

// Each text goes to `yaml` (an anchor, a tag or a flow mapping keeps it off the fast path), and
// the keys are compared as `yaml`'s own check compares them.
const TEXTS = [
  '&x a: 1\n&y a: 2\n',
  '{a: 1, a: 2}',
  '{ a: 1,  a : 2, b: 3, b: 4 }',
  '? a\n: 1\n? a\n: 2\n',
  '&n ~: 1\nnull: 2\n',
  '&e : 1\n: 2\n',
  '&o 1: a\n0x1: b\n',
  '&q "a": 1\n\'a\': 2\n',
  '!!str a: 1\na: 2\n',
  'x: &a\n  # c\n  a: 1\n  # d\n  a: 2\n  a: 3\n',
  '&f .nan: 1\n.nan: 2\n',
  '[a: 1, a: 2]',
  '- &a a: 1\n  a: 2\n- a: 3\n',
  '{a: 1,\n a: 2}',
  '&m a : 1\na   : 2\nb: 1]\nc: 1\n',
  '? {a: 1, a: 2}\n: &k x\n? [k]\n: y\n? [k]\n: z\n',
  '&k a: *k\n*k : 2\n*k : 3\n',
  'a: &b { b: 1, c: 2, b: 3 }\nb: 1\na: 2\n',
  'a: "1"\n1: a\n"a": &x 2\n',
];

function yamlOwnCheck(text: string): [string, number, number][] {
  const document = parseDocument(text, { prettyErrors: false });
  return document.errors.map((error) => [
    error.code.toLowerCase().replace(/_/g, '-'),
    error.pos[0],
    error.pos[1],
  ]);
}

describe('duplicate keys', () => {
  for (const text of TEXTS) {
    it(`reports what yaml's own check reports in ${JSON.stringify(text)}`, () => {
      const parsed = parseYamlDocument(text);
      const problems = parsed.problems
        .filter((problem) => problem.severity === 'error')
        .map((problem): [string, number, number] => [
          problem.code,
          problem.span.start,
          problem.span.end,
        ]);
      assert.deepEqual(problems, yamlOwnCheck(text));
    });
  }

  it('finds each repeated key of a mapping of 100,000 keys after an anchor', () => {
    const lines = ['x: &a 1'];
    for (let index = 0; index < 100_000; index++) {
      lines.push(`k${index % 99_999}: v`);
    }
    const text = `${lines.join('\n')}\n`;
    const parsed = parseYamlDocument(text);
    assert.deepEqual(
      parsed.problems.map((problem) => [problem.code, problem.span.start]),
      [['duplicate-key', text.lastIndexOf('k0:')]],
    );
  });
});
