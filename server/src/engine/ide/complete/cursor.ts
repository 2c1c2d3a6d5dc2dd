import type { Path } from '../../core/source';
import type { Span } from '../../core/span';

/**
 * Where the cursor is in a YAML document that may not parse: read from indentation and the
 * keys above, the way a person reads it.
 */
export interface Cursor {
  /** The node being typed: a map (for a key) or a scalar, such as a list item or a value. */
  readonly path: Path;
  /** True after `key:`: the value of the last segment of `path` is being typed. */
  readonly onValue: boolean;
  /** The partial word being typed and its span in the file; a completion replaces it. */
  readonly word: string;
  readonly span: Span;
  /** The column where a key typed here starts. */
  readonly column: number;
  /** The cursor sits right after `key:`, so an inserted value needs a space first. */
  readonly needsSpace: boolean;
  /** The word is a key already followed by its colon: complete the name alone. */
  readonly colonAfter: boolean;
  /** Whether the document holds nothing but the line being typed. */
  readonly emptyDocument: boolean;
  /** The keys of the map at `path` with their one-line values (keys written elsewhere too). */
  scalarsAt(path: Path): ReadonlyMap<string, string>;
}

interface Frame {
  readonly column: number;
  readonly path: Path;
  readonly item: boolean;
  readonly scalars: Map<string, string>;
}

interface Line {
  readonly dashes: readonly number[];
  /** Column of the content after the dashes. */
  readonly column: number;
  readonly key?: string;
  /** The one-line value after `key:`, without a comment; '' when the value is a block below. */
  readonly value?: string;
  /** The content when it is not `key:` (a list item's scalar, a partial word). */
  readonly rest: string;
}

const LINE = /^( *)((?:-(?: +|$))*)(.*)$/;
const KEY = /^("[^"]*"|'[^']*'|[^\s#'"{[][^:#]*?) *:(?: +(.*)|$)/;
const MARKER = /^(?:---|\.\.\.)(?=\s|$)/;

export function readLine(text: string): Line {
  const [, indent = '', dashText = '', content = ''] = LINE.exec(text) ?? [];
  const dashes: number[] = [];
  for (let index = 0; index < dashText.length; index++) {
    if (dashText[index] === '-') {
      dashes.push(indent.length + index);
    }
  }
  const column = indent.length + dashText.length;
  const match = KEY.exec(content);
  if (match === null) {
    return { dashes, column, rest: content };
  }
  const key = (match[1] ?? '').replace(/^(["'])(.*)\1$/, '$2');
  const value = (match[2] ?? '').replace(/(^|\s+)#.*$/, '').trim();
  return { dashes, column, key, value, rest: '' };
}

export function readCursor(text: string, offset: number): Cursor {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lines = documentLines(text, lineStart);
  const frames: Frame[] = [{ column: -1, path: [], item: false, scalars: new Map() }];
  const all: Frame[] = [...frames];
  const state = { frames, all, blockColumn: -1 };
  for (const line of lines.before) {
    processLine(state, line);
  }
  const prefix = text.slice(lineStart, offset);
  const cursorLine = readLine(prefix);
  const open = enterLine(state, cursorLine, prefix.trim() === '' ? prefix.length : undefined);
  const container = open.at(-1)!;
  for (const line of lines.after) {
    processLine(state, line);
  }
  const key = cursorLine.key;
  const onValue = key !== undefined;
  const typed = onValue ? lastToken(cursorLine.value ?? '') : cursorLine.rest;
  const flowItem = onValue && /^\[/.test(cursorLine.value ?? '');
  const path: Path = onValue ? [...container.path, key, ...(flowItem ? [0] : [])] : container.path;
  return {
    path,
    onValue,
    word: typed,
    span: { start: offset - typed.length, end: offset + wordAfter(text, offset) },
    column: cursorLine.column,
    needsSpace: onValue && /:$/.test(prefix),
    colonAfter: /^[^\s:,\]}#]*\s*:/.test(text.slice(offset)),
    emptyDocument:
      lines.before.every((line) => isBlank(line)) && lines.after.every((line) => isBlank(line)),
    scalarsAt: (wanted) =>
      all.filter((frame) => samePath(frame.path, wanted)).at(-1)?.scalars ?? new Map(),
  };
}

function documentLines(text: string, lineStart: number): { before: string[]; after: string[] } {
  const before = text.slice(0, lineStart).split('\n').slice(0, -1);
  let start = before.length - 1;
  while (start >= 0 && !MARKER.test(before[start] ?? '')) {
    start--;
  }
  const lineEnd = text.indexOf('\n', lineStart);
  const after = lineEnd === -1 ? [] : text.slice(lineEnd + 1).split('\n');
  const end = after.findIndex((line) => MARKER.test(line));
  return { before: before.slice(start + 1), after: end === -1 ? after : after.slice(0, end) };
}

function isBlank(line: string): boolean {
  return /^\s*(#.*)?$/.test(line);
}

interface State {
  readonly frames: Frame[];
  readonly all: Frame[];
  blockColumn: number;
}

function processLine(state: State, text: string): void {
  if (isBlank(text)) {
    return;
  }
  const indent = text.length - text.trimStart().length;
  if (state.blockColumn >= 0 && indent > state.blockColumn) {
    return;
  }
  state.blockColumn = -1;
  const line = readLine(text);
  enterLine(state, line);
  if (line.value !== undefined && /^[|>]/.test(line.value)) {
    state.blockColumn = line.column;
  }
}

// Pops the frames this line closes, opens its list items, records its key, and opens the
// key's block when the value is below. Returns the frames open for the line's content.
function enterLine(state: State, line: Line, blankColumn?: number): Frame[] {
  const { frames } = state;
  const first = line.dashes[0] ?? blankColumn ?? line.column;
  let index = 0;
  for (let top = frames.at(-1); top && top.column >= first; top = frames.at(-1)) {
    // A list may sit at its key's own column (`ingress:` then `- from:`).
    if (top.column === first && !top.item && line.dashes.length > 0) {
      break;
    }
    frames.pop();
    if (top.item && top.column === first) {
      index = Number(top.path.at(-1)) + 1;
    }
  }
  line.dashes.forEach((column, position) => {
    const parent = frames.at(-1)!;
    open(state, { column, path: [...parent.path, position === 0 ? index : 0], item: true });
  });
  const container = frames.at(-1)!;
  const open_ = [...frames];
  if (line.key !== undefined && blankColumn === undefined) {
    container.scalars.set(line.key, unquote(line.value ?? ''));
    if (line.value === '') {
      open(state, { column: line.column, path: [...container.path, line.key], item: false });
    }
  }
  return open_;
}

function open(state: State, frame: Omit<Frame, 'scalars'>): void {
  const full = { ...frame, scalars: new Map<string, string>() };
  state.frames.push(full);
  state.all.push(full);
}

function unquote(value: string): string {
  return value.replace(/^(["'])(.*)\1$/, '$2');
}

// The partial word of a value: after the last space, bracket or comma.
function lastToken(value: string): string {
  return /[^\s[\],{}"']*$/.exec(value)?.[0] ?? '';
}

function wordAfter(text: string, offset: number): number {
  return /^[^\s:,\]}#]*/.exec(text.slice(offset))?.[0].length ?? 0;
}

function samePath(left: Path, right: Path): boolean {
  return left.length === right.length && left.every((segment, index) => segment === right[index]);
}
