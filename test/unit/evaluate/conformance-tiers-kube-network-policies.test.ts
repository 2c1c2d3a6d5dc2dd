import {
  TEAMS_WORLD,
  decidedAtDestination as atDestination,
  decidedAtSource as atSource,
  runConformanceCases,
} from './conformance-fixture';
import type { Scenario, TieredPolicy } from './conformance-fixture';

// The table tests of kubernetes-sigs/kube-network-policies, re-expressed over their world (pods a,
// b and c in ns-foo, ns-bar and ns-baz): plugins/npa-v1alpha2/clusternetworkpolicy_test.go
// (Test_ClusterNetworkPolicy_Evaluation, Test_evaluateClusterNetworkPolicyPort) and
// pkg/networkpolicy/adminnetworkpolicy_test.go (Test_adminNetworkPolicyAction,
// Test_evaluateAdminNetworkPolicyPort, TestController_getAdminNetworkPoliciesForPod). Their port
// and subject tables call one function; here each becomes a policy and a connection through it.
// The second flow of a port case, its complement, is ours. Left out: cases that depend on a pod
// whose namespace the test never creates, node peers and domain names.

const A_TO_B = 'ns-foo/a -> ns-bar/b';
const EVERY_NAMESPACE = { namespaces: {} };
const TEAM = (team: string) => ({ namespaces: { matchLabels: { team } } });

const denyAll = (name: string, priority: number, direction: 'ingress' | 'egress') => ({
  name,
  tier: 'Admin' as const,
  priority,
  subject: EVERY_NAMESPACE,
  [direction]: [{ name: 'everyone', action: 'Deny', peer: EVERY_NAMESPACE }],
});

const ADMIN_DENY_ALL_EGRESS: TieredPolicy = denyAll('admin-deny-all-egress', 100, 'egress');
const ADMIN_ACCEPT_TO_BAR: TieredPolicy = {
  name: 'admin-allow-egress-to-ns-bar',
  tier: 'Admin',
  priority: 50,
  subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ns-foo' } } },
  egress: [{ name: 'to-bar', action: 'Allow', peer: TEAM('bar') }],
};
const BASELINE_DENY_ALL_INGRESS: TieredPolicy = {
  ...denyAll('baseline-deny-all-ingress', 100, 'ingress'),
  tier: 'Baseline',
};
const BASELINE_ACCEPT_FROM_FOO: TieredPolicy = {
  name: 'baseline-allow-ingress-from-ns-foo',
  tier: 'Baseline',
  priority: 50,
  subject: TEAM('bar'),
  ingress: [{ name: 'from-foo', action: 'Allow', peer: TEAM('foo') }],
};

const EVALUATION: Scenario[] = [
  {
    name: 'an Admin Accept at priority 50 decides before a deny-all egress at 100',
    policies: [ADMIN_DENY_ALL_EGRESS, ADMIN_ACCEPT_TO_BAR],
    flows: [atSource(`${A_TO_B} 80/TCP`, 'Admin allow by admin-allow-egress-to-ns-bar#0')],
  },
  {
    name: 'a deny-all egress alone denies',
    policies: [ADMIN_DENY_ALL_EGRESS],
    flows: [atSource('ns-foo/a -> ns-baz/c 80/TCP', 'Admin deny by admin-deny-all-egress#0')],
  },
  {
    // Two Baseline policies: a BaselineAdminNetworkPolicy is a singleton, so v1alpha2 only.
    name: 'Baseline: an Accept at 50 admits ns-foo before a deny-all ingress at 100 denies the rest',
    policies: [BASELINE_DENY_ALL_INGRESS, BASELINE_ACCEPT_FROM_FOO],
    generations: ['v1alpha2'],
    flows: [
      atDestination(`${A_TO_B} 80/TCP`, 'Baseline allow by baseline-allow-ingress-from-ns-foo#0'),
      atDestination('ns-baz/c -> ns-bar/b 80/TCP', 'Baseline deny by baseline-deny-all-ingress#0'),
    ],
  },
  {
    name: 'no policies: allowed',
    policies: [],
    flows: [
      {
        flow: `${A_TO_B} 80/TCP`,
        expect: 'allow',
        egress: 'default allow',
        ingress: 'default allow',
      },
    ],
  },
];

const DENY_INGRESS: TieredPolicy = denyAll('default-deny-ingress', 110, 'ingress');
const DENY_EGRESS: TieredPolicy = denyAll('default-deny-egress', 110, 'egress');
const acceptEgress = (name: string, priority: number, peer: unknown): TieredPolicy => ({
  name,
  tier: 'Admin',
  priority,
  subject: EVERY_NAMESPACE,
  egress: [{ name: 'range', action: 'Allow', peer, ports: ['80-120/TCP'] }],
});

const ACTION: Scenario[] = [
  {
    name: 'a deny-all ingress denies',
    policies: [DENY_INGRESS],
    flows: [atDestination(`${A_TO_B} 80/TCP`, 'Admin deny by default-deny-ingress#0')],
  },
  {
    name: 'a deny-all egress denies',
    policies: [DENY_EGRESS],
    flows: [atSource('ns-bar/b -> ns-foo/a 80/TCP', 'Admin deny by default-deny-egress#0')],
  },
  {
    name: 'an accept-all ingress at 100 overrides a deny-all at 110',
    policies: [
      DENY_INGRESS,
      {
        name: 'default-allow-ingress',
        tier: 'Admin',
        priority: 100,
        subject: EVERY_NAMESPACE,
        ingress: [{ name: 'everyone', action: 'Allow', peer: EVERY_NAMESPACE }],
      },
    ],
    flows: [atDestination(`${A_TO_B} 80/TCP`, 'Admin allow by default-allow-ingress#0')],
  },
  {
    name: 'a TCP range accepted before a deny-all egress: inside it allowed, outside denied',
    policies: [DENY_EGRESS, acceptEgress('multiport-egress', 10, EVERY_NAMESPACE)],
    flows: [
      atSource(`${A_TO_B} 80/TCP`, 'Admin allow by multiport-egress#0'),
      atSource(`${A_TO_B} 30080/TCP`, 'Admin deny by default-deny-egress#0'),
    ],
  },
  {
    name: 'the same range to a network holding the pod addresses',
    policies: [DENY_EGRESS, acceptEgress('multiport-egress', 10, { networks: ['192.168.0.0/16'] })],
    flows: [atSource(`${A_TO_B} 80/TCP`, 'Admin allow by multiport-egress#0')],
  },
  {
    name: 'the same range to pods by label in every namespace, at priority 100',
    policies: [
      DENY_EGRESS,
      acceptEgress('multiport-egress', 100, {
        pods: { namespaceSelector: {}, podSelector: { matchLabels: { a: 'b' } } },
      }),
    ],
    flows: [atSource(`${A_TO_B} 80/TCP`, 'Admin allow by multiport-egress#0')],
  },
  {
    name: 'the same range to pods of namespaces by label, and to both labels',
    policies: [
      DENY_EGRESS,
      acceptEgress('multiport-egress-ns', 10, {
        pods: { namespaceSelector: { matchLabels: { a: 'b' } }, podSelector: {} },
      }),
    ],
    flows: [atSource(`${A_TO_B} 80/TCP`, 'Admin allow by multiport-egress-ns#0')],
  },
  {
    // kube-network-policies matches a nodes peer against the labels of the node the destination
    // pod runs on (evaluateAdminEgress in pkg/networkpolicy/adminnetworkpolicy.go), so its table
    // admits this flow. The reference reads a nodes peer as the addresses of the selected nodes:
    // a pod's address is none of them, so the deny-all decides. We keep the reference's reading.
    name: 'a nodes peer does not match a pod on a node: the deny-all decides',
    policies: [DENY_EGRESS, acceptEgress('multiport-egress', 10, { nodes: {} })],
    flows: [atSource(`${A_TO_B} 80/TCP`, 'Admin deny by default-deny-egress#0')],
  },
  {
    name: 'a pods peer never matches a source outside the cluster',
    policies: [
      {
        name: 'default-allow-ingress-pods',
        tier: 'Admin',
        priority: 110,
        subject: EVERY_NAMESPACE,
        ingress: [
          {
            name: 'pods',
            action: 'Allow',
            peer: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { a: 'b' } } } },
          },
        ],
      },
    ],
    flows: [atDestination('10.0.0.1 -> ns-bar/b 80/TCP', 'default allow')],
  },
  {
    name: 'an ingress range from pods by namespace and pod labels: outside the range denied',
    policies: [
      DENY_INGRESS,
      {
        name: 'multiport-ingress-pod-ns',
        tier: 'Admin',
        priority: 10,
        subject: EVERY_NAMESPACE,
        ingress: [
          {
            name: 'range',
            action: 'Allow',
            peer: {
              pods: {
                namespaceSelector: { matchLabels: { a: 'b' } },
                podSelector: { matchLabels: { a: 'b' } },
              },
            },
            ports: ['80-120/TCP'],
          },
        ],
      },
    ],
    flows: [
      atDestination(`${A_TO_B} 80/TCP`, 'Admin allow by multiport-ingress-pod-ns#0'),
      atDestination(`${A_TO_B} 9080/TCP`, 'Admin deny by default-deny-ingress#0'),
    ],
  },
];

/** A policy that denies the given ports into every pod, so a matched port is a denied flow. */
const denyPorts = (ports?: string[]): TieredPolicy => ({
  name: 'ports',
  tier: 'Admin',
  priority: 1,
  subject: EVERY_NAMESPACE,
  ingress: [{ name: 'listed', action: 'Deny', peer: EVERY_NAMESPACE, ...(ports && { ports }) }],
});

const PORTS: Scenario[] = [
  {
    name: 'ports absent: every port of every protocol',
    policies: [denyPorts()],
    flows: [
      atDestination(`${A_TO_B} 80/TCP`, 'Admin deny by ports#0'),
      atDestination(`${A_TO_B} 5353/UDP`, 'Admin deny by ports#0'),
    ],
  },
  {
    name: 'a port number matches that port of that protocol only',
    policies: [denyPorts(['80/TCP'])],
    flows: [
      atDestination(`${A_TO_B} 80/TCP`, 'Admin deny by ports#0'),
      atDestination(`${A_TO_B} 80/UDP`, 'default allow'),
      atDestination(`${A_TO_B} 443/TCP`, 'default allow'),
    ],
  },
  {
    name: "a named port matches the destination's container port of that name",
    policies: [denyPorts(['http'])],
    flows: [
      atDestination(`${A_TO_B} 80/TCP`, 'Admin deny by ports#0'),
      // The evaluator of pkg/networkpolicy/adminnetworkpolicy.go matches a named port by its name
      // alone, so it would deny this one too. The conformance suite's named-port test (a rule
      // rewritten to `web` no longer admits 8080) and the reference resolve the name to the
      // container port's number and protocol, as here.
      atDestination(`${A_TO_B} 8080/TCP`, 'default allow'),
    ],
  },
  {
    name: 'a range matches its ports of its protocol',
    policies: [denyPorts(['80-120/TCP'])],
    flows: [
      atDestination(`${A_TO_B} 80/TCP`, 'Admin deny by ports#0'),
      atDestination(`${A_TO_B} 85/TCP`, 'Admin deny by ports#0'),
      atDestination(`${A_TO_B} 180/TCP`, 'default allow'),
      atDestination(`${A_TO_B} 90/UDP`, 'default allow'),
    ],
  },
];

/** A subject that selects pod a or not: a deny-all ingress through it says which. */
const subjectCase = (name: string, subject: unknown, selects: boolean): Scenario => ({
  name: `subject: ${name}`,
  policies: [
    {
      name: 'anp',
      tier: 'Admin',
      priority: 1,
      subject,
      ingress: [{ name: 'everyone', action: 'Deny', peer: EVERY_NAMESPACE }],
    },
  ],
  flows: [
    atDestination('ns-bar/b -> ns-foo/a 80/TCP', selects ? 'Admin deny by anp#0' : 'default allow'),
  ],
});

const A_B = { matchLabels: { a: 'b' } };
// Upstream's value has spaces, which no label value may have (the API server would refuse it).
const NO_MATCH = { matchLabels: { c: 'do-not-match' } };
const SUBJECTS: Scenario[] = [
  subjectCase('an empty namespace selector selects every pod', { namespaces: {} }, true),
  subjectCase('namespaces by a label they carry', { namespaces: A_B }, true),
  subjectCase('namespaces by a label they lack', { namespaces: NO_MATCH }, false),
  subjectCase(
    'pods with both selectors empty',
    { pods: { namespaceSelector: {}, podSelector: {} } },
    true,
  ),
  subjectCase('pods by label', { pods: { namespaceSelector: {}, podSelector: A_B } }, true),
  subjectCase(
    'pods by the namespace name label',
    {
      pods: {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ns-foo' } },
        podSelector: {},
      },
    },
    true,
  ),
  subjectCase(
    'pods by namespace and pod labels',
    { pods: { namespaceSelector: A_B, podSelector: A_B } },
    true,
  ),
  subjectCase(
    'pods whose labels match in a namespace that does not',
    { pods: { namespaceSelector: NO_MATCH, podSelector: A_B } },
    false,
  ),
];

runConformanceCases([...EVALUATION, ...ACTION, ...PORTS, ...SUBJECTS], TEAMS_WORLD);
