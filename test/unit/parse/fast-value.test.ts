import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readFastValue } from '../../../server/src/engine/parse/fast-value';
import { documentsIn, variants, withCrlf } from './corpus';
import { handWrittenText, stringifiedText } from './random-yaml';
import { assertSameAsYaml } from './same-as-yaml';
import { TRICKY_DOCUMENTS } from './tricky-documents';

const RUNS = Number(process.env['PARSE_RUNS'] ?? 1000);

describe('the fast path against yaml', () => {
  it('reads every document of examples/ itself, with the same values', () => {
    const documents = documentsIn('examples');
    assert.ok(documents.length > 10);
    for (const text of [...documents, ...documents.map(withCrlf)]) {
      assert.equal(assertSameAsYaml(text), 'fast', JSON.stringify(text));
    }
    // `yaml` refuses a byte order mark before `- `, so any document after one goes to `yaml`.
    documents.map((text) => `\uFEFF${text}`).forEach(assertSameAsYaml);
  });

  it('agrees with yaml on every document of the test fixtures', () => {
    const documents = documentsIn('test').flatMap(variants);
    assert.ok(documents.length > 0);
    documents.forEach(assertSameAsYaml);
  });

  it('agrees with yaml on tricky scalars and constructs', () => {
    const paths = TRICKY_DOCUMENTS.flatMap(variants).map(assertSameAsYaml);
    // Many are still read fast; the rest is where the guards send text to `yaml`.
    assert.ok(paths.filter((taken) => taken === 'fast').length > paths.length / 2.5);
  });

  it('agrees with yaml on random data written by yaml in random styles', () => {
    let fast = 0;
    fc.assert(
      fc.property(stringifiedText, (text) => {
        fast += assertSameAsYaml(text) === 'fast' ? 1 : 0;
      }),
      { numRuns: RUNS, seed: 20261122 },
    );
    assert.ok(fast > RUNS / 2, `only ${fast} of ${RUNS} documents took the fast path`);
  });

  it('agrees with yaml on random data written by hand, valid or not', () => {
    let fast = 0;
    fc.assert(
      fc.property(handWrittenText, (text) => {
        fast += assertSameAsYaml(text) === 'fast' ? 1 : 0;
      }),
      { numRuns: RUNS, seed: 20261122 },
    );
    assert.ok(fast > RUNS / 4, `only ${fast} of ${RUNS} documents took the fast path`);
  });
});

describe('readFastValue', () => {
  it('leaves to yaml what only yaml reads for sure', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '%YAML 1.2\n---\na: 1\n',
      '? a\n: b\n',
      '<<: {a: 1}\n',
      '{[a]}\n',
      'null: a\n',
      '- -\n- -\n',
      '---\n',
      '',
    ]) {
      assert.equal(readFastValue(text), undefined, JSON.stringify(text));
    }
  });

  it('reads plain scalars with the YAML 1.2 core schema, as yaml does', () => {
    const table: [string, unknown][] = [
      ['~', null],
      ['Null', null],
      ['TRUE', true],
      ['False', false],
      ['yes', 'yes'],
      ['off', 'off'],
      ['+1', 1],
      ['-0', -0],
      ['007', 7],
      ['0o17', 15],
      ['0x1F', 31],
      ['1_000', '1_000'],
      ['0b1', '0b1'],
      ['1e3', 1000],
      ['.5', 0.5],
      ['1.', 1],
      ['-.inf', -Infinity],
      ['.NaN', NaN],
      ['2001-12-14', '2001-12-14'],
      ['"1"', '1'],
    ];
    for (const [scalar, expected] of table) {
      assert.deepStrictEqual(readFastValue(`a: ${scalar}\n`)?.value, { a: expected }, scalar);
    }
  });
});
