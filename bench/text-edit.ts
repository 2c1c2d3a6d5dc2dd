import type { Range } from 'vscode-languageserver-protocol';

/** A value inside a file that the bench rewrites in place, one edit after another. */
export interface EditPoint {
  readonly start: number;
  current: string;
  text: string;
}

export interface AppliedEdit {
  readonly text: string;
  /** The range the new value replaced, in the text before the edit. */
  readonly range: Range;
  readonly line: number;
}

export function findPortInMiddle(text: string): EditPoint | undefined {
  const pattern = /^( +(?:- )?port: )(\d+)$/gm;
  pattern.lastIndex = Math.floor(text.length / 2);
  const match = pattern.exec(text);
  if (match === null || match[1] === undefined || match[2] === undefined) {
    return undefined;
  }
  return { start: match.index + match[1].length, current: match[2], text };
}

/** The value after `key: ` at the last occurrence of `needle` (`key: value`). */
export function findValue(text: string, needle: string): EditPoint | undefined {
  const at = text.lastIndexOf(needle);
  const colon = needle.indexOf(': ');
  if (at === -1 || colon === -1) {
    return undefined;
  }
  return { start: at + colon + 2, current: needle.slice(colon + 2), text };
}

export function replaceValue(point: EditPoint, value: string): AppliedEdit {
  const before = point.text;
  const line = lineOf(before, point.start);
  const lineStart = before.lastIndexOf('\n', point.start - 1) + 1;
  const character = point.start - lineStart;
  const range: Range = {
    start: { line, character },
    end: { line, character: character + point.current.length },
  };
  point.text = before.slice(0, point.start) + value + before.slice(point.start + point.current.length);
  point.current = value;
  return { text: point.text, range, line };
}

export function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
  }
  return line;
}
