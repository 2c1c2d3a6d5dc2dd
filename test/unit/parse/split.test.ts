import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitDocuments } from '../../../server/src/engine/parse/split';

describe('splitDocuments', () => {
  it('cuts at --- lines and keeps offsets', () => {
    const text = 'a: 1\n---\nb: 2\n--- # third\nc: 3\n';
    const chunks = splitDocuments(text);
    assert.deepEqual(
      chunks.map((chunk) => chunk.offset),
      [0, text.indexOf('---\nb'), text.indexOf('--- # third')],
    );
    assert.equal(chunks.map((chunk) => chunk.text).join(''), text);
  });

  it('ignores --- that is not at the start of a line or is part of a longer word', () => {
    const text = 'a: "x --- y"\nb: ----\nc: |\n  ---not a marker\n';
    assert.equal(splitDocuments(text).length, 1);
  });

  it('ends a chunk after a ... line', () => {
    const text = 'a: 1\n...\nb: 2\n';
    const chunks = splitDocuments(text);
    assert.deepEqual(
      chunks.map((chunk) => chunk.text),
      ['a: 1\n...\n', 'b: 2\n'],
    );
  });

  it('drops chunks with nothing but comments and markers', () => {
    const text = '# header\n---\n# only a comment\n---\na: 1\n---\n';
    const chunks = splitDocuments(text);
    assert.deepEqual(
      chunks.map((chunk) => chunk.text),
      ['---\na: 1\n'],
    );
  });

  it('gives nothing for an empty file', () => {
    assert.deepEqual(splitDocuments(''), []);
  });
});
