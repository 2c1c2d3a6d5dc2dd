/** One document's text and where it starts in its file. */
export interface Chunk {
  readonly offset: number;
  readonly text: string;
}

// A line that starts with `---` or `...` followed by a space or the line's end is a document
// marker wherever it appears: YAML 1.2 forbids such a line inside block and flow scalars alike
// (production c-forbidden), so cutting the text there never splits a document in two.
const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/**
 * Cuts a file into its documents without parsing, so that an edit re-parses only the document
 * it touches. Each chunk begins at its `---` line; a `...` line ends its chunk. Chunks with
 * nothing but blanks and comments are dropped.
 */
export function splitDocuments(text: string): Chunk[] {
  const cuts: number[] = [0];
  for (const match of text.matchAll(MARKER)) {
    const at = match.index;
    if (match[0] === '---') {
      cuts.push(at);
    } else {
      const lineEnd = text.indexOf('\n', at);
      cuts.push(lineEnd === -1 ? text.length : lineEnd + 1);
    }
  }
  cuts.push(text.length);
  const chunks: Chunk[] = [];
  for (let index = 0; index + 1 < cuts.length; index++) {
    const start = cuts[index]!;
    const end = cuts[index + 1]!;
    if (end > start) {
      const chunkText = text.slice(start, end);
      if (hasContent(chunkText)) {
        chunks.push({ offset: start, text: chunkText });
      }
    }
  }
  return chunks;
}

function hasContent(text: string): boolean {
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const trimmed = text
      .slice(start, end)
      .replace(/^(?:---|\.\.\.)(?=\s|$)/, '')
      .trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) {
      return true;
    }
    start = end + 1;
  }
  return false;
}
