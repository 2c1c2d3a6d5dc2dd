import type { Span } from '../../core/span';

export interface ArrayItems {
  /** Each top-level item's text span, in order. */
  readonly items: readonly Span[];
  /** Where the array stops making sense, if it does (unclosed, or text after it). */
  readonly broken?: { readonly offset: number; readonly message: string };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * The items of the JSON array that starts at `start` (a `[`), found without parsing them, so
 * that each is parsed, placed and reported on its own: one bad entry of an export spoils only
 * itself.
 */
export function splitJsonArray(text: string, start: number): ArrayItems {
  const items: Span[] = [];
  let depth = 0;
  let itemStart = -1;
  for (let offset = start + 1; offset < text.length; offset += 1) {
    const code = text.charCodeAt(offset);
    if (code === QUOTE) {
      itemStart = itemStart < 0 ? offset : itemStart;
      offset = stringEnd(text, offset);
      continue;
    }
    if (depth === 0 && (code === COMMA || code === CLOSE_BRACKET)) {
      if (itemStart >= 0) {
        items.push({ start: itemStart, end: trimEnd(text, offset) });
      }
      itemStart = -1;
      if (code === CLOSE_BRACKET) {
        const rest = text.slice(offset + 1).trim();
        return rest === ''
          ? { items }
          : {
              items,
              broken: { offset: offset + 1, message: 'Text follows the array of entries.' },
            };
      }
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      itemStart = itemStart < 0 ? offset : itemStart;
      depth += 1;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth = Math.max(0, depth - 1);
    } else if (itemStart < 0 && !isSpace(code)) {
      itemStart = offset;
    }
  }
  if (itemStart >= 0) {
    items.push({ start: itemStart, end: text.length });
  }
  return { items, broken: { offset: text.length, message: 'The array of entries is not closed.' } };
}

/** The offset of the quote that closes the string opening at `open`, or the text's end. */
function stringEnd(text: string, open: number): number {
  let offset = open;
  for (;;) {
    offset = text.indexOf('"', offset + 1);
    if (offset < 0) {
      return text.length;
    }
    let backslashes = 0;
    while (text.charCodeAt(offset - 1 - backslashes) === BACKSLASH) {
      backslashes += 1;
    }
    if (backslashes % 2 === 0) {
      return offset;
    }
  }
}

function trimEnd(text: string, end: number): number {
  let offset = end;
  while (offset > 0 && isSpace(text.charCodeAt(offset - 1))) {
    offset -= 1;
  }
  return offset;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}
