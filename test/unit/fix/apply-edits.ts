import type { Edit } from '../../../server/src/engine/core/problem';

/** Applies non-overlapping edits to `text`, last first so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  return [...edits]
    .sort((left, right) => right.span.start - left.span.start)
    .reduce(
      (result, edit) =>
        result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end),
      text,
    );
}
