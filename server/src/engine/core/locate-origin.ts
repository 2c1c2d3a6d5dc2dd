import type { Locate, Origin, Part, Path } from './source';
import type { Span } from './span';

/** What locating an origin reads of a document: where it starts, and how to find a path in it. */
export interface LocatableDocument {
  readonly offset: number;
  readonly analysis: { readonly parsed: { readonly locate: Locate } };
}

/** The analysed files of a workspace, by URI, as far as locating reads them. */
export type DocumentLookup = (
  uri: string,
) => { readonly documents: readonly LocatableDocument[] } | undefined;

/** The absolute span of `origin` (or of `extra` below it) in its file, if the file is known. */
export function locateOrigin(
  files: DocumentLookup,
  origin: Origin,
  extra: Path = [],
  part: Part = 'value',
): Span | undefined {
  const document = findDocument(files(origin.uri)?.documents ?? [], origin.offset);
  if (document === undefined) {
    return undefined;
  }
  const local = document.analysis.parsed.locate([...origin.path, ...extra], part);
  return { start: local.start + origin.offset, end: local.end + origin.offset };
}

/** The document starting at `offset`, by binary search: documents are in file order. */
export function findDocument<Document extends LocatableDocument>(
  documents: readonly Document[],
  offset: number,
): Document | undefined {
  let low = 0;
  let high = documents.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = documents[middle]!;
    if (candidate.offset === offset) {
      return candidate;
    }
    if (candidate.offset < offset) {
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return undefined;
}
