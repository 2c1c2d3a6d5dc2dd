import type { FileAnalysis, PlacedDocument } from '../../analysis/analyze-file';
import { classify } from '../../core/classify';
import type { KnownKind } from '../../core/classify';
import { pathAt } from '../../parse/path-at';
import type { Path, SourceObject } from '../../core/source';
import type { Span } from '../../core/span';

/** The known object under an offset, and where in it the offset is. */
export interface ObjectAt {
  readonly document: PlacedDocument;
  readonly object: SourceObject;
  readonly kind: KnownKind;
  /** Path of the innermost node under the offset, relative to the object. */
  readonly path: Path;
  readonly onKey: boolean;
}

export function objectAt(file: FileAnalysis, offset: number): ObjectAt | undefined {
  const document = [...file.documents]
    .reverse()
    .find(
      (placed) =>
        placed.offset <= offset && offset <= placed.offset + placed.analysis.parsed.text.length,
    );
  const tree = document?.analysis.parsed.tree();
  if (document === undefined || tree === undefined) {
    return undefined;
  }
  const at = pathAt(tree, offset - document.offset);
  if (at === undefined) {
    return undefined;
  }
  const object = document.analysis.objects.find((candidate) =>
    candidate.path.every((segment, index) => at.path[index] === segment),
  );
  const kind = object && classify(object.apiVersion, object.kind);
  if (object === undefined || kind === undefined) {
    return undefined;
  }
  return { document, object, kind, path: at.path.slice(object.path.length), onKey: at.onKey };
}

/** The absolute span of a path of the object, `part` as `locate` takes it. */
export function spanIn(
  at: Pick<ObjectAt, 'document' | 'object'>,
  path: Path,
  part: 'key' | 'value' = 'value',
): Span {
  const local = at.object.locate(path, part);
  // A block collection's range takes in the line break after it; a hover ends at the text.
  const text = at.document.analysis.parsed.text;
  let end = local.end;
  while (end > local.start && /\s/.test(text.charAt(end - 1))) {
    end--;
  }
  return { start: local.start + at.document.offset, end: end + at.document.offset };
}

/** From the start of an entry's key to the end of its value. */
export function entrySpan(at: Pick<ObjectAt, 'document' | 'object'>, path: Path): Span {
  const key = spanIn(at, path, 'key');
  const value = spanIn(at, path, 'value');
  return { start: Math.min(key.start, value.start), end: Math.max(key.end, value.end) };
}

export function samePath(left: Path, right: Path): boolean {
  return left.length === right.length && left.every((segment, index) => right[index] === segment);
}
