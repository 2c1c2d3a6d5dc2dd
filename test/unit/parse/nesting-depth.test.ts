import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDocument } from '../../../server/src/engine/analysis/analyze-document';
import { MAX_NESTING_DEPTH } from '../../../server/src/engine/core/limits';
import { nestingDepth } from '../../../server/src/engine/parse/nesting-depth';

// Documents nested `levels` deep, in each way YAML can nest.
const SHAPES: Record<string, (levels: number) => string> = {
  'block mappings': (levels) =>
    Array.from({ length: levels }, (_, level) => `${' '.repeat(level)}k${level}:\n`).join('') +
    `${' '.repeat(levels)}v\n`,
  'block sequences': (levels) =>
    Array.from({ length: levels }, (_, level) => `${' '.repeat(level * 2)}-\n`).join('') +
    `${' '.repeat(levels * 2)}v\n`,
  'compact sequences': (levels) => `${'- '.repeat(levels)}v\n`,
  'flow sequences': (levels) => `${'['.repeat(levels)}${']'.repeat(levels)}\n`,
  'flow in block': (levels) => `a:\n  b:\n    - ${'{c: '.repeat(levels)}1${'}'.repeat(levels)}\n`,
};

/** The shape at the deepest nesting the limit lets through. */
function deepestAllowed(shape: (levels: number) => string): number {
  let levels = 1;
  while (nestingDepth(shape(levels + 1)) <= MAX_NESTING_DEPTH) {
    levels++;
  }
  return levels;
}

function codes(text: string): string[] {
  return analyzeDocument(text).problems.map((problem) => problem.code);
}

/** Runs `work` under `frames` more frames of the call stack. */
function deepInStack<T>(frames: number, work: () => T): T {
  return frames === 0 ? work() : deepInStack(frames - 1, work);
}

describe('nesting depth', () => {
  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`analyses ${name} up to the limit and refuses them past it`, () => {
      const levels = deepestAllowed(shape);
      assert.ok(levels > MAX_NESTING_DEPTH / 2 - 5, `${levels} levels`);
      assert.deepEqual(codes(shape(levels)), []);
      assert.deepEqual(codes(shape(levels + 1)), ['too-deeply-nested']);
    });

    it(`gives the same answer for ${name} at the limit however deep the caller's stack is`, () => {
      const text = shape(deepestAllowed(shape));
      const top = analyzeDocument(text).problems;
      assert.deepEqual(
        deepInStack(2000, () => analyzeDocument(text).problems),
        top,
      );
    });
  }

  it('does not count the lines of a block scalar', () => {
    const lines = Array.from({ length: 400 }, (_, index) => `    ${' '.repeat(index)}x`);
    const text = `a:\n  b: |\n${lines.join('\n')}\n  c: [1]\n`;
    assert.ok(nestingDepth(text) < 10);
    assert.deepEqual(codes(text), []);
  });
});
