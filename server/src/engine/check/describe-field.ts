import type { KnownKind } from '../core/classify';
import type { Path } from '../core/source';
import { isRecord } from './read';
import type { JsonSchema, SchemaKind } from './schema';
import { isSchemaKind, SCHEMAS, SCHEMAS_BY_ID } from './schema';

export interface FieldDescription {
  readonly description?: string;
  readonly type?: string;
  readonly enum?: readonly string[];
}

/** A schema node with the document its `$ref`s are relative to. */
export interface SchemaNode {
  readonly schema: JsonSchema;
  readonly root: JsonSchema;
}

/** The schema's description, type and allowed values of the field at `path`, for hovers. */
export function describeField(kind: KnownKind, path: Path): FieldDescription | undefined {
  if (!isSchemaKind(kind)) {
    return undefined;
  }
  const nodes = schemaNodesAt(kind, path);
  return nodes.length === 0 ? undefined : summarize(nodes);
}

/** Every schema node that describes `path`, following `$ref`s; empty when the schema has none. */
export function schemaNodesAt(kind: SchemaKind, path: Path): SchemaNode[] {
  const root = SCHEMAS[kind];
  let nodes: SchemaNode[] = expandRef({ schema: root, root });
  for (const segment of path) {
    nodes = nodes.flatMap((node) => child(node, segment)).flatMap(expandRef);
  }
  return nodes;
}

// A node and, after it, what its `$ref` points to: siblings of `$ref` come first, so a
// description written next to a `$ref` wins over the referenced definition's.
export function expandRef(node: SchemaNode): SchemaNode[] {
  const ref = node.schema['$ref'];
  if (typeof ref !== 'string') {
    return [node];
  }
  const target = resolve(ref, node.root);
  return target === undefined ? [node] : [node, ...expandRef(target)];
}

function resolve(ref: string, root: JsonSchema): SchemaNode | undefined {
  const [file = '', fragment = ''] = ref.split('#');
  const base = typeof root['$id'] === 'string' ? root['$id'] : '';
  // Our `$ref`s between files are bare file names next to the referring schema.
  const document =
    file === '' ? root : SCHEMAS_BY_ID.get(base.slice(0, base.lastIndexOf('/') + 1) + file);
  if (document === undefined) {
    return undefined;
  }
  let schema: unknown = document;
  for (const step of fragment.split('/').filter((part) => part !== '')) {
    schema = isRecord(schema) ? schema[step] : undefined;
  }
  return isRecord(schema) ? { schema, root: document } : undefined;
}

function child(node: SchemaNode, segment: string | number): SchemaNode[] {
  const { schema, root } = node;
  const items = schema['items'];
  if (typeof segment === 'number' && isRecord(items)) {
    return [{ schema: items, root }];
  }
  const properties = schema['properties'];
  const property = isRecord(properties) ? properties[String(segment)] : undefined;
  if (isRecord(property)) {
    return [{ schema: property, root }];
  }
  const additional = schema['additionalProperties'];
  return isRecord(additional) ? [{ schema: additional, root }] : [];
}

function summarize(nodes: readonly SchemaNode[]): FieldDescription {
  const description = first(nodes, (schema) => stringOf(schema['description']));
  const type = first(nodes, typeOf);
  const allowed = first(nodes, (schema) =>
    Array.isArray(schema['enum']) ? schema['enum'].map(String) : undefined,
  );
  return {
    ...(description === undefined ? {} : { description }),
    ...(type === undefined ? {} : { type }),
    ...(allowed === undefined ? {} : { enum: allowed }),
  };
}

function typeOf(schema: JsonSchema): string | undefined {
  if (schema['x-kubernetes-int-or-string'] === true) {
    return 'integer | string';
  }
  const anyOf = schema['anyOf'];
  if (Array.isArray(anyOf)) {
    return anyOf
      .flatMap((branch) =>
        isRecord(branch) && typeof branch['type'] === 'string' ? [branch['type']] : [],
      )
      .join(' | ');
  }
  return stringOf(schema['type']);
}

function first<T>(
  nodes: readonly SchemaNode[],
  pick: (schema: JsonSchema) => T | undefined,
): T | undefined {
  for (const node of nodes) {
    const picked = pick(node.schema);
    if (picked !== undefined) {
      return picked;
    }
  }
  return undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
