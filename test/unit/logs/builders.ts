import type {
  Direction,
  DirectionVerdict,
  Endpoint,
  Flow,
  PolicyRef,
  Verdict,
} from '../../../server/src/engine/evaluate/verdict';
import type { Namespace, Pod, Protocol } from '../../../server/src/engine/world/types';

const ORIGIN = { uri: 'file:///test.yaml', offset: 0, path: [] };

export function makePod(fields: Partial<Pod> & Pick<Pod, 'name'>): Endpoint {
  const pod: Pod = {
    namespace: 'default',
    labels: {},
    ports: [],
    ip: '10.244.0.1',
    ips: [fields.ip ?? '10.244.0.1'],
    ipAssigned: false,
    hostNetwork: false,
    origin: ORIGIN,
    index: 0,
    ...fields,
  };
  return { kind: 'pod', pod };
}

export function external(ip: string): Endpoint {
  return { kind: 'external', ip };
}

export function makeFlow(
  source: Endpoint,
  destination: Endpoint,
  port: number,
  protocol: Protocol = 'TCP',
): Flow {
  return { source, destination, port, protocol };
}

export function policy(
  namespace: string,
  name: string,
  annotations: Record<string, string> = {},
): PolicyRef {
  return { kind: 'NetworkPolicy', namespace, name, annotations, origin: ORIGIN };
}

/** A side that no policy selects. */
export function open(direction: Direction): DirectionVerdict {
  return side(direction, true, 'not-isolated', [], []);
}

/** A side isolated by `isolatedBy` and admitted by the rules of `allowedBy`. */
export function allowed(direction: Direction, ...allowedBy: PolicyRef[]): DirectionVerdict {
  const matches = allowedBy.map((policy) => ({ policy, direction, ruleIndex: 0 }));
  return side(direction, true, 'allowed-by-rule', allowedBy, matches);
}

/** A side isolated by `isolatedBy` that no rule admits. */
export function denied(direction: Direction, ...isolatedBy: PolicyRef[]): DirectionVerdict {
  return side(direction, false, 'no-rule-matches', isolatedBy, []);
}

export function noSide(direction: Direction): DirectionVerdict {
  return side(direction, true, 'no-side', [], []);
}

export function hostNetwork(direction: Direction): DirectionVerdict {
  return side(direction, true, 'host-network', [], []);
}

export function verdictOf(egress: DirectionVerdict, ingress: DirectionVerdict): Verdict {
  return { allowed: egress.allowed && ingress.allowed, egress, ingress };
}

export function namespaceOf(name: string, annotations: Record<string, string> = {}): Namespace {
  return { name, labels: { 'kubernetes.io/metadata.name': name }, annotations };
}

export function namespaceMap(...namespaces: Namespace[]): ReadonlyMap<string, Namespace> {
  return new Map(namespaces.map((namespace) => [namespace.name, namespace]));
}

function side(
  direction: Direction,
  isAllowed: boolean,
  reason: DirectionVerdict['reason'],
  isolatedBy: readonly PolicyRef[],
  allowedBy: DirectionVerdict['allowedBy'],
): DirectionVerdict {
  return {
    direction,
    allowed: isAllowed,
    reason,
    decidedBy:
      reason === 'allowed-by-rule' || reason === 'no-rule-matches' ? 'NetworkPolicy' : 'default',
    isolatedBy,
    allowedBy,
    notes: [],
  };
}
