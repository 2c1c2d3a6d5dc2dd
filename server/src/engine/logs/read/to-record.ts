import type { PolicyActionRecord, RecordProtocol } from '../types';

/** What was read from one entry: the record, and the node that wrote it when the entry says. */
export interface EntryRecord {
  readonly record: PolicyActionRecord;
  /** `node_name` of the record, else of the Cloud Logging entry's resource. */
  readonly node?: string;
}

type Json = Readonly<Record<string, unknown>>;

/**
 * Reads one parsed entry: a node-file record, or a Cloud Logging entry with the record under
 * `jsonPayload`. Anything else is one sentence saying what is missing or wrong.
 */
export function toRecord(value: unknown): EntryRecord | { readonly error: string } {
  if (!isObject(value)) {
    return { error: 'The entry is not a JSON object.' };
  }
  const payload = value['jsonPayload'];
  if (payload !== undefined) {
    if (!isObject(payload)) {
      return { error: 'jsonPayload is not an object.' };
    }
    const resource = value['resource'];
    const labels = isObject(resource) && isObject(resource['labels']) ? resource['labels'] : {};
    const timestamp = typeof value['timestamp'] === 'string' ? value['timestamp'] : undefined;
    return readRecord(payload, 'jsonPayload.', text(labels['node_name']), timestamp);
  }
  return readRecord(value, '', undefined, undefined);
}

function readRecord(
  value: Json,
  prefix: string,
  entryNode: string | undefined,
  entryTimestamp: string | undefined,
): EntryRecord | { readonly error: string } {
  const connection = value['connection'];
  if (!isObject(connection)) {
    return {
      error: `The entry has no ${prefix}connection object: it is not a policy-action record.`,
    };
  }
  const wrong = checkConnection(connection, `${prefix}connection.`);
  if (wrong !== undefined) {
    return { error: wrong };
  }
  const disposition = value['disposition'];
  if (disposition !== 'allow' && disposition !== 'deny') {
    return { error: `${prefix}disposition is ${shown(disposition)}, not "allow" or "deny".` };
  }
  const endpoint =
    checkEndpoint(value['src'], `${prefix}src`) ?? checkEndpoint(value['dest'], `${prefix}dest`);
  if (endpoint !== undefined) {
    return { error: endpoint };
  }
  const policies = value['policies'];
  if (policies !== undefined && !(Array.isArray(policies) && policies.every(isObject))) {
    return { error: `${prefix}policies is not a list of policies.` };
  }
  const node = text(value['node_name']) ?? entryNode;
  // A node file has thousands of lines a second: the parsed object is the record, checked in
  // place, and copied only where the entry gives what the record lacks.
  const normal =
    typeof value['count'] === 'number' &&
    value['count'] >= 1 &&
    typeof value['timestamp'] === 'string' &&
    node === value['node_name'] &&
    isRecordProtocol(connection['protocol']);
  const record = (normal
    ? value
    : {
        ...value,
        connection: { ...connection, protocol: toProtocol(connection['protocol'] as string) },
        count: typeof value['count'] === 'number' && value['count'] >= 1 ? value['count'] : 1,
        ...(node === undefined ? {} : { node_name: node }),
        timestamp: text(value['timestamp']) ?? entryTimestamp ?? '',
      }) as unknown as PolicyActionRecord;
  return node === undefined ? { record } : { record, node };
}

/** Why a connection is not one a record holds, or undefined. */
function checkConnection(value: Json, prefix: string): string | undefined {
  if (typeof value['src_ip'] !== 'string' || typeof value['dest_ip'] !== 'string') {
    return `${prefix}src_ip and ${prefix}dest_ip must be IP addresses as strings.`;
  }
  const direction = value['direction'];
  if (direction !== 'ingress' && direction !== 'egress') {
    return `${prefix}direction is ${shown(direction)}, not "ingress" or "egress".`;
  }
  if (typeof value['protocol'] !== 'string') {
    return `${prefix}protocol is missing.`;
  }
  if (!isPort(value['src_port']) || !isPort(value['dest_port'])) {
    return `${prefix}src_port and ${prefix}dest_port must be port numbers.`;
  }
  return undefined;
}

function checkEndpoint(value: unknown, field: string): string | undefined {
  if (!isObject(value)) {
    return `${field} is not an object.`;
  }
  for (const key of ENDPOINT_KEYS) {
    if (value[key] !== undefined && typeof value[key] !== 'string') {
      return `${field}.${key} is not a string.`;
    }
  }
  if (
    value['pod_name'] === undefined &&
    value['instance'] === undefined &&
    value['node_name'] === undefined
  ) {
    return `${field} has neither pod_name nor instance.`;
  }
  return undefined;
}

const ENDPOINT_KEYS = [
  'pod_name',
  'node_name',
  'workload_kind',
  'workload_name',
  'pod_namespace',
  'namespace',
  'instance',
] as const;

function isRecordProtocol(value: unknown): boolean {
  return value === 'tcp' || value === 'udp' || value === 'icmp' || value === 'unknown';
}

function toProtocol(protocol: string): RecordProtocol {
  const lower = protocol.toLowerCase();
  return lower === 'tcp' || lower === 'udp' || lower === 'icmp' ? lower : 'unknown';
}

/** A port: absent or 0 (Go omits 0), else a number up to 65535. */
function isPort(value: unknown): boolean {
  return (
    value === undefined ||
    (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535)
  );
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}
