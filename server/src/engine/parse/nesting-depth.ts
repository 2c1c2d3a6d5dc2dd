// A block scalar's header (`|`, `>-`, `|2`...) at the end of a line: the lines under it are text.
const BLOCK_SCALAR_HEADER = /(?:^|[\s:-])[|>][-+0-9]*[ \t]*(?:#.*)?$/;

/**
 * How deeply the document nests, counted from its text without parsing it: the block levels
 * open at each line (by indentation, a compact `- - x` counting a level per indicator) plus the
 * flow collections open there. Brackets in scalars count too, so this may say more than the
 * parser would find, never less; block scalars' lines are text and do not count.
 */
export function nestingDepth(text: string): number {
  const columns: number[] = [];
  let flow = 0;
  let deepest = 0;
  let scalarIndent = -1;
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const indent = indentOf(text, start, end);
    const blank = indent === end - start || text.charCodeAt(start + indent) === 0x23;
    if (scalarIndent >= 0 && (blank || indent > scalarIndent)) {
      start = end + 1;
      continue;
    }
    scalarIndent = -1;
    if (!blank) {
      if (flow === 0) {
        openBlockLevels(text, start, end, indent, columns);
      }
      flow = countFlow(text, start + indent, end, flow, (depth) => {
        deepest = Math.max(deepest, columns.length + depth);
      });
      deepest = Math.max(deepest, columns.length + flow);
      if (flow === 0 && BLOCK_SCALAR_HEADER.test(text.slice(start, end))) {
        scalarIndent = indent;
      }
    }
    start = end + 1;
  }
  return deepest;
}

function indentOf(text: string, start: number, end: number): number {
  let index = start;
  while (index < end && (text.charCodeAt(index) === 0x20 || text.charCodeAt(index) === 0x09)) {
    index++;
  }
  return index - start;
}

// Closes the levels at or right of the line's first column, then opens one for each compact
// indicator (`- `, `? `, `: `) and one for the content after them.
function openBlockLevels(
  text: string,
  start: number,
  end: number,
  indent: number,
  columns: number[],
): void {
  while (columns.length > 0 && (columns.at(-1) ?? 0) >= indent) {
    columns.pop();
  }
  let column = indent;
  while (start + column < end) {
    columns.push(column);
    if (!isIndicator(text, start + column, end)) {
      return;
    }
    column += 1 + indentOf(text, start + column + 1, end);
  }
}

function isIndicator(text: string, at: number, end: number): boolean {
  const code = text.charCodeAt(at);
  const next = at + 1 < end ? text.charCodeAt(at + 1) : 0x20;
  return (code === 0x2d || code === 0x3f || code === 0x3a) && (next === 0x20 || next === 0x09);
}

function countFlow(
  text: string,
  from: number,
  end: number,
  depth: number,
  onOpen: (depth: number) => void,
): number {
  let open = depth;
  for (let index = from; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5b || code === 0x7b) {
      open++;
      onOpen(open);
    } else if ((code === 0x5d || code === 0x7d) && open > 0) {
      open--;
    }
  }
  return open;
}
