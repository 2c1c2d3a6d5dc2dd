import type { Path } from '../../core/source';
import { isRecord, listAt } from '../read';

/** A map somewhere in an object, with its path. Parts of another shape are skipped. */
export interface MapPart {
  readonly path: Path;
  readonly value: Readonly<Record<string, unknown>>;
}

/** The maps of a NetworkPolicy that rules look at, found in one walk. */
export interface PolicyParts {
  readonly peers: readonly MapPart[];
  readonly ports: readonly MapPart[];
  /** `spec.podSelector` and every peer's podSelector and namespaceSelector. */
  readonly selectors: readonly MapPart[];
}

const DIRECTIONS = [
  { rules: 'ingress', peers: 'from' },
  { rules: 'egress', peers: 'to' },
] as const;

export function policyParts(policy: unknown): PolicyParts {
  const spec = isRecord(policy) ? policy['spec'] : undefined;
  if (!isRecord(spec)) {
    return { peers: [], ports: [], selectors: [] };
  }
  const specPart: MapPart = { path: ['spec'], value: spec };
  const rules = DIRECTIONS.flatMap((direction) =>
    mapsUnder(specPart, direction.rules).map((rule) => ({ rule, peersKey: direction.peers })),
  );
  const peers = rules.flatMap(({ rule, peersKey }) => mapsUnder(rule, peersKey));
  const ports = rules.flatMap(({ rule }) => mapsUnder(rule, 'ports'));
  const selectors = [
    ...mapUnder(specPart, 'podSelector'),
    ...peers.flatMap((peer) => [
      ...mapUnder(peer, 'podSelector'),
      ...mapUnder(peer, 'namespaceSelector'),
    ]),
  ];
  return { peers, ports, selectors };
}

/** The maps among the items of the list at `path`. */
export function mapsIn(root: unknown, path: Path): MapPart[] {
  return listAt(root, path).flatMap((item, index) =>
    isRecord(item) ? [{ path: [...path, index], value: item }] : [],
  );
}

/** The maps among the items of the list under `key` of `part`. */
export function mapsUnder(part: MapPart, key: string): MapPart[] {
  return mapsIn(part.value, [key]).map((item) => ({
    path: [...part.path, ...item.path],
    value: item.value,
  }));
}

function mapUnder(part: MapPart, key: string): MapPart[] {
  const value = part.value[key];
  return isRecord(value) ? [{ path: [...part.path, key], value }] : [];
}
