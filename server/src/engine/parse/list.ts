import { classify } from '../core/classify';
import type { Locate, Path, SourceObject } from '../core/source';

/**
 * The Kubernetes objects a document holds: the document itself, or, for `kind: List` (what
 * `kubectl get -o yaml` prints) and a typed list of a kind the engine knows (`NetworkPolicyList`,
 * `PodList`..., what the API and its clients print), each of its items. The items of a typed list
 * often leave out `apiVersion` and `kind`; they take them from the list, as the API does.
 */
export function toSourceObjects(value: unknown, locate: Locate): SourceObject[] {
  if (!isRecord(value)) {
    return [];
  }
  const items = value['items'];
  const kind = value['kind'];
  if (!Array.isArray(items) || typeof kind !== 'string' || !kind.endsWith('List')) {
    return [toSourceObject(value, [], locate)];
  }
  if (kind === 'List') {
    return items.flatMap((item, index) =>
      isRecord(item) ? [toSourceObject(item, ['items', index], locate)] : [],
    );
  }
  const apiVersion = value['apiVersion'];
  const itemKind = kind.slice(0, -'List'.length);
  if (typeof apiVersion !== 'string' || classify(apiVersion, itemKind) === undefined) {
    return [toSourceObject(value, [], locate)];
  }
  return items.flatMap((item, index) =>
    isRecord(item)
      ? [toSourceObject(withKind(item, apiVersion, itemKind), ['items', index], locate)]
      : [],
  );
}

function withKind(
  item: Readonly<Record<string, unknown>>,
  apiVersion: string,
  kind: string,
): Readonly<Record<string, unknown>> {
  if (typeof item['apiVersion'] === 'string' && typeof item['kind'] === 'string') {
    return item;
  }
  return { ...item, apiVersion: item['apiVersion'] ?? apiVersion, kind: item['kind'] ?? kind };
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
