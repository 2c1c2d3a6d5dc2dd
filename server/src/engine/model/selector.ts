import { readArray, readRecord, readScalar, readString, readStringMap, isRecord } from './read';
import type { Labels, Operator, Selector, SelectorRequirement } from './types';

export const OPERATORS: readonly Operator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

const NOTHING: Selector = {
  matchLabels: {},
  matchExpressions: [],
  valid: false,
  matchesAll: false,
  matches: () => false,
};

/**
 * Compiles a `LabelSelector`. `matchLabels` and every `matchExpressions` entry are ANDed; an
 * empty selector matches everything. A selector the API server would reject matches nothing.
 */
export function compileSelector(value: unknown): Selector {
  if (value === null || value === undefined) {
    return compileParts({}, []);
  }
  if (!isRecord(value)) {
    return NOTHING;
  }
  const requirements: SelectorRequirement[] = [];
  for (const item of readArray(value['matchExpressions'])) {
    const requirement = readRequirement(item);
    if (requirement === undefined) {
      return { ...NOTHING, matchLabels: readStringMap(value['matchLabels']) };
    }
    requirements.push(requirement);
  }
  if (
    value['matchLabels'] !== undefined &&
    value['matchLabels'] !== null &&
    !isRecord(value['matchLabels'])
  ) {
    return NOTHING;
  }
  return compileParts(readStringMap(value['matchLabels']), requirements);
}

function readRequirement(item: unknown): SelectorRequirement | undefined {
  const record = readRecord(item);
  const key = readString(record['key']);
  const operator = OPERATORS.find((candidate) => candidate === record['operator']);
  if (key === undefined || operator === undefined) {
    return undefined;
  }
  const values = readArray(record['values']).map(readScalar);
  if (values.some((entry) => entry === undefined)) {
    return undefined;
  }
  const texts = values as string[];
  // `In` and `NotIn` need values; `Exists` and `DoesNotExist` must have none.
  const needsValues = operator === 'In' || operator === 'NotIn';
  if (needsValues !== texts.length > 0) {
    return undefined;
  }
  return { key, operator, values: texts };
}

function compileParts(
  matchLabels: Labels,
  matchExpressions: readonly SelectorRequirement[],
): Selector {
  const tests = [
    ...Object.entries(matchLabels).map(
      ([key, value]) =>
        (labels: Labels) =>
          labels[key] === value,
    ),
    ...matchExpressions.map(compileRequirement),
  ];
  const matches =
    tests.length === 0
      ? () => true
      : tests.length === 1
        ? tests[0]!
        : (labels: Labels) => {
            for (const test of tests) {
              if (!test(labels)) {
                return false;
              }
            }
            return true;
          };
  return { matchLabels, matchExpressions, valid: true, matchesAll: tests.length === 0, matches };
}

function compileRequirement(requirement: SelectorRequirement): (labels: Labels) => boolean {
  const { key } = requirement;
  const values = new Set(requirement.values);
  const has = (labels: Labels) => Object.prototype.hasOwnProperty.call(labels, key);
  switch (requirement.operator) {
    case 'In':
      return (labels) => has(labels) && values.has(labels[key]!);
    // NotIn and DoesNotExist match pods that lack the key.
    case 'NotIn':
      return (labels) => !has(labels) || !values.has(labels[key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return (labels) => !has(labels);
  }
}
