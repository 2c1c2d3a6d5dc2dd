import fc from 'fast-check';
import type { PlacedObject } from '../../../server/src/engine/core/source';
import type { RawPod } from './reference-evaluator';

/** Small vocabularies, so that random selectors often match random labels. */
const KEYS = ['app', 'tier', 'env'];
const VALUES = ['a', 'b', 'c'];
export const NAMESPACES = ['n1', 'n2', 'n3'];
export const PORT_NAMES = ['http', 'dns', 'metrics'];
export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
export const PORTS = [53, 80, 443, 8080, 9000];
const POD_IPS = [
  '10.0.0.1',
  '10.0.0.2',
  '10.0.0.3',
  '10.0.0.17',
  '10.0.0.200',
  'fd00::1',
  'fd00::2',
  'fd00::1:5',
];
/** External addresses: never a pod's. */
export const EXTERNAL_IPS = [
  '10.0.1.9',
  '10.0.1.200',
  '192.0.2.7',
  '8.8.8.8',
  'fd00::1:9',
  '2001:db8::1',
];
const CIDRS = [
  '10.0.0.0/16',
  '10.0.0.0/24',
  '10.0.0.0/30',
  '10.0.1.0/24',
  '0.0.0.0/0',
  'fd00::/64',
  '::/0',
  '192.0.2.0/24',
  'fd00::1:0/112',
];
const EXCEPTS = ['10.0.0.0/28', '10.0.1.128/25', 'fd00::1:0/120', '10.0.0.2/32'];

const labels = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 3 });

const requirement = fc.oneof(
  fc.record({
    key: fc.constantFrom(...KEYS),
    operator: fc.constantFrom('In', 'NotIn'),
    values: fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({ key: fc.constantFrom(...KEYS), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
  // Rarely, one the API server rejects: both evaluators must agree that it matches nothing.
  fc.constant({ key: 'app', operator: 'In', values: [] as string[] }),
);

export const selector = fc.oneof(
  { weight: 2, arbitrary: fc.constant({}) },
  {
    weight: 3,
    arbitrary: fc.record({
      matchLabels: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), {
        maxKeys: 2,
      }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      matchExpressions: fc.array(requirement, { minLength: 1, maxLength: 2 }),
    }),
  },
);

const ipBlock = fc.record(
  {
    cidr: fc.constantFrom(...CIDRS),
    except: fc.array(fc.constantFrom(...EXCEPTS), { maxLength: 2 }),
  },
  { requiredKeys: ['cidr'] },
);

const peer = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ namespaceSelector: selector }),
  fc.record({ podSelector: selector, namespaceSelector: selector }),
  fc.record({
    namespaceSelector: fc.record({
      matchLabels: fc.record({ 'kubernetes.io/metadata.name': fc.constantFrom(...NAMESPACES) }),
    }),
  }),
  fc.record({ ipBlock }),
  fc.constant({}),
);

const policyPort = fc.oneof(
  fc.record(
    { protocol: fc.constantFrom(...PROTOCOLS), port: fc.constantFrom(...PORTS) },
    { requiredKeys: [] },
  ),
  fc.record(
    { protocol: fc.constantFrom(...PROTOCOLS), port: fc.constantFrom(...PORT_NAMES) },
    { requiredKeys: ['port'] },
  ),
  fc.record({ port: fc.constantFrom(53, 80, 8000), endPort: fc.constantFrom(60, 443, 9000) }),
);

const rule = (peersKey: 'from' | 'to') =>
  fc.record(
    { [peersKey]: fc.array(peer, { maxLength: 3 }), ports: fc.array(policyPort, { maxLength: 2 }) },
    { requiredKeys: [] },
  );

export const policySpec = fc.record(
  {
    podSelector: selector,
    policyTypes: fc.subarray(['Ingress', 'Egress']),
    ingress: fc.array(rule('from'), { maxLength: 3 }),
    egress: fc.array(rule('to'), { maxLength: 3 }),
  },
  { requiredKeys: ['podSelector'] },
);

export const policy = fc.record({ namespace: fc.constantFrom(...NAMESPACES), spec: policySpec });

const containerPort = fc.record({
  name: fc.constantFrom(...PORT_NAMES),
  containerPort: fc.constantFrom(...PORTS),
  protocol: fc.constantFrom(...PROTOCOLS),
});

export const pod = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  labels,
  ips: fc.constantFrom(...POD_IPS).map((ip) => [ip]),
  hostNetwork: fc.integer({ min: 0, max: 9 }).map((roll) => roll < 2),
  ports: fc.uniqueArray(containerPort, {
    maxLength: 3,
    selector: (entry) => `${entry.name}/${entry.protocol}`,
  }),
});

export const namespaceLabels = fc.record({ n1: labels, n2: labels, n3: labels });

export function placed(value: Record<string, unknown>, index: number): PlacedObject {
  return {
    apiVersion: String(value['apiVersion']),
    kind: String(value['kind']),
    value,
    path: [],
    locate: () => ({ start: 0, end: 0 }),
    uri: `file:///w${index}.yaml`,
    offset: 0,
  };
}

export function podObject(rawPod: RawPod): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: rawPod.name, namespace: rawPod.namespace, labels: rawPod.labels },
    spec: { hostNetwork: rawPod.hostNetwork, containers: [{ name: 'c', ports: rawPod.ports }] },
    status: { podIP: rawPod.ips[0] },
  };
}

const clusterSelectorPair = fc.record({ namespaceSelector: selector, podSelector: selector });

const clusterPeer = (direction: 'ingress' | 'egress') =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ namespaces: selector }) },
    { weight: 3, arbitrary: fc.record({ pods: clusterSelectorPair }) },
    {
      weight: direction === 'egress' ? 3 : 0,
      arbitrary: fc.record({
        networks: fc.uniqueArray(fc.constantFrom(...CIDRS), { minLength: 1, maxLength: 2 }),
      }),
    },
    // Rarely one that fails closed: no field, or a field from the future.
    { weight: 1, arbitrary: fc.constantFrom<Record<string, unknown>>({}, { future: {} }) },
  );

const destinationPort = fc.oneof(
  fc.record({ number: fc.constantFrom(...PORTS) }),
  fc.record({
    range: fc.constantFrom(
      { start: 53, end: 80 },
      { start: 80, end: 9000 },
      { start: 443, end: 444 },
    ),
  }),
);

const clusterProtocol = fc.oneof(
  { weight: 3, arbitrary: fc.record({ tcp: fc.record({ destinationPort }) }) },
  { weight: 2, arbitrary: fc.record({ udp: fc.record({ destinationPort }) }) },
  { weight: 1, arbitrary: fc.record({ sctp: fc.record({ destinationPort }) }) },
  { weight: 2, arbitrary: fc.record({ destinationNamedPort: fc.constantFrom(...PORT_NAMES) }) },
);

const clusterRule = (direction: 'ingress' | 'egress') =>
  fc.record(
    {
      name: fc.constantFrom('a', 'b'),
      action: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('Accept', 'Deny', 'Pass') },
        { weight: 1, arbitrary: fc.constant('Block') },
      ),
      [direction === 'ingress' ? 'from' : 'to']: fc.array(clusterPeer(direction), {
        minLength: 0,
        maxLength: 2,
      }),
      protocols: fc.array(clusterProtocol, { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ['action', direction === 'ingress' ? 'from' : 'to'] },
  );

const clusterSubject = fc.oneof(
  fc.record({ namespaces: selector }),
  fc.record({ pods: clusterSelectorPair }),
);

/** A ClusterNetworkPolicy spec; few priorities, so that ties (and their ambiguity) happen. */
export const clusterPolicySpec = fc.record(
  {
    tier: fc.constantFrom('Admin', 'Baseline'),
    priority: fc.constantFrom(1, 2, 3),
    subject: clusterSubject,
    ingress: fc.array(clusterRule('ingress'), { maxLength: 3 }),
    egress: fc.array(clusterRule('egress'), { maxLength: 3 }),
  },
  { requiredKeys: ['tier', 'priority', 'subject'] },
);
