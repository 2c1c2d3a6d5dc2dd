import type { FileAnalysis, PlacedDocument } from '../check/document-analysis';
import { splitDocuments } from '../parse/split';
import type { Chunk } from '../parse/split';
import { fileOf } from '../analysis/analyze-file';
import { refusal, tooManyDocuments } from '../check/file-limits';
import type { FileOptions } from '../check/file-limits';
import { keepDocument, placeDocument } from './kept-documents';
import type { MovableDocument } from './kept-documents';

/** What changed in a file's text: from `start` to `end` (offsets in the previous text), `inserted` characters. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly inserted: number;
}

export interface UpdateOptions extends FileOptions {
  /**
   * What changed since the previous analysis, when the caller knows. It spares the comparison
   * of the two texts; a wrong hint gives wrong documents, so give none when unsure.
   */
  readonly edit?: TextChange;
}

/**
 * `analyzeFile`, given the file's previous analysis: the documents whose text is unchanged are
 * kept (moved, when an edit above moved them), and only the text between them is cut and
 * analysed again.
 */
export function updateFile(
  uri: string,
  text: string,
  options: UpdateOptions,
  previous: FileAnalysis | undefined,
): FileAnalysis {
  const refused = refusal(uri, text, options);
  if (refused !== undefined) {
    return refused;
  }
  const { edit } = options;
  const chunks =
    edit !== undefined && previous !== undefined && fits(edit, previous, text)
      ? splitAround(text, previous, edit)
      : splitEdited(text, previous);
  return (
    tooManyDocuments(uri, text, chunks.length) ??
    fileOf(uri, text, placeChunks(uri, chunks, previous?.documents ?? []))
  );
}

/** Where a document ends in its file: the next document, or a dropped blank chunk, begins there. */
function endOf(document: PlacedDocument): number {
  return document.offset + document.analysis.parsed.text.length;
}

const STARTS_WITH_MARKER = /^---(?=[ \t\r\n]|$)/;

function atLineStart(text: string, offset: number): boolean {
  return offset === 0 || text.charCodeAt(offset - 1) === 0x0a;
}

/**
 * The chunks of a file's new text. The documents of the previous text that are still in place,
 * at the start and (moved by the change in length) at the end, are kept as they were, and only
 * the text between them is cut again: a keystroke in a big file does not search all of it.
 */
function splitEdited(text: string, previous: FileAnalysis | undefined): Chunk[] {
  const before = previous?.documents ?? [];
  if (previous === undefined || before.length === 0) {
    return splitDocuments(text);
  }
  const inPlace = (document: PlacedDocument, by: number) =>
    text.startsWith(document.analysis.parsed.text, document.offset + by);
  // From the start: documents in place and back to back from offset 0. The last one's end is
  // not known to be a cut any more (the next document's marker line may be what changed).
  let head = 0;
  while (
    head < before.length &&
    before[head]!.offset === (head === 0 ? 0 : endOf(before[head - 1]!)) &&
    inPlace(before[head]!, 0)
  ) {
    head++;
  }
  head = Math.max(0, head - 1);
  // From the end: documents in place after the change, back to back to the end of the text,
  // each starting with its own marker line at a line start, which makes its start a cut.
  const by = text.length - previous.length;
  let tail = before.length;
  while (
    tail - 1 >= head &&
    endOf(before[tail - 1]!) ===
      (tail === before.length ? previous.length : before[tail]!.offset) &&
    before[tail - 1]!.offset + by >= (head === 0 ? 0 : endOf(before[head - 1]!)) &&
    STARTS_WITH_MARKER.test(before[tail - 1]!.analysis.parsed.text) &&
    atLineStart(text, before[tail - 1]!.offset + by) &&
    inPlace(before[tail - 1]!, by)
  ) {
    tail--;
  }
  return joinChunks(text, before, head, tail, by);
}

function fits(edit: TextChange, previous: FileAnalysis, text: string): boolean {
  return (
    0 <= edit.start &&
    edit.start <= edit.end &&
    edit.end <= previous.length &&
    text.length === previous.length + edit.inserted - (edit.end - edit.start)
  );
}

/**
 * `splitEdited` when the change is known: the documents that end before the one holding the
 * change's start (and before the document ahead of it, whose end is the next one's marker line)
 * and those that start after its end with a marker line are kept without comparing any text.
 */
function splitAround(text: string, previous: FileAnalysis, edit: TextChange): Chunk[] {
  const before = previous.documents;
  let affected = before.findIndex((document) => endOf(document) >= edit.start);
  if (affected === -1) {
    affected = before.length;
  }
  const head = Math.max(0, affected - 1);
  const by = edit.inserted - (edit.end - edit.start);
  let tail = before.findIndex(
    (document, index) =>
      index >= head &&
      document.offset > edit.end &&
      STARTS_WITH_MARKER.test(document.analysis.parsed.text),
  );
  if (tail === -1) {
    tail = before.length;
  }
  return joinChunks(text, before, head, tail, by);
}

/** The kept documents before `head` and from `tail` (moved by `by`), and a new cut between. */
function joinChunks(
  text: string,
  before: readonly PlacedDocument[],
  head: number,
  tail: number,
  by: number,
): Chunk[] {
  const chunkOf = (document: PlacedDocument, shift = 0): Chunk => ({
    offset: document.offset + shift,
    text: document.analysis.parsed.text,
  });
  const from = head === 0 ? 0 : endOf(before[head - 1]!);
  const to = tail === before.length ? text.length : before[tail]!.offset + by;
  const middle = splitDocuments(text.slice(from, to)).map((chunk) => ({
    offset: chunk.offset + from,
    text: chunk.text,
  }));
  return [
    ...before.slice(0, head).map((document) => chunkOf(document)),
    ...middle,
    ...before.slice(tail).map((document) => chunkOf(document, by)),
  ];
}

/**
 * Places the chunks of a file, reusing the previous documents with the same text: those before
 * and after the edit are found in order, as a diff would, and the others by their text.
 */
function placeChunks(
  uri: string,
  chunks: readonly Chunk[],
  previous: readonly PlacedDocument[],
): PlacedDocument[] {
  const before = previous as readonly MovableDocument[];
  const fresh = before.length === 0 ? (text: string) => text : detach;
  const placed: PlacedDocument[] = new Array<PlacedDocument>(chunks.length);
  const reuse = (document: MovableDocument, chunk: Chunk): PlacedDocument => {
    if (document.offset === chunk.offset) {
      return document;
    }
    if (document.move === undefined) {
      return placeDocument(uri, document.analysis, chunk.offset);
    }
    document.move(chunk.offset);
    return document;
  };
  const same = (chunk: Chunk | undefined, document: MovableDocument | undefined) =>
    chunk !== undefined && document?.analysis.parsed.text === chunk.text;
  let head = 0;
  while (head < chunks.length && same(chunks[head], before[head])) {
    placed[head] = reuse(before[head]!, chunks[head]!);
    head++;
  }
  let tail = 0;
  while (
    tail < chunks.length - head &&
    tail < before.length - head &&
    same(chunks[chunks.length - 1 - tail], before[before.length - 1 - tail])
  ) {
    const at = chunks.length - 1 - tail;
    placed[at] = reuse(before[before.length - 1 - tail]!, chunks[at]!);
    tail++;
  }
  const byText = new Map<string, MovableDocument[]>();
  for (const document of before.slice(head, before.length - tail)) {
    const text = document.analysis.parsed.text;
    byText.set(text, [...(byText.get(text) ?? []), document]);
  }
  for (let index = head; index < chunks.length - tail; index++) {
    const chunk = chunks[index]!;
    const candidates = byText.get(chunk.text) ?? [];
    const unmoved = candidates.findIndex((document) => document.offset === chunk.offset);
    const movable = candidates.findIndex((document) => document.move !== undefined);
    const found = unmoved !== -1 ? unmoved : movable !== -1 ? movable : 0;
    const document = candidates.length > 0 ? candidates.splice(found, 1)[0] : undefined;
    placed[index] =
      document === undefined
        ? placeDocument(uri, keepDocument(fresh(chunk.text)), chunk.offset)
        : reuse(document, chunk);
  }
  return placed;
}

// A chunk is a slice of its file's text, and a slice keeps all of that text alive: documents
// analysed after an edit, kept across later edits, would keep every version of a big file. They
// get their own copy; a file read whole shares one text among its documents.
function detach(text: string): string {
  return `-${text}`.slice(1);
}
