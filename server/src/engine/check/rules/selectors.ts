import { displayPath, listAt } from '../read';
import type { Report } from '../report';
import { atKey, atValue } from '../report';
import { checkExpressionLabels, checkLabelMap } from './labels';
import type { MapPart, PolicyParts } from './policy-parts';
import { mapsUnder } from './policy-parts';

export function checkSelectors(policy: unknown, parts: PolicyParts): Report[] {
  return parts.selectors.flatMap((selector) => [
    ...checkLabelMap(policy, [...selector.path, 'matchLabels']),
    ...mapsUnder(selector, 'matchExpressions').flatMap((expression) => [
      ...checkExpressionLabels(policy, expression.path),
      ...checkOperatorValues(expression),
    ]),
  ]);
}

// ValidateLabelSelectorRequirement: In and NotIn need values; Exists and DoesNotExist forbid them.
export function checkOperatorValues({ path, value: expression }: MapPart): Report[] {
  const operator = expression['operator'];
  const hasValuesKey = Object.hasOwn(expression, 'values');
  const valueCount = listAt(expression, ['values']).length;
  if ((operator === 'In' || operator === 'NotIn') && valueCount === 0) {
    if (hasValuesKey && !Array.isArray(expression['values'])) {
      return [];
    }
    return [
      {
        code: 'selector-values-required',
        message: `${displayPath(path)} uses ${operator}, which needs at least one value.`,
        target: hasValuesKey ? atKey([...path, 'values']) : atValue([...path, 'operator']),
      },
    ];
  }
  if ((operator === 'Exists' || operator === 'DoesNotExist') && valueCount > 0) {
    return [
      {
        code: 'selector-values-forbidden',
        message: `${displayPath(path)} uses ${operator}, which takes no values.`,
        target: atKey([...path, 'values']),
      },
    ];
  }
  return [];
}
