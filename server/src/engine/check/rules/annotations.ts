import type { Path } from '../../core/source';
import { ENABLE_DENY_LOGGING, ENABLE_LOGGING } from '../annotations';
import { recordAt } from '../read';
import type { Report } from '../report';
import { atKey, atValue } from '../report';
import { nearest } from '../../core/suggest';

/** The object kind each logging annotation belongs on (docs/gke-logging.md §1.4). */
const HOME: Readonly<Record<string, 'NetworkPolicy' | 'Namespace'>> = {
  [ENABLE_LOGGING]: 'NetworkPolicy',
  [ENABLE_DENY_LOGGING]: 'Namespace',
};

const ANNOTATIONS: Path = ['metadata', 'annotations'];

/**
 * The GKE logging annotations on a NetworkPolicy or Namespace. `typesChecked` says whether a
 * schema already reports non-string values, so they are not reported twice.
 */
export function checkLoggingAnnotations(
  object: unknown,
  kind: 'NetworkPolicy' | 'Namespace',
  typesChecked: boolean,
): Report[] {
  const annotations = recordAt(object, ANNOTATIONS);
  return Object.entries(annotations ?? {}).flatMap(([key, value]) => {
    const home = HOME[key];
    if (home === undefined) {
      return checkTypo(key);
    }
    return [
      ...(home === kind ? [] : [wrongKind(key, kind, home)]),
      ...checkValue(key, value, typesChecked),
    ];
  });
}

function wrongKind(key: string, kind: string, home: string): Report {
  return {
    code: 'logging-annotation-wrong-kind',
    message: `The annotation "${key}" has no effect on a ${kind}; it belongs on a ${home}.`,
    target: atKey([...ANNOTATIONS, key]),
  };
}

// Only the exact string "true" turns logging on; "false" is the documented way to say off.
function checkValue(key: string, value: unknown, typesChecked: boolean): Report[] {
  if (value === 'true' || value === 'false' || (typesChecked && typeof value !== 'string')) {
    return [];
  }
  const written = typeof value === 'string' ? `"${value}"` : String(value);
  return [
    {
      code: 'logging-annotation-value',
      message: `The annotation "${key}" is ${written}, but only the string "true" turns it on.`,
      target: atValue([...ANNOTATIONS, key]),
      // An empty value has no span of its own to replace.
      fixes:
        value === null || value === undefined
          ? []
          : [
              {
                title: 'Set the annotation to "true"',
                edits: [{ target: atValue([...ANNOTATIONS, key]), newText: '"true"' }],
              },
            ],
    },
  ];
}

function checkTypo(key: string): Report[] {
  const intended = nearest(key, Object.keys(HOME));
  if (intended === undefined) {
    return [];
  }
  return [
    {
      code: 'logging-annotation-typo',
      message: `The annotation "${key}" has no effect; did you mean "${intended}"?`,
      target: atKey([...ANNOTATIONS, key]),
    },
  ];
}
