import type { Problem } from '../core/problem';

// A block scalar's header (`|`, `>-`, `|2`...) at the end of a line: the lines under it are text.
const BLOCK_SCALAR_HEADER = /(?:^|[\s:-])[|>][-+0-9]*[ \t]*(?:#.*)?$/;

/**
 * Where the text first opens a template action (`{{`, as Helm and Go templates write them)
 * outside comments, quoted strings and block scalars, or -1. Such a document is not YAML until
 * it is rendered. Text inside strings and comments is left alone: `# see {{ docs }}` or
 * `description: "{{ $labels.pod }}"` do not make a document a template.
 */
export function templateStart(text: string): number {
  const scan: Scan = { quote: undefined, scalarIndent: -1 };
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const found = scanLine(text, start, end, scan);
    if (found !== -1) {
      return found;
    }
    start = end + 1;
  }
  return -1;
}

interface Scan {
  /** The quote of a string still open at the end of the last line. */
  quote: '"' | "'" | undefined;
  /** The indentation of the line that began a block scalar, or -1 outside one. */
  scalarIndent: number;
}

function scanLine(text: string, start: number, end: number, scan: Scan): number {
  const indent = indentOf(text, start, end);
  const blank = start + indent === end;
  if (scan.quote === undefined && scan.scalarIndent >= 0 && (blank || indent > scan.scalarIndent)) {
    return -1;
  }
  scan.scalarIndent = -1;
  for (let index = start + indent; index < end; index++) {
    const character = text[index];
    if (scan.quote !== undefined) {
      index = skipQuoted(text, index, end, scan);
    } else if (character === '#' && isAfterSpace(text, index, start)) {
      break;
    } else if ((character === '"' || character === "'") && opensScalar(text, index, start)) {
      scan.quote = character;
    } else if (character === '{' && text[index + 1] === '{') {
      return index;
    }
  }
  if (scan.quote === undefined && BLOCK_SCALAR_HEADER.test(text.slice(start, end))) {
    scan.scalarIndent = indent;
  }
  return -1;
}

// Returns the index of the last character of the string's text on this line: its closing quote,
// or the line's last character when the string goes on.
function skipQuoted(text: string, from: number, end: number, scan: Scan): number {
  for (let index = from; index < end; index++) {
    const character = text[index];
    if (scan.quote === '"' && character === '\\') {
      index++;
    } else if (character === scan.quote) {
      if (scan.quote === "'" && text[index + 1] === "'") {
        index++;
      } else {
        scan.quote = undefined;
        return index;
      }
    }
  }
  return end - 1;
}

function isAfterSpace(text: string, index: number, lineStart: number): boolean {
  return index === lineStart || text[index - 1] === ' ' || text[index - 1] === '\t';
}

// A quote begins a quoted scalar only where a scalar can begin; in `it's` it is text.
function opensScalar(text: string, index: number, lineStart: number): boolean {
  return index === lineStart || /[\s[{,:?-]/.test(text[index - 1] ?? '');
}

function indentOf(text: string, start: number, end: number): number {
  let index = start;
  while (index < end && (text[index] === ' ' || text[index] === '\t')) {
    index++;
  }
  return index - start;
}

/** The problem of a document skipped as a template: said once, where its first action opens. */
export function skippedAsTemplate(start: number): Problem {
  return {
    code: 'template-skipped',
    severity: 'information',
    message:
      'The document holds template syntax ({{ }}) and is not valid YAML until it is rendered; it is skipped.',
    span: { start, end: start + 2 },
  };
}
