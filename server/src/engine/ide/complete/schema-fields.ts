import { describeField } from '../../check';
import { schemaNodesAt } from '../../check/describe-field';
import { isRecord } from '../../check/read';
import type { SchemaKind } from '../../check/schema';
import type { Path } from '../../core/source';

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
  return [...names].map((name) => ({ name, ...describeField(kind, [...path, name]) }));
}

/** What the schema says of the node at `path`: its type, allowed values and description. */
export function fieldAt(kind: SchemaKind, path: Path): SchemaField | undefined {
  const described = describeField(kind, path);
  const name = path.at(-1);
  return described === undefined ? undefined : { name: String(name ?? ''), ...described };
}
