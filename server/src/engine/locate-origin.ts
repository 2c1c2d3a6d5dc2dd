import type { FileAnalysis } from './analyze-file';
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
  const document = files(origin.uri)?.documents.find((placed) => placed.offset === origin.offset);
  if (document === undefined) {
    return undefined;
  }
  const local = document.analysis.parsed.locate([...origin.path, ...extra], part);
  return { start: local.start + origin.offset, end: local.end + origin.offset };
}
