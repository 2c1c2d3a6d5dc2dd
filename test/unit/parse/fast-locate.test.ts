import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { locatePlaced } from '../../../server/src/engine/parse/fast-locate';
import { readFastValue } from '../../../server/src/engine/parse/fast-value';
import { parseYamlDocument } from '../../../server/src/engine/parse/parse-document';
import { documentsIn, variants } from './corpus';
import { handWrittenText, stringifiedText } from './random-yaml';
import { assertSameSpans } from './same-spans';
import type { SpanCount } from './same-spans';
import { TRICKY_DOCUMENTS } from './tricky-documents';

const RUNS = Number(process.env['PARSE_RUNS'] ?? 1000);

// How many of the spans asked for the placed tree answered itself, without `yaml`'s tree.
function answeredShare(counts: readonly (SpanCount | undefined)[]): number {
  const placed = counts.filter((count) => count !== undefined);
  assert.ok(placed.every((count) => count.placed));
  const asked = placed.reduce((sum, count) => sum + count.asked, 0);
  return placed.reduce((sum, count) => sum + count.answered, 0) / Math.max(1, asked);
}

describe('spans from where js-yaml composed each node, against yaml', () => {
  it('gives every span of examples/ itself, the same as yaml', () => {
    const documents = documentsIn('examples').flatMap(variants);
    assert.equal(answeredShare(documents.map(assertSameSpans)), 1);
  });

  it('agrees with yaml on the test fixtures and tricky documents', () => {
    const documents = [...documentsIn('test'), ...TRICKY_DOCUMENTS].flatMap(variants);
    assert.ok(answeredShare(documents.map(assertSameSpans)) > 0.99);
  });

  it('agrees with yaml on random data written by yaml in random styles', () => {
    const counts: (SpanCount | undefined)[] = [];
    fc.assert(
      fc.property(stringifiedText, (text) => void counts.push(assertSameSpans(text))),
      { numRuns: RUNS, seed: 20261122 },
    );
    assert.ok(answeredShare(counts) > 0.95);
  });

  it('agrees with yaml on random data written by hand, valid or not', () => {
    const counts: (SpanCount | undefined)[] = [];
    fc.assert(
      fc.property(handWrittenText, (text) => void counts.push(assertSameSpans(text))),
      { numRuns: RUNS, seed: 20261122 },
    );
    assert.ok(answeredShare(counts) > 0.95);
  });
});

describe('locate on the fast path', () => {
  it('gives spans without trailing space, comments or blank lines', () => {
    const text = 'a:\n  b: x  # c\n  d:\n  - [1]  \n\ne: |\n  y\n\n';
    const parsed = parseYamlDocument(text);
    const nested = text.indexOf('b:');
    assert.deepEqual(parsed.locate(['a']), { start: nested, end: text.indexOf('\n\ne') + 1 });
    assert.deepEqual(parsed.locate(['a', 'b']), {
      start: text.indexOf('x'),
      end: text.indexOf('x') + 1,
    });
    assert.deepEqual(parsed.locate(['a', 'd', 0]), {
      start: text.indexOf('['),
      end: text.indexOf(']') + 1,
    });
    assert.deepEqual(parsed.locate(['e']), {
      start: text.indexOf('|'),
      end: text.indexOf('y') + 2,
    });
    assert.deepEqual(parsed.locate(['a', 'b', 'missing'], 'key'), {
      start: nested,
      end: nested + 1,
    });
  });

  it('asks yaml where the placed tree cannot tell', () => {
    // After an empty value, `yaml` ends its mapping after the comment and the blank line.
    const text = 'a:\n  b:   # c\n\nc: 1\n';
    const places = readFastValue(text)?.places;
    assert.ok(places !== undefined);
    assert.equal(locatePlaced(places, text, ['a'], 'value'), undefined);
    const parsed = parseYamlDocument(text);
    assert.deepEqual(parsed.locate(['a']), { start: text.indexOf('b'), end: text.indexOf('c:') });
  });
});
