import { classify } from '../core/classify';
import type { Problem } from '../core/problem';
import type { PlacedObject, PlacedProblem, SourceObject } from '../core/source';
import { toReports } from './ajv-to-problem';
import { withoutNulls } from './null-fields';
import type { Report } from './report';
import { toProblem } from './report';
import { checkRules } from './rules/by-kind';
import type { SchemaKind } from './schema';
import { isSchemaKind, validatorFor } from './schema';
import { checkWorkspace } from './workspace';

export { mattersToLogging } from './workspace';

export type { ProblemCode, Rule } from '../core/codes';
export { RULES } from '../core/codes';
export type { FieldDescription } from './describe-field';
export { describeField } from './describe-field';

/**
 * Checks one object: its JSON Schema, then the semantic rules of its kind (NetworkPolicy,
 * NetworkLogging, SampleFlows; Namespace annotations). Other kinds give no problems. Spans are
 * relative to the object's document. Never throws on malformed input.
 */
export function checkObject(written: SourceObject): Problem[] {
  const kind = classify(written.apiVersion, written.kind);
  if (kind === undefined) {
    return [];
  }
  const object = asServerReads(written);
  const reports = [
    ...(isSchemaKind(kind) ? checkSchema(kind, object) : []),
    ...checkRules(kind, object),
  ];
  return dedupe(reports.map((report) => toProblem(object, report)));
}

/**
 * The object with its value as the API server reads it: fields written as null are absent (or
 * empty, where a value is required); see `withoutNulls`. The object itself when nothing changes.
 */
export function asServerReads<T extends SourceObject>(object: T): T | SourceObject {
  const kind = classify(object.apiVersion, object.kind);
  if (!isSchemaKind(kind)) {
    return object;
  }
  const value = withoutNulls(kind, object.value);
  return value === object.value
    ? object
    : {
        apiVersion: object.apiVersion,
        kind: object.kind,
        value,
        path: object.path,
        locate: object.locate,
      };
}

/**
 * Checks what no single object shows: more than one NetworkLogging, and delegated logging that
 * no annotation turns on. Spans are absolute in each object's file.
 */
export function checkObjects(objects: readonly PlacedObject[]): PlacedProblem[] {
  return checkWorkspace(objects);
}

function checkSchema(kind: SchemaKind, object: SourceObject): Report[] {
  const validate = validatorFor(kind);
  if (validate(object.value)) {
    return [];
  }
  // CRDs prune unknown fields instead of rejecting them (docs/gke-logging.md §1.3).
  const unknownFieldSeverity = kind === 'NetworkLogging' ? 'warning' : 'error';
  return toReports(validate.errors ?? [], object.value, { kind, unknownFieldSeverity });
}

// Never two problems with the same code on the same span; problems in document order.
function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique = problems.filter((problem) => {
    const key = `${problem.code} ${problem.span.start} ${problem.span.end}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
  return unique.sort((left, right) => left.span.start - right.span.start);
}
