import type { FileAnalysis } from '../analysis/analyze-file';
import { describeField } from '../check';
import { objectAt } from './query/object-at';
import type { Path } from '../core/source';
import type { Span } from '../core/span';

/** What a hover at an offset should say about the field there. */
export interface FieldDescription {
  readonly field: string;
  readonly path: Path;
  readonly span: Span;
  readonly description?: string;
  readonly type?: string;
  readonly enum?: readonly string[];
}

export function describeAt(file: FileAnalysis, offset: number): FieldDescription | undefined {
  const at = objectAt(file, offset);
  if (at === undefined) {
    return undefined;
  }
  const field = [...at.path].reverse().find((segment) => typeof segment === 'string');
  const described = describeField(at.kind, at.path);
  if (field === undefined || described === undefined) {
    return undefined;
  }
  const local = at.object.locate(at.path, at.onKey ? 'key' : 'value');
  return {
    field: String(field),
    path: at.path,
    span: { start: local.start + at.document.offset, end: local.end + at.document.offset },
    ...described,
  };
}
