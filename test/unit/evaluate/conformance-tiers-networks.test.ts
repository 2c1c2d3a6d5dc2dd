import {
  HOUSES_WORLD,
  decidedAtSource as atSource,
  houseByName,
  housePods,
  poke,
  runConformanceCases,
} from './conformance-fixture';
import type { Rule, Scenario, TieredPolicy } from './conformance-fixture';
import type { TierExpectation } from './tiers-fixture';

// The conformance suite of kubernetes-sigs/network-policy-api, re-expressed as tables: the inline
// CIDR (`networks` peer) tests, and the host-network (forbidden-forrest) tests as far as a
// workspace without Node objects can say them. Sources, under conformance/ in that repository:
//   tests/admin-network-policy-standard-egress-inline-cidr-rules.go (CNPAdminTierEgressInlineCIDRPeers)
//     with base/admin_tier/standard-egress-inline-cidr-rules.yaml
//   tests/baseline-admin-network-policy-standard-egress-inline-cidr-rules.go
//     (BaselineAdminNetworkPolicyEgressInlineCIDRPeers) with base/baseline_tier/standard-egress-inline-cidr-rules.yaml
//   tests/admin-network-policy-extended-egress-rules.go and -experimental-egress-rules.go, the versions
//     with AdminNetworkPolicyEgressInlineCIDRPeers and AdminNetworkPolicyEgressNodePeers, CNPAdminTierEgressNodePeers
//     (base/admin_network_policy/extended-egress-selector-rules.yaml at d48faeeb,
//     base/admin_tier/experimental-egress-selector-rules.yaml: node-and-cidr-as-peers-example)
//   tests/baseline-admin-network-policy-extended-egress-rules.go (BaselineAdminNetworkPolicyEgressNodePeers,
//     BaselineAdminNetworkPolicyEgressInlineCIDRPeers) and the CNPBaselineTierEgressNodePeers version of
//     -experimental-egress-rules.go (base/baseline_admin_network_policy/extended-egress-selector-rules.yaml
//     at 7ad308c8, base/baseline_tier/experimental-egress-selector-rules.yaml)
//   base/manifests.yaml at d48faeeb (the forbidden-forrest namespace: centaur-0 and -1, hostNetwork)
// Upstream inserts the rule `allow-egress-to-specific-podIPs` (luna-lovegood-0's and
// cedric-diggory-0's addresses as /32) in front of the others in its second subtest; each state is
// its own case, and every scenario runs as v1alpha1 and as v1alpha2. The node-peer files differ
// between versions in the ports of their node rules (36363/TCP, 5353 or 34345/UDP, or the
// suite's HostNetworkPorts); none of those rules can match here, so one version stands for all.
//
// Not expressed, because a `nodes` peer selects Node objects and a workspace has none (the
// engine's `nodes` peer matches nothing, see evaluate/match-cluster-rule.ts):
//   - "Should support an 'allow-egress' rule policy for egress-node-peer" (ANP, CNP Admin, BANP
//     and CNP Baseline): gryffindor to centaur-1 at TCP 36363 (and 36364 for the baseline)
//     allowed by the Accept on nodes. Ours: no node rule matches, and in the node-and-CIDR
//     versions the Deny's 0.0.0.0/0 then matches the node's address, so we would deny.
//   - "Should support a 'pass-egress' rule policy for egress-node-peer" (ANP, CNP Admin): the Pass
//     on nodes at UDP 5353 or 34345 then default allow. Ours: the same Deny.
//   - the 'deny-egress' node subtests of the versions whose Deny names nodes and no networks
//     (extended-egress-selector-rules.yaml at 0668b2f7 and 59cdd7e0): only the nodes peer denies
//     centaur-1 there; ours would allow.
// The 'deny-egress' node subtests of the node-and-CIDR versions are expressed: the denying rule
// holds both the nodes peer and 0.0.0.0/0, and the latter matches centaur-1's (node) address.

const FOREST = 'network-policy-conformance-forbidden-forrest';

/** The houses world with the forbidden forest: two host-network centaurs on two nodes. */
const FOREST_WORLD = [
  HOUSES_WORLD,
  `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${FOREST}, labels: { conformance-house: forbidden-forrest } }\n`,
  ...[0, 1].map(
    (replica) => `apiVersion: v1
kind: Pod
metadata:
  name: centaur-${replica}
  namespace: ${FOREST}
  labels: { conformance-house: forbidden-forrest, statefulset.kubernetes.io/pod-name: centaur-${replica} }
spec:
  hostNetwork: true
  containers:
    - name: server
      ports:
        - { name: web-36363, containerPort: 36363 }
        - { name: web-36364, containerPort: 36364 }
        - { containerPort: 5353, protocol: UDP }
        - { name: dns, containerPort: 53, protocol: UDP }
        - { containerPort: 9003, protocol: SCTP }
        - { containerPort: 9005, protocol: SCTP }
status: { podIP: 10.128.0.${20 + replica} }
`,
  ),
].join('---\n');

const CENTAUR_1 = `${FOREST}/centaur-1`;
const AT_80_53_9003 = ['80/TCP', '53/UDP', '9003/SCTP'];

/** harry-potter-1 to one pod at TCP 80, UDP 53 and SCTP 9003, each decided by the same side. */
const threePorts = (to: string, side: string): TierExpectation[] =>
  AT_80_53_9003.map((port) => atSource(poke('harry-potter-1', to, port), side));

const EVERY_ADDRESS = { networks: ['0.0.0.0/0', '::/0'] };
const INTERNET: Rule = { name: 'deny-egress-to-internet', action: 'Deny', peer: EVERY_ADDRESS };
const ALLOW_SLYTHERIN: Rule = {
  name: 'allow-egress-to-slytherin',
  action: 'Allow',
  peer: housePods('slytherin'),
};
/** The rule upstream inserts at index 0: luna-lovegood-0 (10.1.4.10) and cedric-diggory-0 (10.1.3.10). */
const SPECIFIC_POD_IPS: Rule = {
  name: 'allow-egress-to-specific-podIPs',
  action: 'Allow',
  peer: { networks: ['10.1.4.10/32', '10.1.3.10/32'] },
};

const standardCidr = (tier: 'Admin' | 'Baseline', inserted: boolean): TieredPolicy => ({
  name: tier === 'Admin' ? 'inline-cidr-as-peers-example' : 'default',
  tier,
  priority: tier === 'Admin' ? 85 : 10,
  subject: tier === 'Admin' ? housePods('gryffindor') : houseByName('gryffindor'),
  egress: [...(inserted ? [SPECIFIC_POD_IPS] : []), ALLOW_SLYTHERIN, INTERNET],
});

const standardScenarios = (tier: 'Admin' | 'Baseline'): Scenario[] => {
  const name = tier === 'Admin' ? 'inline-cidr-as-peers-example' : 'default';
  const by = (verdict: string, index: number) => `${tier} ${verdict} by ${name}#${index}`;
  const test =
    tier === 'Admin'
      ? 'CNPAdminTierEgressInlineCIDRPeers'
      : 'BaselineAdminNetworkPolicyEgressInlineCIDRPeers';
  return [
    {
      name: `${test} as applied: 0.0.0.0/0 denies ravenclaw and hufflepuff; the rule before it admits slytherin`,
      policies: [standardCidr(tier, false)],
      flows: [
        ...threePorts('luna-lovegood-0', by('deny', 1)),
        ...threePorts('cedric-diggory-0', by('deny', 1)),
        ...threePorts('draco-malfoy-0', by('allow', 0)),
      ],
    },
    {
      name: `${test}, after inserting the /32 rule first: those two pods admitted, their other replicas still denied`,
      policies: [standardCidr(tier, true)],
      flows: [
        ...threePorts('luna-lovegood-0', by('allow', 0)),
        ...threePorts('cedric-diggory-0', by('allow', 0)),
        ...threePorts('luna-lovegood-1', by('deny', 2)),
        ...threePorts('cedric-diggory-1', by('deny', 2)),
      ],
    },
  ];
};

const LINUX_NODES = { nodes: { matchLabels: { 'kubernetes.io/os': 'linux' } } };

/** node-and-cidr-as-peers-example: Accept and Pass on nodes, then one Deny of slytherin, nodes and 0.0.0.0/0. */
const adminNodeAndCidr = (inserted: boolean): TieredPolicy => ({
  name: 'node-and-cidr-as-peers-example',
  tier: 'Admin',
  priority: 75,
  subject: housePods('gryffindor'),
  egress: [
    ...(inserted ? [SPECIFIC_POD_IPS] : []),
    {
      name: 'allow-egress-to-36363-on-nodes',
      action: 'Allow',
      peer: LINUX_NODES,
      ports: ['36363/TCP'],
    },
    {
      name: 'pass-egress-to-5353-on-nodes',
      action: 'Pass',
      peer: LINUX_NODES,
      ports: ['5353/UDP'],
    },
    {
      name: 'deny-egress-to-slytherin-and-nodes-and-internet',
      action: 'Deny',
      peers: [housePods('slytherin'), LINUX_NODES, EVERY_ADDRESS],
    },
  ],
});

/** The baseline's: an Accept on nodes at TCP 36363-36364, then a Deny of nodes and 0.0.0.0/0. */
const baselineNodeAndCidr = (inserted: boolean): TieredPolicy => ({
  name: 'default',
  tier: 'Baseline',
  priority: 10,
  subject: houseByName('gryffindor'),
  egress: [
    ...(inserted ? [SPECIFIC_POD_IPS] : []),
    {
      name: 'allow-egress-to-36363-on-nodes',
      action: 'Allow',
      peer: LINUX_NODES,
      ports: ['36363-36364/TCP'],
    },
    {
      name: 'deny-egress-to-nodes-and-internet',
      action: 'Deny',
      peers: [LINUX_NODES, EVERY_ADDRESS],
    },
  ],
});

const NODE_AND_CIDR: Scenario[] = [
  {
    name: 'AdminNetworkPolicyEgressInlineCIDRPeers (node-and-cidr) as applied: ravenclaw and hufflepuff denied by the Deny at index 2',
    policies: [adminNodeAndCidr(false)],
    flows: [
      ...threePorts('luna-lovegood-0', 'Admin deny by node-and-cidr-as-peers-example#2'),
      ...threePorts('cedric-diggory-0', 'Admin deny by node-and-cidr-as-peers-example#2'),
    ],
  },
  {
    name: 'AdminNetworkPolicyEgressInlineCIDRPeers (node-and-cidr), after inserting the /32 rule first: those two pods admitted',
    policies: [adminNodeAndCidr(true)],
    flows: [
      ...threePorts('luna-lovegood-0', 'Admin allow by node-and-cidr-as-peers-example#0'),
      ...threePorts('cedric-diggory-0', 'Admin allow by node-and-cidr-as-peers-example#0'),
    ],
  },
  {
    name: "AdminNetworkPolicyEgressNodePeers, CNPAdminTierEgressNodePeers 'deny-egress': the host-network centaur-1 denied by the Deny at index 2",
    policies: [adminNodeAndCidr(false)],
    flows: [
      atSource(
        poke('harry-potter-1', CENTAUR_1, '36364/TCP'),
        'Admin deny by node-and-cidr-as-peers-example#2',
      ),
      atSource(
        poke('harry-potter-1', CENTAUR_1, '34346/UDP'),
        'Admin deny by node-and-cidr-as-peers-example#2',
      ),
      atSource(
        poke('harry-potter-1', CENTAUR_1, '9003/SCTP'),
        'Admin deny by node-and-cidr-as-peers-example#2',
      ),
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyEgressInlineCIDRPeers (node-and-cidr) as applied: ravenclaw and hufflepuff denied by the Deny at index 1',
    policies: [baselineNodeAndCidr(false)],
    flows: [
      ...threePorts('luna-lovegood-0', 'Baseline deny by default#1'),
      ...threePorts('cedric-diggory-0', 'Baseline deny by default#1'),
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyEgressInlineCIDRPeers (node-and-cidr), after inserting the /32 rule first: those two pods admitted',
    policies: [baselineNodeAndCidr(true)],
    flows: [
      ...threePorts('luna-lovegood-0', 'Baseline allow by default#0'),
      ...threePorts('cedric-diggory-0', 'Baseline allow by default#0'),
    ],
  },
  {
    name: "BaselineAdminNetworkPolicyEgressNodePeers, CNPBaselineTierEgressNodePeers 'deny-egress': centaur-1 denied by the Deny at index 1",
    policies: [baselineNodeAndCidr(false)],
    flows: [
      atSource(poke('harry-potter-1', CENTAUR_1, '53/UDP'), 'Baseline deny by default#1'),
      atSource(poke('harry-potter-1', CENTAUR_1, '34346/UDP'), 'Baseline deny by default#1'),
      atSource(poke('harry-potter-1', CENTAUR_1, '9003/SCTP'), 'Baseline deny by default#1'),
    ],
  },
];

runConformanceCases(
  [...standardScenarios('Admin'), ...standardScenarios('Baseline'), ...NODE_AND_CIDR],
  FOREST_WORLD,
);
