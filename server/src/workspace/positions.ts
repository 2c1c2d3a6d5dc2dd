import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextChange } from '../engine';

/**
 * The changes of a `didChange` as the text-document library can apply them. The library trusts
 * positions: a fractional line indexes no line start and splices the text in the wrong place,
 * a missing character turns offsets into NaN. So a line or character is floored and raised to 0,
 * and a change without a text or with a position that is not a number is dropped. Positions
 * past the end of a line or of the text are left to the library, which clamps them.
 */
export function toSafeChanges(changes: readonly unknown[]): TextDocumentContentChangeEvent[] {
  return changes.flatMap((change) => toSafeChange(change) ?? []);
}

function toSafeChange(change: unknown): TextDocumentContentChangeEvent | undefined {
  if (typeof change !== 'object' || change === null) {
    return undefined;
  }
  const { text, range } = change as { text?: unknown; range?: unknown };
  if (typeof text !== 'string') {
    return undefined;
  }
  if (!('range' in change) || range === undefined) {
    return { text };
  }
  const { start, end } = (typeof range === 'object' && range !== null ? range : {}) as {
    start?: unknown;
    end?: unknown;
  };
  const safeStart = toSafePosition(start);
  const safeEnd = toSafePosition(end);
  return safeStart && safeEnd && { range: { start: safeStart, end: safeEnd }, text };
}

function toSafePosition(position: unknown): Position | undefined {
  if (typeof position !== 'object' || position === null) {
    return undefined;
  }
  const { line, character } = position as { line?: unknown; character?: unknown };
  const safeLine = toIndex(line);
  const safeCharacter = toIndex(character);
  return safeLine === undefined || safeCharacter === undefined
    ? undefined
    : { line: safeLine, character: safeCharacter };
}

function toIndex(value: unknown): number | undefined {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    return undefined;
  }
  // Infinity is a position past every end: the library clamps the largest safe index.
  return Math.max(0, Math.min(Math.floor(value), Number.MAX_SAFE_INTEGER));
}

/**
 * What changes leave in place: every position before `from`, and with `linesKept` every
 * position (each change kept the text's length and its line breaks).
 */
export interface Edited {
  readonly from: number;
  readonly linesKept: boolean;
}

/** The change as offsets in the text before it, when it is one range; null otherwise. */
export function rangedChange(
  document: TextDocument,
  change: readonly TextDocumentContentChangeEvent[],
): (TextChange & { readonly linesKept: boolean }) | null {
  const [only] = change;
  if (change.length !== 1 || only === undefined || !('range' in only)) {
    return null;
  }
  const start = document.offsetAt(only.range.start);
  const end = document.offsetAt(only.range.end);
  const removed = document.getText().slice(start, end);
  return {
    start,
    end,
    inserted: only.text.length,
    linesKept:
      removed.length === only.text.length && !/[\r\n]/.test(removed) && !/[\r\n]/.test(only.text),
  };
}
