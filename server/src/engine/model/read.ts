import { isRecord } from '../parse/list';

export { isRecord };

export type PlainRecord = Readonly<Record<string, unknown>>;

const EMPTY: PlainRecord = {};

export function readRecord(value: unknown): PlainRecord {
  return isRecord(value) ? value : EMPTY;
}

export function readArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function readString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A label or annotation value: YAML may give a number or a boolean where a string was meant. */
export function readScalar(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return undefined;
}

/** A `map[string]string` such as labels or annotations; entries it cannot read are skipped. */
export function readStringMap(value: unknown): Readonly<Record<string, string>> {
  if (!isRecord(value)) {
    return EMPTY as Readonly<Record<string, string>>;
  }
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    const text = readScalar(entry);
    if (text !== undefined) {
      result[key] = text;
    }
  }
  return result;
}

export function readMetadata(object: PlainRecord): {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
} {
  const metadata = readRecord(object['metadata']);
  const namespace = readString(metadata['namespace']);
  return {
    name: readScalar(metadata['name']) ?? '',
    // Kubernetes puts a namespaced object without `metadata.namespace` in `default`.
    namespace: namespace === undefined || namespace === '' ? 'default' : namespace,
    labels: readStringMap(metadata['labels']),
    annotations: readStringMap(metadata['annotations']),
  };
}
