import { describeField } from '../../check';
import { schemaNodesAt } from '../../check/describe-field';
import { isRecord } from '../../check/read';
import type { SchemaKind } from '../../check/schema';
import type { Path } from '../../core/source';
import { OPERATORS } from '../../model/selector';

/** A field the schema allows at a path, with what a completion shows about it. */
export interface SchemaField {
  readonly name: string;
  readonly description?: string;
  readonly type?: string;
  readonly enum?: readonly string[];
}

/** The named fields of the map at `path`, in schema order. */
export function fieldsAt(kind: SchemaKind, path: Path): SchemaField[] {
  const names = new Set<string>();
  for (const node of schemaNodesAt(kind, path)) {
    const properties = node.schema['properties'];
    Object.keys(isRecord(properties) ? properties : {}).forEach((name) => names.add(name));
  }
  return [...names].map((name) =>
    withOperators([...path, name], { name, ...describeField(kind, [...path, name]) }),
  );
}

/** What the schema says of the node at `path`: its type, allowed values and description. */
export function fieldAt(kind: SchemaKind, path: Path): SchemaField | undefined {
  const described = describeField(kind, path);
  const name = path.at(-1);
  return described === undefined
    ? undefined
    : withOperators(path, { name: String(name ?? ''), ...described });
}

// The CRDs of the tiered cluster policies leave a selector's `operator` a free string, yet
// implementations accept only the four that NetworkPolicy's schema lists.
function withOperators(path: Path, field: SchemaField): SchemaField {
  const isOperator = path.at(-1) === 'operator' && path.at(-3) === 'matchExpressions';
  return isOperator && field.enum === undefined ? { ...field, enum: OPERATORS } : field;
}
