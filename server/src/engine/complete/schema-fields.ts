import { describeField } from '../check';
import { isRecord } from '../check/read';
import type { JsonSchema, SchemaKind } from '../check/schema';
import { SCHEMAS, SCHEMAS_BY_ID } from '../check/schema';
import type { Path } from '../source';

/** A field the schema allows at a path, with what a completion shows about it. */
export interface SchemaField {
  readonly name: string;
  readonly description?: string;
  readonly type?: string;
  readonly enum?: readonly string[];
}

interface Node {
  readonly schema: JsonSchema;
  readonly root: JsonSchema;
}

/** The named fields of the map at `path`, in schema order. */
export function fieldsAt(kind: SchemaKind, path: Path): SchemaField[] {
  const names = new Set<string>();
  for (const node of nodesAt(kind, path)) {
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

function nodesAt(kind: SchemaKind, path: Path): Node[] {
  const root = SCHEMAS[kind];
  let nodes = expand({ schema: root, root });
  for (const segment of path) {
    nodes = nodes.flatMap((node) => child(node, segment)).flatMap(expand);
  }
  return nodes;
}

// These three mirror check/describe-field.ts, which keeps its walk private.
function expand(node: Node): Node[] {
  const ref = node.schema['$ref'];
  if (typeof ref !== 'string') {
    return [node];
  }
  const [file = '', fragment = ''] = ref.split('#');
  const base = typeof node.root['$id'] === 'string' ? node.root['$id'] : '';
  const document =
    file === '' ? node.root : SCHEMAS_BY_ID.get(base.slice(0, base.lastIndexOf('/') + 1) + file);
  let schema: unknown = document;
  for (const step of fragment.split('/').filter((part) => part !== '')) {
    schema = isRecord(schema) ? schema[step] : undefined;
  }
  return isRecord(schema) && document ? [node, ...expand({ schema, root: document })] : [node];
}

function child(node: Node, segment: string | number): Node[] {
  const { schema, root } = node;
  const items = schema['items'];
  if (typeof segment === 'number') {
    return isRecord(items) ? [{ schema: items, root }] : [];
  }
  const properties = schema['properties'];
  const property = isRecord(properties) ? properties[segment] : undefined;
  return isRecord(property) ? [{ schema: property, root }] : [];
}
