import { classify } from '../classify';
import type { KnownKind } from '../classify';
import type { Problem, RelatedSpan } from '../problem';
import type { Part, Path, PlacedObject, PlacedProblem } from '../source';
import { shift } from '../span';
import { ENABLE_DENY_LOGGING, ENABLE_LOGGING, isAnnotationOn } from './annotations';
import type { ProblemCode } from './codes';
import { severityOf } from './codes';
import { valueAt } from './read';

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

// A cluster has exactly one NetworkLogging, named default (gke-policy-logging.md §1.2).
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
function checkDelegation(logging: PlacedObject, objects: readonly PlacedObject[]): PlacedProblem[] {
  const problems: PlacedProblem[] = [];
  if (
    isDelegating(logging, 'allow') &&
    !objects.some((object) => isAnnotated(object, 'NetworkPolicy', ENABLE_LOGGING))
  ) {
    const message = `spec.cluster.allow.delegate is true, but no NetworkPolicy has the annotation ${ENABLE_LOGGING}: "true", so no allowed connection would be logged.`;
    problems.push(
      placed(logging, 'allow-delegate-without-annotation', message, {
        path: ['spec', 'cluster', 'allow', 'delegate'],
        part: 'key',
      }),
    );
  }
  if (
    isDelegating(logging, 'deny') &&
    !objects.some((object) => isAnnotated(object, 'Namespace', ENABLE_DENY_LOGGING))
  ) {
    const message = `spec.cluster.deny.delegate is true, but no Namespace has the annotation ${ENABLE_DENY_LOGGING}: "true", so no denied connection would be logged.`;
    problems.push(
      placed(logging, 'deny-delegate-without-annotation', message, {
        path: ['spec', 'cluster', 'deny', 'delegate'],
        part: 'key',
      }),
    );
  }
  return problems;
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
