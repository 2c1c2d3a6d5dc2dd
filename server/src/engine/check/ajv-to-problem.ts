import type { ErrorObject } from 'ajv';
import type { Severity } from '../core/problem';
import type { Path } from '../core/source';
import type { ProblemCode } from '../core/codes';
import { isProblemCode } from '../core/codes';
import { displayPath, isRecord, valueAt } from './read';
import type { Report } from './report';
import { atKey, atValue } from './report';
import type { Located } from './error-filter';
import { alternatives, keepRealErrors } from './error-filter';
import { nearest, withSuggestion } from '../core/suggest';

export interface MapOptions {
  /** The object's kind, named in messages about its top level. */
  readonly kind: string;
  readonly unknownFieldSeverity: Severity;
}

/** Turns ajv's errors into one report per real problem: no branch noise, no cascades. */
export function toReports(
  errors: readonly ErrorObject[],
  data: unknown,
  options: MapOptions,
): Report[] {
  const kept = keepRealErrors(errors, data);
  return [
    ...mergeRequired(kept, data, options),
    ...kept.flatMap((item) => toReport(item, data, options)),
  ];
}

// Several missing fields of one map would all land on the same key: say them in one sentence.
function mergeRequired(located: readonly Located[], data: unknown, options: MapOptions): Report[] {
  const byParent = new Map<string, { path: Path; fields: string[] }>();
  for (const { error, path } of located) {
    if (error.keyword !== 'required') {
      continue;
    }
    const key = JSON.stringify(path);
    const entry = byParent.get(key) ?? { path, fields: [] };
    entry.fields.push(String(error.params['missingProperty']));
    byParent.set(key, entry);
  }
  return [...byParent.values()].map(({ path, fields }) => ({
    code: 'missing-field',
    message: `${subject(path, options)} must have the ${fields.length === 1 ? 'field' : 'fields'} ${listing(fields)}.`,
    target: missingFieldTarget(path, data),
  }));
}

// The parent's key; for a list item, its first key (the line of its dash); for the top level,
// `kind`. Underlining a whole multi-line map helps no one.
function missingFieldTarget(path: Path, data: unknown): Report['target'] {
  if (path.length === 0) {
    return atKey(['kind']);
  }
  if (typeof path.at(-1) !== 'number') {
    return atKey(path);
  }
  const item = valueAt(data, path);
  const firstKey = isRecord(item) ? Object.keys(item)[0] : undefined;
  return firstKey === undefined ? atValue(path) : atKey([...path, firstKey]);
}

function toReport({ error, path }: Located, data: unknown, options: MapOptions): Report[] {
  const where = displayPath(path);
  switch (error.keyword) {
    case 'required':
      return [];
    case 'additionalProperties':
      return [unknownField(error, path, options, data)];
    case 'type':
    case 'anyOf':
    case 'oneOf':
      return [wrongType(error, path, valueAt(data, path))];
    case 'enum':
    case 'const':
      return [invalidValue(error, path, valueAt(data, path))];
    case 'pattern':
      return [
        simple(error, path, `${where} ${patternExpectation(String(error.params['pattern']))}.`),
      ];
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return [simple(error, path, `${where} must be ${rangeWords(error)}.`, 'out-of-range')];
    case 'format':
      return [
        simple(
          error,
          path,
          `${where} must be ${formatWords(String(error.params['format']))}.`,
          'invalid-format',
        ),
      ];
    case 'maxItems':
      return [
        simple(
          error,
          path,
          `${where} must have at most ${String(error.params['limit'])} items.`,
          'too-many-items',
        ),
      ];
    case 'minProperties':
    case 'maxProperties':
      return [exactlyOne(error, path, data)];
    default:
      return [
        simple(error, path, `${where} ${error.message ?? 'is invalid'}.`, 'schema-violation'),
      ];
  }
}

// Subjects, peers, protocols and ports take exactly one of their fields (or at least one).
function exactlyOne(error: ErrorObject, path: Path, data: unknown): Report {
  const schema = error.parentSchema;
  const fields = isRecord(schema?.['properties']) ? Object.keys(schema['properties']) : [];
  const one = schema?.['maxProperties'] === 1;
  const names = fields.map((field) => `"${field}"`);
  const choice =
    names.length === 1
      ? names[0]!
      : `${one ? 'exactly one' : 'at least one'} of ${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;
  const what = error.keyword === 'maxProperties' ? 'sets more than one field' : 'sets no field';
  return {
    code: 'exactly-one-field',
    message: `${displayPath(path) || 'The object'} ${what}; it must set ${choice}.`,
    target: missingFieldTarget(path, data),
  };
}

function unknownField(error: ErrorObject, path: Path, options: MapOptions, data: unknown): Report {
  const field = String(error.params['additionalProperty']);
  const known = isRecord(error.parentSchema?.['properties'])
    ? Object.keys(error.parentSchema['properties'])
    : [];
  return {
    code: 'unknown-field',
    severity: options.unknownFieldSeverity,
    message: withSuggestion(`Unknown field "${field}" in ${subject(path, options)}`, field, known),
    target: atKey([...path, field]),
    ...renameFix(field, known, path, data),
  };
}

// Renaming is certain only when the nearest name is not already a key of the same map.
function renameFix(field: string, known: readonly string[], path: Path, data: unknown) {
  const suggestion = nearest(field, known);
  const parent = valueAt(data, path);
  if (suggestion === undefined || (isRecord(parent) && Object.hasOwn(parent, suggestion))) {
    return {};
  }
  const edits = [{ target: atKey([...path, field]), newText: suggestion }];
  return { fixes: [{ title: `Change "${field}" to "${suggestion}"`, edits, preferred: true }] };
}

function wrongType(error: ErrorObject, path: Path, value: unknown): Report {
  const expected = expectedTypes(error);
  const quoteHint =
    expected.length === 1 &&
    expected[0] === 'string' &&
    (typeof value === 'number' || typeof value === 'boolean')
      ? '; quote the value'
      : '';
  return {
    code: 'wrong-type',
    message: `${displayPath(path)} must be ${expected.map(typeWords).join(' or ')}${quoteHint}.`,
    target: atValue(path),
  };
}

function expectedTypes(error: ErrorObject): string[] {
  if (error.keyword === 'type') {
    const type: unknown = error.params['type'];
    return Array.isArray(type) ? type.map(String) : String(type).split(',');
  }
  return alternatives(error).flatMap((branch) =>
    isRecord(branch) && typeof branch['type'] === 'string' ? [branch['type']] : [],
  );
}

function invalidValue(error: ErrorObject, path: Path, value: unknown): Report {
  const allowed =
    error.keyword === 'const'
      ? [error.params['allowedValue']]
      : (error.params['allowedValues'] as unknown[]);
  const names = allowed.map(String);
  return {
    code: 'invalid-value',
    message: withSuggestion(
      `${displayPath(path)} must be ${names.length === 1 ? '' : 'one of '}${names.join(', ')}`,
      String(value),
      names,
    ),
    target: atValue(path),
  };
}

function simple(
  error: ErrorObject,
  path: Path,
  message: string,
  fallback: ProblemCode = 'invalid-value',
): Report {
  return { code: customCode(error) ?? fallback, message, target: atValue(path) };
}

function customCode(error: ErrorObject): ProblemCode | undefined {
  const code: unknown = error.parentSchema?.['x-netpol-lens-code'];
  return isProblemCode(code) ? code : undefined;
}

function subject(path: Path, options: MapOptions): string {
  return path.length === 0 ? options.kind : displayPath(path);
}

function listing(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  return quoted.length < 2
    ? quoted.join('')
    : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1) ?? ''}`;
}

function patternExpectation(pattern: string): string {
  const literal = /^\^([\w.-]+)\$$/.exec(pattern);
  return literal ? `must be "${literal[1] ?? ''}"` : `must match the pattern ${pattern}`;
}

function rangeWords(error: ErrorObject): string {
  const limit = String(error.params['limit']);
  switch (error.keyword) {
    case 'minimum':
      return `at least ${limit}`;
    case 'maximum':
      return `at most ${limit}`;
    case 'exclusiveMinimum':
      return `greater than ${limit}`;
    default:
      return `less than ${limit}`;
  }
}

const FORMAT_WORDS: Readonly<Record<string, string>> = {
  int32: 'a 32-bit integer',
  int64: 'a 64-bit integer',
  'date-time': 'an RFC 3339 date-time such as 2024-01-31T12:00:00Z',
};

function formatWords(format: string): string {
  return FORMAT_WORDS[format] ?? `in the ${format} format`;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  array: 'a list',
  object: 'a map',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

function typeWords(type: string): string {
  return TYPE_WORDS[type] ?? type;
}
