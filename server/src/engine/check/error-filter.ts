import type { ErrorObject } from 'ajv';
import type { Path } from '../core/source';
import { isRecord, valueAt } from './read';

/** An ajv error with its instance path as segments. */
export interface Located {
  readonly error: ErrorObject;
  readonly path: Path;
}

/** The errors that are real problems: without failing anyOf branches, and without cascades. */
export function keepRealErrors(errors: readonly ErrorObject[], data: unknown): Located[] {
  const located = errors.map((error) => ({ error, path: toPath(error.instancePath, data) }));
  return dropCascades(collapseAlternatives(located, data));
}

/** JSON pointer to path segments; a segment is a number where the data there is a list. */
export function toPath(pointer: string, data: unknown): Path {
  if (pointer === '') {
    return [];
  }
  const path: (string | number)[] = [];
  let node = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step = Array.isArray(node) ? Number(segment) : segment;
    path.push(step);
    node = valueAt(node, [step]);
  }
  return path;
}

// anyOf reports every failing branch. When the value's type fits a branch, only that branch's
// errors matter (port 70000 is out of range, not "not a string"); when none fits, one type error.
function collapseAlternatives(located: readonly Located[], data: unknown): Located[] {
  let result = [...located];
  for (const item of located) {
    if (item.error.keyword !== 'anyOf' && item.error.keyword !== 'oneOf') {
      continue;
    }
    const prefix = `${item.error.schemaPath}/`;
    const branches = alternatives(item.error);
    const value = valueAt(data, item.path);
    const fitting = branches.findIndex((branch) => fitsType(branch, value));
    result = result.filter((other) => {
      if (!isBranchError(other.error, item.error)) {
        return fitting === -1 || other !== item;
      }
      return fitting !== -1 && other.error.schemaPath.startsWith(`${prefix}${fitting}/`);
    });
  }
  return result;
}

// The same schema node fails at every instance it validates, so both paths must match.
function isBranchError(error: ErrorObject, alternative: ErrorObject): boolean {
  const at = alternative.instancePath;
  return (
    error.schemaPath.startsWith(`${alternative.schemaPath}/`) &&
    (error.instancePath === at || error.instancePath.startsWith(`${at}/`))
  );
}

export function alternatives(error: ErrorObject): readonly unknown[] {
  const schema: unknown = error.schema;
  return Array.isArray(schema) ? schema : [];
}

function fitsType(branch: unknown, value: unknown): boolean {
  if (!isRecord(branch) || typeof branch['type'] !== 'string') {
    return false;
  }
  return (
    typeName(value) === branch['type'] || (branch['type'] === 'number' && typeof value === 'number')
  );
}

function typeName(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  return typeof value;
}

// A value of the wrong type is one problem: nothing else about it or below it is reported.
function dropCascades(located: readonly Located[]): Located[] {
  const typeErrors = located.filter((item) => isTypeError(item.error));
  return located.filter(
    (item) =>
      !typeErrors.some(
        (typeError) =>
          typeError !== item &&
          isPrefix(typeError.path, item.path) &&
          (item.path.length > typeError.path.length || !isTypeError(item.error)),
      ),
  );
}

function isTypeError(error: ErrorObject): boolean {
  return error.keyword === 'type' || error.keyword === 'anyOf' || error.keyword === 'oneOf';
}

function isPrefix(prefix: Path, path: Path): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => segment === path[index]);
}
