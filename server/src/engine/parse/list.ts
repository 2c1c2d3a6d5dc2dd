import type { Locate, Path, SourceObject } from '../source';

/**
 * The Kubernetes objects a document holds: the document itself, or, for `kind: List`
 * (what `kubectl get -o yaml` prints), each of its items.
 */
export function toSourceObjects(value: unknown, locate: Locate): SourceObject[] {
  if (!isRecord(value)) {
    return [];
  }
  if (value['kind'] === 'List' && Array.isArray(value['items'])) {
    return value['items'].flatMap((item, index) =>
      isRecord(item) ? [toSourceObject(item, ['items', index], locate)] : [],
    );
  }
  return [toSourceObject(value, [], locate)];
}

function toSourceObject(
  value: Readonly<Record<string, unknown>>,
  path: Path,
  locate: Locate,
): SourceObject {
  return {
    apiVersion: typeof value['apiVersion'] === 'string' ? value['apiVersion'] : '',
    kind: typeof value['kind'] === 'string' ? value['kind'] : '',
    value,
    path,
    locate: path.length === 0 ? locate : (inner, part) => locate([...path, ...inner], part),
  };
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
