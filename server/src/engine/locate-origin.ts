import type { FileAnalysis, PlacedDocument } from './analyze-file';
import type { Part, Path } from './source';
import type { Span } from './span';
import type { Origin } from './world/types';

export type FileLookup = (uri: string) => FileAnalysis | undefined;

/** The absolute span of `origin` (or of `extra` below it) in its file, if the file is known. */
export function locateOrigin(
  files: FileLookup,
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
export function findDocument(
  documents: readonly PlacedDocument[],
  offset: number,
): PlacedDocument | undefined {
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
