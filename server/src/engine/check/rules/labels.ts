import type { Path } from '../../core/source';
import { whyNotLabelValue, whyNotQualifiedName } from '../k8s-names';
import { displayPath, listAt, recordAt } from '../read';
import type { Report } from '../report';
import { atKey, atValue } from '../report';

/** Keys and values of a label map (metadata.labels, matchLabels). */
export function checkLabelMap(root: unknown, path: Path): Report[] {
  const labels = recordAt(root, path);
  if (labels === undefined) {
    return [];
  }
  return Object.entries(labels).flatMap(([key, value]) => [
    ...checkLabelKey(key, atKey([...path, key])),
    ...(typeof value === 'string' ? checkLabelValue([...path, key], value) : []),
  ]);
}

/** Every key of an annotation map must be a qualified name, like a label key. */
export function checkAnnotationKeys(root: unknown, path: Path): Report[] {
  const annotations = recordAt(root, path);
  return Object.keys(annotations ?? {}).flatMap((key) => {
    const reason = whyNotQualifiedName(key);
    return reason === undefined
      ? []
      : [
          {
            code: 'invalid-annotation-key' as const,
            message: `The annotation key "${key}" ${reason}.`,
            target: atKey([...path, key]),
          },
        ];
  });
}

/** The key and values of each matchExpressions entry, which the API server checks as labels. */
export function checkExpressionLabels(root: unknown, path: Path): Report[] {
  const expression = recordAt(root, path);
  if (expression === undefined) {
    return [];
  }
  const key = expression['key'];
  const keyReports = typeof key === 'string' ? checkLabelKey(key, atValue([...path, 'key'])) : [];
  const valueReports = listAt(expression, ['values']).flatMap((value, index) =>
    typeof value === 'string' ? checkLabelValue([...path, 'values', index], value) : [],
  );
  return [...keyReports, ...valueReports];
}

function checkLabelKey(key: string, target: Report['target']): Report[] {
  const reason = whyNotQualifiedName(key);
  return reason === undefined
    ? []
    : [{ code: 'invalid-label-key', message: `The label key "${key}" ${reason}.`, target }];
}

function checkLabelValue(path: Path, value: string): Report[] {
  const reason = whyNotLabelValue(value);
  return reason === undefined
    ? []
    : [
        {
          code: 'invalid-label-value',
          message: `The label value at ${displayPath(path)} ${reason}.`,
          target: atValue(path),
        },
      ];
}
