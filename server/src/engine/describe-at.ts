import type { FileAnalysis } from './analyze-file';
import { describeField } from './check';
import { classify } from './classify';
import { pathAt } from './parse/path-at';
import type { Path } from './source';
import type { Span } from './span';

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
  const placed = [...file.documents]
    .reverse()
    .find(
      (document) =>
        document.offset <= offset &&
        offset <= document.offset + document.analysis.parsed.text.length,
    );
  const tree = placed?.analysis.parsed.tree();
  if (placed === undefined || tree === undefined) {
    return undefined;
  }
  const at = pathAt(tree, offset - placed.offset);
  if (at === undefined) {
    return undefined;
  }
  const object = placed.analysis.objects.find((candidate) =>
    candidate.path.every((segment, index) => at.path[index] === segment),
  );
  const kind = object && classify(object.apiVersion, object.kind);
  if (object === undefined || kind === undefined) {
    return undefined;
  }
  const relative = at.path.slice(object.path.length);
  const field = [...relative].reverse().find((segment) => typeof segment === 'string');
  const described = describeField(kind, relative);
  if (field === undefined || described === undefined) {
    return undefined;
  }
  const local = object.locate(relative, at.onKey ? 'key' : 'value');
  return {
    field: String(field),
    path: relative,
    span: { start: local.start + placed.offset, end: local.end + placed.offset },
    ...described,
  };
}
