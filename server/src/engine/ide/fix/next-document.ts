/**
 * What to append to a file's `text` so that `document` follows its last document as a document
 * of its own: after a `---` line, on a line of its own; an empty file needs no separator.
 */
export function asNextDocument(text: string, document: string): string {
  const separator = text.length === 0 ? '' : text.endsWith('\n') ? '---\n' : '\n---\n';
  return `${separator}${document}`;
}
