import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createDocumentStore } from '../../server/src/workspace/document-store';

const URI = 'file:///ws/policy.yaml';

/** A store whose hooks only record what they were told, in order. */
function recorded() {
  const log: string[] = [];
  const store = createDocumentStore({
    changed: (uri) => log.push(`changed ${uri}`),
    removed: (uri) => log.push(`removed ${uri}`),
    edited: (uri, edited) => log.push(`edited ${uri} ${JSON.stringify(edited)}`),
  });
  return { store, log };
}

const disk = (text: string) => ({ text, invalidEncoding: false });

describe('reading files from disk', () => {
  it('ignores a read that ends after the editor opened the file', () => {
    const { store } = recorded();
    const done = store.startRead(URI);
    store.setDocument(TextDocument.create(URI, 'yaml', 1, 'open'));
    done(disk('on disk'));
    assert.equal(store.entry(URI)?.document.getText(), 'open');
    assert.equal(store.entry(URI)?.open, true);
  });

  it('keeps the later of two reads, even when it ends first', () => {
    const { store } = recorded();
    const earlier = store.startRead(URI);
    const later = store.startRead(URI);
    later(disk('new'));
    earlier(disk('old'));
    assert.equal(store.entry(URI)?.document.getText(), 'new');
    assert.equal(store.entry(URI)?.revision, 1);
  });

  it('removes a file that could not be read, and says so before it says it changed', () => {
    const { store, log } = recorded();
    store.setText(URI, 'text', false);
    log.splice(0);
    store.startRead(URI)(undefined);
    assert.equal(store.entry(URI), undefined);
    assert.deepEqual(log, [`removed ${URI}`, `changed ${URI}`]);
  });

  it('drops the reads that end after it is disposed', () => {
    const { store, log } = recorded();
    const done = store.startRead(URI);
    store.dispose();
    done(disk('late'));
    assert.equal(store.entry(URI), undefined);
    assert.deepEqual(log, []);
  });
});

describe('the editor’s changes', () => {
  /** Notes a change as the server does: before the document applies it, then the document. */
  function edit(
    store: ReturnType<typeof recorded>['store'],
    document: TextDocument,
    change: TextDocumentContentChangeEvent,
  ): void {
    store.noteChange(document, [change]);
    TextDocument.update(document, [change], document.version + 1);
    store.setDocument(document);
  }

  /** Replaces the first `from` in the document's text with `to`, as one ranged change. */
  function replace(document: TextDocument, from: string, to: string) {
    const start = document.getText().indexOf(from);
    const end = start + from.length;
    return {
      range: { start: document.positionAt(start), end: document.positionAt(end) },
      text: to,
    };
  }

  it('are known to the analysis only when made to the version it read last', () => {
    const { store } = recorded();
    const document = TextDocument.create(URI, 'yaml', 1, 'name: web\n');
    store.setDocument(document);
    // Never analysed: there is nothing the change could be relative to.
    edit(store, document, replace(document, 'web', 'api'));
    assert.equal(store.analysing(URI)?.options.edit, undefined);
    // Made to the version analysed: the analysis is told where.
    edit(store, document, replace(document, 'api', 'shop'));
    assert.deepEqual(store.analysing(URI)?.options.edit, {
      start: 6,
      end: 9,
      inserted: 4,
      linesKept: false,
    });
    // Two changes before the next analysis: the second was made to a text it never read.
    edit(store, document, replace(document, 'shop', 'db'));
    edit(store, document, replace(document, 'db', 'ab'));
    assert.equal(store.analysing(URI)?.options.edit, undefined);
    // The whole text replaced: no range to tell.
    edit(store, document, { text: 'name: x\n' });
    assert.equal(store.analysing(URI)?.options.edit, undefined);
    assert.equal(store.analysing(URI)?.text, 'name: x\n');
  });

  it('tell the publisher what they left in place; a text from disk leaves nothing known', () => {
    const { store, log } = recorded();
    const document = TextDocument.create(URI, 'yaml', 1, 'name: web\n');
    store.setDocument(document);
    edit(store, document, replace(document, 'web', 'api'));
    store.setText(URI, 'name: db\n', false);
    assert.deepEqual(
      log.filter((line) => line.startsWith('edited')),
      [
        `edited ${URI} null`,
        `edited ${URI} ${JSON.stringify({ from: 6, linesKept: true })}`,
        `edited ${URI} null`,
      ],
    );
    assert.equal(store.entry(URI)?.open, false);
    assert.equal(store.entry(URI)?.revision, 3);
  });
});

describe('the files', () => {
  it('are listed in the order they came, and sorted for the analysis', () => {
    const { store } = recorded();
    store.setText('file:///ws/b.yaml', '', false);
    store.setText('file:///ws/a.yaml', '', false);
    assert.deepEqual([...store.uris()], ['file:///ws/b.yaml', 'file:///ws/a.yaml']);
    assert.deepEqual(store.sortedUris(), ['file:///ws/a.yaml', 'file:///ws/b.yaml']);
  });
});
