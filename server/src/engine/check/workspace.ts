import { classify } from '../core/classify';
import type { KnownKind } from '../core/classify';
import type { Problem, RelatedSpan } from '../core/problem';
import type { Part, Path, PlacedObject, PlacedProblem } from '../core/source';
import { shift } from '../core/span';
import { ENABLE_DENY_LOGGING, ENABLE_LOGGING, isAnnotationOn } from './annotations';
import type { ProblemCode } from '../core/codes';
import { severityOf } from '../core/codes';
import { valueAt } from './read';

/**
 * Whether `checkWorkspace` reads the object: a NetworkLogging, or an object with one of the
 * annotations logging delegates to. Passing only these gives the same problems, faster.
 */
export function mattersToLogging(object: PlacedObject): boolean {
  if (object.kind === 'NetworkLogging') {
    return true;
  }
  const annotations = valueAt(object.value, ['metadata', 'annotations']);
  return (
    typeof annotations === 'object' &&
    annotations !== null &&
    (ENABLE_LOGGING in annotations || ENABLE_DENY_LOGGING in annotations)
  );
}

/** Cross-object rules over the whole workspace; per-object problems come from `checkObject`. */
export function checkWorkspace(objects: readonly PlacedObject[]): PlacedProblem[] {
  // Only the NetworkLoggings need an order (the first one is the real one): sort just those.
  const loggings = objects
    .filter((object) => isKind(object, 'NetworkLogging'))
    .sort((left, right) => left.uri.localeCompare(right.uri) || left.offset - right.offset);
  return [
    ...checkSingleNetworkLogging(loggings),
    ...loggings.flatMap((logging) => checkDelegation(logging, objects)),
  ];
}

// A cluster has exactly one NetworkLogging, named default (docs/gke-logging.md §1.2).
function checkSingleNetworkLogging(loggings: readonly PlacedObject[]): PlacedProblem[] {
  const [first, ...extras] = loggings;
  if (first === undefined) {
    return [];
  }
  return extras.map((extra) => {
    const related: RelatedSpan = {
      message: 'The first NetworkLogging.',
      span: placedSpan(first, identity(first)),
      ...(first.uri === extra.uri ? {} : { uri: first.uri }),
    };
    return placed(
      extra,
      'duplicate-network-logging',
      'A cluster has only one NetworkLogging; this one is extra.',
      identity(extra),
      [related],
    );
  });
}

// Delegation hands the decision to annotations; with none set to "true", nothing is logged.
const DELEGATIONS = [
  {
    disposition: 'allow',
    kind: 'NetworkPolicy',
    annotation: ENABLE_LOGGING,
    code: 'allow-delegate-without-annotation',
    logged: 'allowed',
  },
  {
    disposition: 'deny',
    kind: 'Namespace',
    annotation: ENABLE_DENY_LOGGING,
    code: 'deny-delegate-without-annotation',
    logged: 'denied',
  },
] as const;

function checkDelegation(logging: PlacedObject, objects: readonly PlacedObject[]): PlacedProblem[] {
  return DELEGATIONS.flatMap(({ disposition, kind, annotation, code, logged }) => {
    if (
      !isDelegating(logging, disposition) ||
      objects.some((object) => isAnnotated(object, kind, annotation))
    ) {
      return [];
    }
    const message = `spec.cluster.${disposition}.delegate is true, but no ${kind} has the annotation ${annotation}: "true", so no ${logged} connection would be logged.`;
    return [
      placed(logging, code, message, {
        path: ['spec', 'cluster', disposition, 'delegate'],
        part: 'key',
      }),
    ];
  });
}

// With log false, delegate-without-log already reports the configuration as invalid.
function isDelegating(logging: PlacedObject, disposition: 'allow' | 'deny'): boolean {
  const action = ['spec', 'cluster', disposition];
  return (
    valueAt(logging.value, [...action, 'delegate']) === true &&
    valueAt(logging.value, [...action, 'log']) === true
  );
}

function isAnnotated(
  object: PlacedObject,
  kind: 'NetworkPolicy' | 'Namespace',
  key: string,
): boolean {
  return isKind(object, kind) && isAnnotationOn(object.value, key);
}

// A known kind is its `kind` field: comparing that first spares most objects the lookup.
function isKind(object: PlacedObject, kind: KnownKind): boolean {
  return object.kind === kind && classify(object.apiVersion, object.kind) === kind;
}

interface Where {
  readonly path: Path;
  readonly part: Part;
}

function identity(object: PlacedObject): Where {
  return valueAt(object.value, ['metadata', 'name']) === undefined
    ? { path: ['kind'], part: 'value' }
    : { path: ['metadata', 'name'], part: 'value' };
}

function placedSpan(object: PlacedObject, where: Where) {
  return shift(object.locate(where.path, where.part), object.offset);
}

function placed(
  object: PlacedObject,
  code: ProblemCode,
  message: string,
  where: Where,
  related?: readonly RelatedSpan[],
): PlacedProblem {
  const problem: Problem = {
    code,
    severity: severityOf(code),
    message,
    span: placedSpan(object, where),
  };
  return { uri: object.uri, problem: related === undefined ? problem : { ...problem, related } };
}
