import type { SchemaNode } from './describe-field';
import { expandRef } from './describe-field';
import { isRecord } from './read';
import type { SchemaKind } from './schema';
import { SCHEMAS } from './schema';

/**
 * The value as the API server reads it. Go's JSON decoder, which the API server uses, leaves a
 * field written as null at its zero value: an optional field (a pointer, a map, a list) is then
 * absent, and a required struct (`spec.podSelector`) is empty; a CRD prunes nulls the same way.
 * So a key written with no value (`matchLabels:`) is dropped, a required struct becomes `{}`, and
 * so does a null item of a list of structs (`ingress: [null]` is one empty rule). A null where
 * a scalar is required (`cidr:`) is kept, for the schema to report. The value itself is returned
 * when it holds no null.
 */
export function withoutNulls(kind: SchemaKind, value: Readonly<Record<string, unknown>>) {
  if (!holdsNull(value)) {
    return value;
  }
  const root = SCHEMAS[kind];
  return normalize(value, [{ schema: root, root }]) as Readonly<Record<string, unknown>>;
}

function holdsNull(value: unknown): boolean {
  if (value === null) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(holdsNull);
  }
  return isRecord(value) && Object.values(value).some(holdsNull);
}

function normalize(value: unknown, nodes: readonly SchemaNode[]): unknown {
  const expanded = nodes.flatMap(expandRef);
  if (Array.isArray(value)) {
    const items = expanded.flatMap((node) => childNodes(node, 'items'));
    return value.map((item) =>
      item === null && isObjectSchema(items) ? zeroStruct(items) : normalize(item, items),
    );
  }
  if (!isRecord(value) || !holdsNull(value)) {
    return value;
  }
  const required = new Set(expanded.flatMap(requiredOf));
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const children = expanded.flatMap((node) => propertyNodes(node, key));
    const entries = expanded.flatMap((node) => childNodes(node, 'additionalProperties'));
    if (entry !== null) {
      result[key] = normalize(entry, children);
    } else if (required.has(key)) {
      result[key] = isObjectSchema(children) ? zeroStruct(children) : null;
    } else if (children.length === 0) {
      // A key the schema does not define (a typo) is kept, so that it is still reported.
      result[key] = null;
    } else if (children.length === entries.length && isStringSchema(entries)) {
      // A null entry of a map[string]string (a label written with no value) is the empty string.
      result[key] = '';
    }
  }
  return result;
}

// Go's zero struct: its required structs are zero structs in turn (`spec:` holds an empty
// podSelector, which selects every pod of the namespace).
function zeroStruct(nodes: readonly SchemaNode[]): Record<string, unknown> {
  const expanded = nodes.flatMap(expandRef);
  const zero: Record<string, unknown> = {};
  for (const key of new Set(expanded.flatMap(requiredOf))) {
    const children = expanded.flatMap((node) => propertyNodes(node, key));
    if (isObjectSchema(children)) {
      zero[key] = zeroStruct(children);
    }
  }
  return zero;
}

function requiredOf(node: SchemaNode): string[] {
  const required = node.schema['required'];
  return Array.isArray(required) ? required.filter((key) => typeof key === 'string') : [];
}

function propertyNodes(node: SchemaNode, key: string): SchemaNode[] {
  const properties = node.schema['properties'];
  const property = isRecord(properties) ? properties[key] : undefined;
  return isRecord(property)
    ? [{ schema: property, root: node.root }]
    : childNodes(node, 'additionalProperties');
}

function childNodes(node: SchemaNode, keyword: 'items' | 'additionalProperties'): SchemaNode[] {
  const child = node.schema[keyword];
  return isRecord(child) ? [{ schema: child, root: node.root }] : [];
}

function isObjectSchema(nodes: readonly SchemaNode[]): boolean {
  return nodes.flatMap(expandRef).some((node) => node.schema['type'] === 'object');
}

function isStringSchema(nodes: readonly SchemaNode[]): boolean {
  return nodes.flatMap(expandRef).some((node) => node.schema['type'] === 'string');
}
