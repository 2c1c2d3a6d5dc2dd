import type { PolicyActionRecord, RecordConnection, RecordEndpoint, RecordPolicy } from './types';

/**
 * The record as the node file holds it: compact JSON, keys in the Go struct's declaration order
 * (docs/gke-logging.md §2.2), absent fields omitted, without the trailing newline.
 */
export function toRecordLine(record: PolicyActionRecord): string {
  let json = addMember(
    `"connection":${writeConnection(record.connection)}`,
    '"disposition":',
    record.disposition,
  );
  if (record.policies?.length) {
    json += `,"policies":[${record.policies.map(writePolicy).join(',')}]`;
  }
  json += `,"src":${writeEndpoint(record.src)},"dest":${writeEndpoint(record.dest)}`;
  json = addMember(json, '"count":', record.count);
  json = addMember(json, '"node_name":', record.node_name);
  json = addMember(json, '"timestamp":', record.timestamp);
  return `{${json}}`;
}

function writeConnection(connection: RecordConnection): string {
  let json = addMember('', '"src_ip":', connection.src_ip);
  json = addMember(json, '"dest_ip":', connection.dest_ip);
  json = addMember(json, '"src_port":', connection.src_port);
  json = addMember(json, '"dest_port":', connection.dest_port);
  json = addMember(json, '"protocol":', connection.protocol);
  json = addMember(json, '"direction":', connection.direction);
  return `{${json}}`;
}

function writePolicy(policy: RecordPolicy): string {
  let json = addMember('', '"kind":', policy.kind);
  json = addMember(json, '"name":', policy.name);
  json = addMember(json, '"namespace":', policy.namespace);
  return `{${json}}`;
}

function writeEndpoint(endpoint: RecordEndpoint): string {
  let json = addMember('', '"pod_name":', endpoint.pod_name);
  json = addMember(json, '"node_name":', endpoint.node_name);
  json = addMember(json, '"workload_kind":', endpoint.workload_kind);
  json = addMember(json, '"workload_name":', endpoint.workload_name);
  json = addMember(json, '"pod_namespace":', endpoint.pod_namespace);
  json = addMember(json, '"namespace":', endpoint.namespace);
  json = addMember(json, '"instance":', endpoint.instance);
  return `{${json}}`;
}

/** Appends `key:value` to the members so far. Go's `omitempty` drops "" and 0, so do we. */
function addMember(members: string, key: string, value: string | number | undefined): string {
  if (value === undefined || value === '' || value === 0) {
    return members;
  }
  const member = key + (typeof value === 'string' ? writeString(value) : String(value));
  return members === '' ? member : `${members},${member}`;
}

// Printable ASCII that neither JSON nor Go escapes: everything but `"`, `&`, `<`, `>` and `\`.
const PLAIN = /^[\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\x5b\x5d-\x7e]*$/;

/** Go's encoding/json escapes <, > and & (HTML-safe) and U+2028/U+2029 on top of JSON's rules. */
function writeString(text: string): string {
  if (PLAIN.test(text)) {
    return `"${text}"`;
  }
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (character) => {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
