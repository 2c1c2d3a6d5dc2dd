import type { PolicyActionRecord, RecordEndpoint, RecordPolicy } from './types';

/** JSON text this module already wrote, to embed without quoting. */
interface Json {
  readonly json: string;
}

type Ordered = readonly (readonly [string, Json | string | number | undefined])[];

/**
 * The record as the node file holds it: compact JSON, keys in the Go struct's declaration order
 * (reference §2.2), absent fields omitted, without the trailing newline.
 */
export function toRecordLine(record: PolicyActionRecord): string {
  const connection = record.connection;
  const policies = record.policies?.length
    ? { json: `[${record.policies.map((policy) => writePolicy(policy).json).join(',')}]` }
    : undefined;
  return writeObject([
    [
      'connection',
      writeObject([
        ['src_ip', connection.src_ip],
        ['dest_ip', connection.dest_ip],
        ['src_port', connection.src_port],
        ['dest_port', connection.dest_port],
        ['protocol', connection.protocol],
        ['direction', connection.direction],
      ]),
    ],
    ['disposition', record.disposition],
    ['policies', policies],
    ['src', writeEndpoint(record.src)],
    ['dest', writeEndpoint(record.dest)],
    ['count', record.count],
    ['node_name', record.node_name],
    ['timestamp', record.timestamp],
  ]).json;
}

function writePolicy(policy: RecordPolicy): Json {
  return writeObject([
    ['kind', policy.kind],
    ['name', policy.name],
    ['namespace', policy.namespace],
  ]);
}

function writeEndpoint(endpoint: RecordEndpoint): Json {
  return writeObject([
    ['pod_name', endpoint.pod_name],
    ['node_name', endpoint.node_name],
    ['workload_kind', endpoint.workload_kind],
    ['workload_name', endpoint.workload_name],
    ['pod_namespace', endpoint.pod_namespace],
    ['namespace', endpoint.namespace],
    ['instance', endpoint.instance],
  ]);
}

/** Writes `{...}` in the given key order. Go's `omitempty` drops "" and 0, so do we. */
function writeObject(pairs: Ordered): Json {
  const members = pairs
    .filter(([, value]) => value !== undefined && value !== '' && value !== 0)
    .map(([key, value]) => `${writeString(key)}:${writeValue(value!)}`);
  return { json: `{${members.join(',')}}` };
}

function writeValue(value: Json | string | number): string {
  if (typeof value === 'object') {
    return value.json;
  }
  return typeof value === 'string' ? writeString(value) : String(value);
}

/** Go's encoding/json escapes <, > and & (HTML-safe) and U+2028/U+2029 on top of JSON's rules. */
function writeString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (character) => {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
