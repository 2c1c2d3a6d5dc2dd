import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeFile } from '../../../server/src/engine';
import { updateFile } from '../../../server/src/engine/incremental/update-file';
import type { FileAnalysis } from '../../../server/src/engine';

const OPTIONS = { maxFileSize: 1_000_000 };

/** Where each document is and what it holds: what a fresh analysis must agree with. */
function layout(file: FileAnalysis) {
  return file.documents.map((document) => ({
    offset: document.offset,
    text: document.analysis.parsed.text,
    objects: document.objects.map((object) => [object.kind, object.offset]),
  }));
}

// Lines that make and break documents: markers, comments, blanks, content.
const LINE = fc.constantFrom(
  '---',
  '--- # marker',
  '...',
  '--',
  '-',
  '# a comment',
  '',
  '  ',
  'kind: Namespace',
  'apiVersion: v1',
  'metadata: { name: a }',
  'metadata:',
  '  name: b',
  'x: "---"',
);
const TEXT = fc.array(LINE, { maxLength: 30 }).map((lines) => lines.join('\n'));

describe('an edited file', () => {
  it('is cut into the same documents as the same text read afresh', () => {
    fc.assert(
      fc.property(
        TEXT,
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.nat(8),
            fc.oneof(
              LINE.map((line) => `${line}\n`),
              fc.string({ maxLength: 4 }),
            ),
          ),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        (start, edits) => {
          let text = start;
          let file = analyzeFile('file:///a.yaml', text, OPTIONS);
          let told = analyzeFile('file:///a.yaml', text, OPTIONS);
          for (const [at, removed, inserted] of edits) {
            const from = at % (text.length + 1);
            const to = Math.min(text.length, from + removed);
            text = text.slice(0, from) + inserted + text.slice(to);
            const fresh = layout(analyzeFile('file:///a.yaml', text, OPTIONS));
            // Found by comparing the texts, and told by the caller.
            file = updateFile('file:///a.yaml', text, OPTIONS, file);
            assert.deepEqual(layout(file), fresh);
            const edit = { start: from, end: to, inserted: inserted.length };
            told = updateFile('file:///a.yaml', text, { ...OPTIONS, edit }, told);
            assert.deepEqual(layout(told), fresh);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
