// Control characters (C0, DEL, C1) and the bidirectional overrides that reorder what a terminal
// or a CI log shows: a key or a file name holding them could erase a line and forge another.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text with each control character written as an escape (`\n`, `\u001b`), for a terminal. */
export function printable(text: string): string {
  return text.replace(
    UNPRINTABLE,
    (character) =>
      NAMED[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
