import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
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
  it('asks yaml only where the placed tree cannot tell', () => {
    const text = 'a:\n  b:   # c\n\nc: |\n  x\n';
    const parsed = parseYamlDocument(text);
    assert.deepEqual(parsed.locate(['a']), { start: 5, end: 15 });
    assert.deepEqual(parsed.locate(['c']), { start: text.indexOf('|'), end: text.length });
    assert.deepEqual(parsed.locate(['a', 'b'], 'key'), { start: 5, end: 6 });
  });
});
