import { displayPath, listAt } from '../read';
import type { Report } from '../report';
import { atKey, atValue } from '../report';

const DIRECTIONS = [
  { type: 'Ingress', rules: 'ingress' },
  { type: 'Egress', rules: 'egress' },
] as const;

export function checkPolicyTypes(policy: unknown): Report[] {
  return [...checkDuplicates(policy), ...checkOmittedDirections(policy)];
}

function checkDuplicates(policy: unknown): Report[] {
  const seen = new Set<unknown>();
  return listAt(policy, ['spec', 'policyTypes']).flatMap((type, index) => {
    if (typeof type !== 'string' || !seen.has(type)) {
      seen.add(type);
      return [];
    }
    const path = ['spec', 'policyTypes', index];
    return [
      {
        code: 'duplicate-policy-type' as const,
        message: `${displayPath(path)} repeats ${type}.`,
        target: atValue(path),
      },
    ];
  });
}

// Rules of a direction that an explicit policyTypes leaves out are ignored by every
// implementation; an empty or absent policyTypes is defaulted instead, so it is not a mistake.
function checkOmittedDirections(policy: unknown): Report[] {
  const types = listAt(policy, ['spec', 'policyTypes']);
  if (types.length === 0 || !types.every((type) => type === 'Ingress' || type === 'Egress')) {
    return [];
  }
  return DIRECTIONS.flatMap(({ type, rules }) => {
    if (types.includes(type) || listAt(policy, ['spec', rules]).length === 0) {
      return [];
    }
    return [
      {
        code: 'policy-types-omits-direction' as const,
        message: `spec.${rules} is ignored because spec.policyTypes does not list ${type}.`,
        target: atKey(['spec', rules]),
      },
    ];
  });
}
