import type { ClusterPolicyKind } from '../../core/classify';
import type { Path, SourceObject } from '../../core/source';
import { displayPath, isRecord, listAt, valueAt } from '../read';
import type { Report } from '../report';
import { atKey, atValue } from '../report';
import { checkCidrText } from './ip-block';
import { checkExpressionLabels, checkLabelMap } from './labels';
import { checkMetadataMaps } from './metadata';
import type { MapPart } from './policy-parts';
import { mapsUnder } from './policy-parts';
import { checkOperatorValues } from './selectors';
import { checkShadowedRules } from './cluster-shadowing';
import { checkV1alpha1 } from './cluster-v1alpha1';

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);
const DIRECTIONS = [
  { rules: 'ingress', peers: 'from' },
  { rules: 'egress', peers: 'to' },
] as const;
const NETWORK_PEERS = ['networks', 'nodes', 'domainNames'] as const;

/**
 * The rules of a tiered cluster policy after its schema: the CRDs' CEL validations (errors, as
 * the API server rejects them) and what the API server accepts but is wrong or undefined.
 * https://network-policy-api.sigs.k8s.io/reference/spec/
 */
export function checkClusterPolicy(kind: ClusterPolicyKind, object: SourceObject): Report[] {
  const policy = object.value;
  const spec = valueAt(policy, ['spec']);
  const specPart: MapPart = { path: ['spec'], value: isRecord(spec) ? spec : {} };
  const rules = DIRECTIONS.flatMap((direction) =>
    mapsUnder(specPart, direction.rules).map((rule) => ({ rule, peersKey: direction.peers })),
  );
  return [
    ...checkMetadataMaps(policy),
    ...checkBaselineName(kind, policy),
    ...checkSelectors(policy, selectorsOf(specPart, rules)),
    ...rules.flatMap((part) => checkRule(kind, policy, part)),
    ...checkNoRules(specPart),
    ...checkShadowedRules(kind, policy),
    ...checkV1alpha1(kind, object),
  ];
}

// The BaselineAdminNetworkPolicy CRD: `self.metadata.name == 'default'`.
function checkBaselineName(kind: ClusterPolicyKind, policy: unknown): Report[] {
  const name = valueAt(policy, ['metadata', 'name']);
  if (kind !== 'BaselineAdminNetworkPolicy' || name === 'default') {
    return [];
  }
  return [
    {
      code: 'baseline-admin-name',
      message: `A BaselineAdminNetworkPolicy must be named default (a cluster has only one); this one is named ${JSON.stringify(name ?? '')}.`,
      target: name === undefined ? atKey(['kind']) : atValue(['metadata', 'name']),
    },
  ];
}

interface RulePart {
  readonly rule: MapPart;
  readonly peersKey: 'from' | 'to';
}

function selectorsOf(spec: MapPart, rules: readonly RulePart[]): MapPart[] {
  const under = (part: MapPart, key: string): MapPart[] => {
    const value = part.value[key];
    return isRecord(value) ? [{ path: [...part.path, key], value }] : [];
  };
  const namespacedPods = (part: MapPart): MapPart[] =>
    under(part, 'pods').flatMap((pods) => [
      ...under(pods, 'namespaceSelector'),
      ...under(pods, 'podSelector'),
    ]);
  const subjects = under(spec, 'subject');
  const peers = rules.flatMap(({ rule, peersKey }) => mapsUnder(rule, peersKey));
  return [
    ...subjects.flatMap((subject) => [...under(subject, 'namespaces'), ...namespacedPods(subject)]),
    ...peers.flatMap((peer) => [
      ...under(peer, 'namespaces'),
      ...under(peer, 'nodes'),
      ...namespacedPods(peer),
    ]),
  ];
}

// The CRDs leave `operator` a free string; implementations reject the selector.
function checkSelectors(policy: unknown, selectors: readonly MapPart[]): Report[] {
  return selectors.flatMap((selector) => [
    ...checkLabelMap(policy, [...selector.path, 'matchLabels']),
    ...mapsUnder(selector, 'matchExpressions').flatMap((expression) => {
      const operator = expression.value['operator'];
      if (typeof operator === 'string' && !OPERATORS.has(operator)) {
        return [
          ...checkExpressionLabels(policy, expression.path),
          {
            code: 'invalid-selector-operator' as const,
            message: `${displayPath([...expression.path, 'operator'])} "${operator}" is not In, NotIn, Exists or DoesNotExist; the CRD accepts it, but implementations reject the selector.`,
            target: atValue([...expression.path, 'operator']),
          },
        ];
      }
      return [
        ...checkExpressionLabels(policy, expression.path),
        ...checkOperatorValues(expression),
      ];
    }),
  ]);
}

function checkRule(
  kind: ClusterPolicyKind,
  policy: unknown,
  { rule, peersKey }: RulePart,
): Report[] {
  const peers = mapsUnder(rule, peersKey);
  const portsKey = kind === 'ClusterNetworkPolicy' ? 'protocols' : 'ports';
  const ports = mapsUnder(rule, portsKey);
  return [
    ...checkPassInBaseline(kind, policy, rule),
    ...peers.flatMap((peer) => checkNetworks(policy, peer)),
    ...checkDomainNames(rule, peers),
    ...checkNamedPortWithNetworks(kind, rule, peers, ports, portsKey),
    ...ports.flatMap((port) => checkPortRanges(port)),
  ];
}

function checkPassInBaseline(kind: ClusterPolicyKind, policy: unknown, rule: MapPart): Report[] {
  const baseline =
    kind === 'ClusterNetworkPolicy' && valueAt(policy, ['spec', 'tier']) === 'Baseline';
  if (!baseline || rule.value['action'] !== 'Pass') {
    return [];
  }
  return [
    {
      code: 'pass-in-baseline',
      message:
        'Pass in the Baseline tier skips the remaining Baseline rules and lands on the default, which allows; write Accept to say so.',
      target: atValue([...rule.path, 'action']),
    },
  ];
}

// CEL `isCIDR(self)` on every networks entry.
function checkNetworks(policy: unknown, peer: MapPart): Report[] {
  return listAt(peer.value, ['networks']).flatMap(
    (_, index) => checkCidrText(policy, [...peer.path, 'networks', index]).reports,
  );
}

function checkDomainNames(rule: MapPart, peers: readonly MapPart[]): Report[] {
  const action = rule.value['action'];
  if (action === 'Accept' || action === 'Allow' || typeof action !== 'string') {
    return [];
  }
  return peers
    .filter((peer) => peer.value['domainNames'] !== undefined)
    .map((peer) => ({
      code: 'domain-names-not-accept' as const,
      message: `domainNames peers are for Accept rules only; in a ${action} rule implementations differ (Cilium rejects the policy).`,
      target: atKey([...peer.path, 'domainNames']),
    }));
}

// The experimental CRDs reject a named port beside a networks, nodes or domainNames peer; the
// standard ClusterNetworkPolicy CRD accepts it with networks, and the port then matches nothing.
function checkNamedPortWithNetworks(
  kind: ClusterPolicyKind,
  rule: MapPart,
  peers: readonly MapPart[],
  ports: readonly MapPart[],
  portsKey: string,
): Report[] {
  const namedKey = kind === 'ClusterNetworkPolicy' ? 'destinationNamedPort' : 'namedPort';
  const named = ports.filter((port) => port.value[namedKey] !== undefined);
  const networkPeers = peers.flatMap((peer) =>
    NETWORK_PEERS.filter((key) => peer.value[key] !== undefined).map((key) => ({ peer, key })),
  );
  if (named.length === 0 || networkPeers.length === 0) {
    return [];
  }
  const rejected = networkPeers.find(
    ({ key }) => kind !== 'ClusterNetworkPolicy' || key !== 'networks',
  );
  const standardOnly = rejected === undefined;
  return named.map((port) => ({
    code: 'named-port-on-network-peer' as const,
    severity: standardOnly ? ('warning' as const) : ('error' as const),
    message: standardOnly
      ? `${displayPath([...port.path, namedKey])} names a container port, but networks peers have none: toward them the rule matches nothing (the experimental CRD rejects the rule).`
      : `${displayPath([...rule.path, portsKey])} names a container port beside a ${(rejected ?? networkPeers[0]!).key} peer, which has no named ports; the API server rejects the rule.`,
    target: atValue([...port.path, namedKey]),
  }));
}

// CEL `self.start < self.end` on every port range ("Start port must be less than End port").
function checkPortRanges(port: MapPart): Report[] {
  const ranges: Path[] = [
    ['portRange'],
    ...['tcp', 'udp', 'sctp'].map((key): Path => [key, 'destinationPort', 'range']),
  ];
  return ranges.flatMap((relative) => {
    const range = valueAt(port.value, relative);
    if (!isRecord(range)) {
      return [];
    }
    const { start, end } = range;
    if (typeof start !== 'number' || typeof end !== 'number' || start < end) {
      return [];
    }
    return [
      {
        code: 'port-range-order' as const,
        message: `The port range ${start}-${end} must have start less than end; for one port, write it as a number.`,
        target: atValue([...port.path, ...relative, 'start']),
      },
    ];
  });
}

function checkNoRules(spec: MapPart): Report[] {
  const count = (key: string) =>
    Array.isArray(spec.value[key]) ? (spec.value[key] as unknown[]).length : 0;
  if (!isRecord(spec.value['subject']) || count('ingress') + count('egress') > 0) {
    return [];
  }
  return [
    {
      code: 'cluster-policy-no-rules',
      message: 'The policy has no ingress or egress rules, so it decides nothing.',
      target: atKey(['spec', 'subject']),
    },
  ];
}
