import type { Path } from '../../source';
import { isRecord, listAt, recordAt } from '../read';

/** A map somewhere in a NetworkPolicy, with its path. Parts of another shape are skipped. */
export interface PolicyPart {
  readonly path: Path;
  readonly value: Readonly<Record<string, unknown>>;
}

const DIRECTIONS = [
  { rules: 'ingress', peers: 'from' },
  { rules: 'egress', peers: 'to' },
] as const;

export function policyRules(policy: unknown): PolicyPart[] {
  return DIRECTIONS.flatMap(({ rules }) => mapsIn(policy, ['spec', rules]));
}

export function policyPeers(policy: unknown): PolicyPart[] {
  return DIRECTIONS.flatMap(({ rules, peers }) =>
    mapsIn(policy, ['spec', rules]).flatMap((rule) => mapsIn(policy, [...rule.path, peers])),
  );
}

export function policyPorts(policy: unknown): PolicyPart[] {
  return policyRules(policy).flatMap((rule) => mapsIn(policy, [...rule.path, 'ports']));
}

/** `spec.podSelector` and every peer's podSelector and namespaceSelector. */
export function policySelectors(policy: unknown): PolicyPart[] {
  const selectorPaths: Path[] = [['spec', 'podSelector']];
  for (const peer of policyPeers(policy)) {
    selectorPaths.push([...peer.path, 'podSelector'], [...peer.path, 'namespaceSelector']);
  }
  return selectorPaths.flatMap((path) => {
    const value = recordAt(policy, path);
    return value === undefined ? [] : [{ path, value }];
  });
}

/** The maps among the items of the list at `path`. */
export function mapsIn(root: unknown, path: Path): PolicyPart[] {
  return listAt(root, path).flatMap((item, index) =>
    isRecord(item) ? [{ path: [...path, index], value: item }] : [],
  );
}
