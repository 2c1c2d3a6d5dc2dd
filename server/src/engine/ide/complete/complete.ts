import type { SchemaKind } from '../../check/schema';
import type { World } from '../../world/types';
import type { Completion } from './completion';
import { toScalar } from '../yaml-scalar';
import type { Cursor } from './cursor';
import { readCursor } from './cursor';
import type { SchemaField } from './schema-fields';
import { fieldAt, fieldsAt } from './schema-fields';
import { SNIPPETS } from './snippets';
import { completeFromWorld } from './world-values';

const API_VERSIONS: Readonly<Record<SchemaKind, string>> = {
  NetworkPolicy: 'networking.k8s.io/v1',
  NetworkLogging: 'networking.gke.io/v1alpha1',
  SampleFlows: 'netpol-lens.dev/v1alpha1',
  ClusterNetworkPolicy: 'policy.networking.k8s.io/v1alpha2',
  AdminNetworkPolicy: 'policy.networking.k8s.io/v1alpha1',
  BaselineAdminNetworkPolicy: 'policy.networking.k8s.io/v1alpha1',
};

/**
 * Completions at `offset` of a YAML file: document snippets where a document begins; schema
 * fields and allowed values in every kind with a schema (the tiered cluster policies too); labels
 * in selectors, namespaces, endpoints and ports from `world`. Works while the line being typed
 * does not parse.
 */
export function complete(text: string, offset: number, world?: World): Completion[] {
  const cursor = readCursor(text, offset);
  if (cursor.emptyDocument && cursor.column === 0 && !cursor.onValue) {
    return SNIPPETS.map((snippet) => ({
      label: snippet.label,
      kind: 'snippet',
      detail: snippet.detail,
      documentation: `\`\`\`yaml\n${snippet.body.replace(/\$\{\d+[:|]([^}|]*)[^}]*\}/g, '$1')}\`\`\``,
      insertText: snippet.body,
      snippet: true,
      span: cursor.span,
    }));
  }
  const top = cursor.scalarsAt([]);
  const kind = schemaKindOf(top.get('kind'));
  const fromWorld = world === undefined ? [] : completeFromWorld(cursor, world, kind ?? '');
  return [...completeRoot(cursor, kind), ...completeSchema(cursor, kind), ...fromWorld];
}

function schemaKindOf(kind: string | undefined): SchemaKind | undefined {
  return kind !== undefined && Object.hasOwn(API_VERSIONS, kind) ? (kind as SchemaKind) : undefined;
}

// `apiVersion` and `kind` before the schema is known.
function completeRoot(cursor: Cursor, kind: SchemaKind | undefined): Completion[] {
  const [field] = cursor.path;
  if (cursor.path.length !== 1 || !cursor.onValue || kind !== undefined) {
    return cursor.path.length === 0 && kind === undefined && !cursor.onValue
      ? ['apiVersion', 'kind']
          .filter((name) => !cursor.scalarsAt([]).has(name))
          .map((name) => fieldItem(cursor, { name, type: 'string' }))
      : [];
  }
  const kinds = Object.keys(API_VERSIONS) as SchemaKind[];
  const values =
    field === 'kind'
      ? kinds
      : field === 'apiVersion'
        ? kinds.map((name) => API_VERSIONS[name])
        : [];
  return values.map((value) => valueItem(cursor, value));
}

function completeSchema(cursor: Cursor, kind: SchemaKind | undefined): Completion[] {
  if (kind === undefined) {
    return [];
  }
  const field = fieldAt(kind, cursor.path);
  if (cursor.onValue) {
    return valuesOf(field).map((value) => valueItem(cursor, value, field?.description));
  }
  const present = cursor.scalarsAt(cursor.path);
  const fields = fieldsAt(kind, cursor.path).filter(
    (candidate) => !present.has(candidate.name) || candidate.name === cursor.word,
  );
  if (fields.length > 0) {
    return fields.map((candidate) => fieldItem(cursor, candidate));
  }
  if (field?.type === 'array') {
    const items = fieldAt(kind, [...cursor.path, 0]);
    return valuesOf(items).map((value) => ({
      ...valueItem(cursor, value, items?.description),
      insertText: `- ${toScalar(value)}`,
    }));
  }
  return valuesOf(field).map((value) => valueItem(cursor, value, field?.description));
}

function valuesOf(field: SchemaField | undefined): readonly string[] {
  return field?.enum ?? (field?.type === 'boolean' ? ['true', 'false'] : []);
}

function fieldItem(cursor: Cursor, field: SchemaField): Completion {
  const below = `\n${' '.repeat(cursor.column + 2)}`;
  const choices = field.enum?.length ? `\${1|${field.enum.join(',')}|}` : '$0';
  const value =
    field.type === 'array'
      ? `${below}- $0`
      : field.type === 'object'
        ? `${below}$0`
        : ` ${choices}`;
  return {
    label: field.name,
    kind: 'field',
    ...(field.type === undefined ? {} : { detail: field.type }),
    ...(field.description === undefined ? {} : { documentation: field.description }),
    insertText: cursor.colonAfter ? field.name : `${field.name}:${value}`,
    snippet: true,
    span: cursor.span,
  };
}

function valueItem(cursor: Cursor, value: string, description?: string): Completion {
  return {
    label: value,
    kind: 'value',
    ...(description === undefined ? {} : { documentation: description }),
    insertText: (cursor.needsSpace ? ' ' : '') + toScalar(value),
    span: cursor.span,
  };
}
