import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextChange } from '../engine';
import type { FileText } from '../read-file';
import { rangedChange } from './positions';
import type { Edited } from './positions';

export interface Entry {
  /** The editor's own document while it is open (kept up to date in place), else one from disk. */
  readonly document: TextDocument;
  readonly open: boolean;
  readonly invalidEncoding: boolean;
  /** Set when the file on disk was too large to read: its size in bytes. */
  readonly tooLarge?: number;
  /** Counts the texts this file had: diagnostics made for one revision hold only for it. */
  readonly revision: number;
}

/** Whom the store tells what happened to a file; it neither analyses nor publishes itself. */
export interface DocumentStoreHooks {
  /** A file has a new text, or has gone: its next analysis must read it. */
  changed(uri: string): void;
  /** A file has gone, before `changed` says so: what was kept of it can be dropped. */
  removed(uri: string): void;
  /** What the edit that gave a file its new text left in place (null: unknown). */
  edited(uri: string, edited: Edited | null): void;
}

/**
 * The texts of the workspace's files: the editor's for open ones, the disk's for the rest. It
 * decides which of two texts that race for a file wins, and remembers enough of the editor's
 * changes to tell the analysis what changed since the text it last analysed.
 */
export type DocumentStore = ReturnType<typeof createDocumentStore>;

export function createDocumentStore(hooks: DocumentStoreHooks) {
  const entries = new Map<string, Entry>();
  /** The version of each open document last analysed, and what changed in it since. */
  const analysed = new Map<string, number>();
  const changes = new Map<string, TextChange | null>();
  const noted = new Map<string, Edited | null>();
  /** Counts what happened to each file (opened, changed, read, removed): a read that started
   * before the latest of these is stale. */
  const generations = new Map<string, number>();
  let disposed = false;

  function advance(uri: string): number {
    const generation = (generations.get(uri) ?? 0) + 1;
    generations.set(uri, generation);
    return generation;
  }

  function update(uri: string, entry: Omit<Entry, 'revision'>): void {
    advance(uri);
    const previous = entries.get(uri);
    entries.set(uri, { ...entry, revision: (previous?.revision ?? 0) + 1 });
    hooks.changed(uri);
  }

  /** A file as read from disk. */
  function setText(uri: string, text: string, invalidEncoding: boolean, tooLarge?: number): void {
    hooks.edited(uri, null);
    const document = TextDocument.create(uri, 'yaml', 0, text);
    update(uri, { document, open: false, invalidEncoding, tooLarge });
  }

  function remove(uri: string): void {
    advance(uri);
    entries.delete(uri);
    hooks.removed(uri);
    // Its empty list goes out with the next analysis.
    hooks.changed(uri);
  }

  /**
   * Starts a read of a file from disk. The returned function takes its text (undefined if it
   * could not be read, and the file is removed), and ignores it if anything came for the file
   * meanwhile: the editor opened it (its text wins) or a later read started (it is newer).
   */
  function startRead(uri: string): (read: FileText | undefined) => void {
    const generation = advance(uri);
    return (read) => {
      if (disposed || generations.get(uri) !== generation) {
        return;
      }
      if (read === undefined) {
        remove(uri);
      } else {
        setText(uri, read.text, read.invalidEncoding, read.tooLarge);
      }
    };
  }

  /**
   * Notes the editor's change of an open document, before it is applied: one ranged change to
   * the text last analysed lets the analysis skip comparing the texts; anything else is unknown.
   */
  function noteChange(document: TextDocument, change: TextDocumentContentChangeEvent[]): void {
    const ranged = rangedChange(document, change);
    noted.set(document.uri, ranged && { from: ranged.start, linesKept: ranged.linesKept });
    const known =
      ranged !== null &&
      analysed.get(document.uri) === document.version &&
      !changes.has(document.uri);
    changes.set(document.uri, known ? ranged : null);
  }

  /** A document open in the editor, after each change. */
  function setDocument(document: TextDocument): void {
    hooks.edited(document.uri, noted.get(document.uri) ?? null);
    noted.delete(document.uri);
    update(document.uri, { document, open: true, invalidEncoding: false });
  }

  /**
   * A file's text as the analysis is to read it, with what it must know besides: how the file
   * was read, and the editor's ranged change from the text analysed before, when that is known.
   * The change noted next is relative to this text. Undefined once the file has gone.
   */
  function analysing(uri: string) {
    const entry = entries.get(uri);
    if (entry === undefined) {
      return undefined;
    }
    const edit = changes.get(uri) ?? undefined;
    changes.delete(uri);
    analysed.set(uri, entry.document.version);
    const { invalidEncoding, tooLarge } = entry;
    return { text: entry.document.getText(), options: { invalidEncoding, tooLarge, edit } };
  }

  /**
   * The files in the order of their URIs. What the engine lists across files (the policies a
   * verdict names) follows the order it is given them: the order the files came in would make a
   * long-running server say what a fresh one, reading the folder sorted, does not.
   */
  function sortedUris(): string[] {
    return [...entries.keys()].sort();
  }

  return {
    entry: (uri: string): Entry | undefined => entries.get(uri),
    /** Every file's URI, in the order the files came in. */
    uris: (): IterableIterator<string> => entries.keys(),
    sortedUris,
    setText,
    remove,
    startRead,
    noteChange,
    setDocument,
    analysing,
    /** Reads that end afterwards are dropped: the server that asked for them has stopped. */
    dispose(): void {
      disposed = true;
    },
  };
}
