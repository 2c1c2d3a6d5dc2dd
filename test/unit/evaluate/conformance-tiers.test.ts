import {
  HOUSES_WORLD,
  decidedAtDestination as atDestination,
  decidedAtSource as atSource,
  houseByName,
  houseRule as rule,
  poke,
  runConformanceCases,
} from './conformance-fixture';
import type { Rule, Scenario, TieredPolicy } from './conformance-fixture';

// The conformance suite of kubernetes-sigs/network-policy-api, re-expressed as tables over its
// houses world: the rule-order and port tests. Sources, under conformance/ in that repository:
//   tests/admin-network-policy-core-gress-rules.go, tests/admin-network-policy-standard-gress-rules.go
//     (base/admin_network_policy/core-gress-rules-combined.yaml, base/admin_tier/standard-gress-rules-combined.yaml)
//   tests/baseline-admin-network-policy-core-gress-rules.go
//     (base/baseline_admin_network_policy/core-gress-rules-combined.yaml)
//   tests/admin-network-policy-standard-egress-tcp-rules.go and the named-port subtests of
//     tests/admin-network-policy-extended-egress-rules.go (base/admin_tier/standard-egress-tcp-rules.yaml)
//   the named-port subtest of tests/admin-network-policy-extended-ingress-rules.go
//     (base/admin_network_policy/core-ingress-udp-rules.yaml, base/admin_tier/standard-ingress-udp-rules.yaml)
//   tests/admin-network-policy-standard-port-range-rules.go (base/admin_tier/standard-port-range-rules-combined.yaml)
//   base/manifests.yaml (the world)
// The tiers, priorities and subjects are in conformance-tiers-integration.test.ts.
// Upstream applies a policy once and then edits it in place, subtest after subtest, so the later
// subtests see every earlier edit; here each state the policy passes through is its own case.
// Every scenario runs as v1alpha1 AdminNetworkPolicy/BaselineAdminNetworkPolicy and as the
// equivalent v1alpha2 ClusterNetworkPolicy. The rules naming the hogwarts-staff professors in
// earlier versions of these files are in conformance-tiers-professors.test.ts.

const swap = <T>(items: readonly T[], first: number, second: number): T[] => {
  const copy = [...items];
  [copy[first], copy[second]] = [items[second]!, items[first]!];
  return copy;
};

const GRYFFINDOR = houseByName('gryffindor');
const AT_80_53_9003 = ['80/TCP', '53/UDP', '9003/SCTP'];

/** The combined rules; only the allowed ports into and out of hufflepuff differ by direction. */
const gressRules = (hufflepuffPorts: string[]): Rule[] => [
  rule('accept-ravenclaw', 'Allow', 'ravenclaw'),
  rule('deny-ravenclaw', 'Deny', 'ravenclaw'),
  rule('pass-ravenclaw', 'Pass', 'ravenclaw'),
  rule('deny-slytherin-ports', 'Deny', 'slytherin', AT_80_53_9003),
  rule('pass-slytherin-ports', 'Pass', 'slytherin', AT_80_53_9003),
  rule('accept-hufflepuff-ports', 'Allow', 'hufflepuff', hufflepuffPorts),
  rule('deny-hufflepuff', 'Deny', 'hufflepuff'),
];
const GRESS_EGRESS = gressRules(['8080/TCP', '5353/UDP', '9003/SCTP']);
const GRESS_INGRESS = gressRules(['80/TCP', '5353/UDP', '9003/SCTP']);

const gressPolicy = (reorder: (rules: readonly Rule[]) => Rule[]): TieredPolicy => ({
  name: 'gress-rules',
  tier: 'Admin',
  priority: 15,
  subject: GRYFFINDOR,
  egress: reorder(GRESS_EGRESS),
  ingress: reorder(GRESS_INGRESS),
});

const asApplied = (rules: readonly Rule[]) => [...rules];
const denyFirst = (rules: readonly Rule[]) => swap(rules, 0, 1);
const passFirst = (rules: readonly Rule[]) => swap(denyFirst(rules), 0, 2);
const passSlytherinFirst = (rules: readonly Rule[]) => swap(passFirst(rules), 3, 4);

const GRESS: Scenario[] = [
  {
    name: 'gress rules as applied: the Accept before the Deny admits ravenclaw both ways',
    policies: [gressPolicy(asApplied)],
    flows: [
      atSource(poke('harry-potter-0', 'luna-lovegood-0', '80/TCP'), 'Admin allow by gress-rules#0'),
      atSource(poke('harry-potter-1', 'luna-lovegood-0', '53/UDP'), 'Admin allow by gress-rules#0'),
      atSource(
        poke('harry-potter-0', 'luna-lovegood-0', '9003/SCTP'),
        'Admin allow by gress-rules#0',
      ),
      atDestination(
        poke('luna-lovegood-0', 'harry-potter-0', '80/TCP'),
        'Admin allow by gress-rules#0',
      ),
      atDestination(
        poke('luna-lovegood-1', 'harry-potter-0', '53/UDP'),
        'Admin allow by gress-rules#0',
      ),
      atDestination(
        poke('luna-lovegood-1', 'harry-potter-0', '9003/SCTP'),
        'Admin allow by gress-rules#0',
      ),
    ],
  },
  {
    name: 'gress rules as applied: hufflepuff at the listed ports only, the rest denied by the rule after',
    policies: [gressPolicy(asApplied)],
    flows: [
      atSource(
        poke('harry-potter-0', 'cedric-diggory-1', '8080/TCP'),
        'Admin allow by gress-rules#5',
      ),
      atSource(poke('harry-potter-1', 'cedric-diggory-1', '80/TCP'), 'Admin deny by gress-rules#6'),
      atSource(
        poke('harry-potter-0', 'cedric-diggory-1', '5353/UDP'),
        'Admin allow by gress-rules#5',
      ),
      atSource(poke('harry-potter-1', 'cedric-diggory-1', '53/UDP'), 'Admin deny by gress-rules#6'),
      atSource(
        poke('harry-potter-0', 'cedric-diggory-1', '9003/SCTP'),
        'Admin allow by gress-rules#5',
      ),
      atSource(
        poke('harry-potter-1', 'cedric-diggory-1', '9005/SCTP'),
        'Admin deny by gress-rules#6',
      ),
      atDestination(
        poke('cedric-diggory-0', 'harry-potter-1', '80/TCP'),
        'Admin allow by gress-rules#5',
      ),
      atDestination(
        poke('cedric-diggory-1', 'harry-potter-1', '8080/TCP'),
        'Admin deny by gress-rules#6',
      ),
      atDestination(
        poke('cedric-diggory-0', 'harry-potter-1', '5353/UDP'),
        'Admin allow by gress-rules#5',
      ),
      atDestination(
        poke('cedric-diggory-1', 'harry-potter-1', '53/UDP'),
        'Admin deny by gress-rules#6',
      ),
      atDestination(
        poke('cedric-diggory-0', 'harry-potter-1', '9003/SCTP'),
        'Admin allow by gress-rules#5',
      ),
      atDestination(
        poke('cedric-diggory-1', 'harry-potter-1', '9005/SCTP'),
        'Admin deny by gress-rules#6',
      ),
    ],
  },
  {
    name: 'gress rules, first edit (rules 0 and 1 swapped): the Deny now first denies ravenclaw',
    policies: [gressPolicy(denyFirst)],
    flows: [
      atSource(poke('harry-potter-0', 'luna-lovegood-1', '80/TCP'), 'Admin deny by gress-rules#0'),
      atSource(poke('harry-potter-1', 'luna-lovegood-1', '53/UDP'), 'Admin deny by gress-rules#0'),
      atSource(
        poke('harry-potter-0', 'luna-lovegood-1', '9003/SCTP'),
        'Admin deny by gress-rules#0',
      ),
      atDestination(
        poke('luna-lovegood-0', 'harry-potter-1', '80/TCP'),
        'Admin deny by gress-rules#0',
      ),
      atDestination(
        poke('luna-lovegood-1', 'harry-potter-1', '53/UDP'),
        'Admin deny by gress-rules#0',
      ),
      atDestination(
        poke('luna-lovegood-1', 'harry-potter-1', '9003/SCTP'),
        'Admin deny by gress-rules#0',
      ),
    ],
  },
  {
    name: 'gress rules, first edit: slytherin denied at the listed ports, other ports match no rule',
    policies: [gressPolicy(denyFirst)],
    flows: [
      atSource(poke('harry-potter-0', 'draco-malfoy-0', '80/TCP'), 'Admin deny by gress-rules#3'),
      atSource(poke('harry-potter-1', 'draco-malfoy-0', '8080/TCP'), 'default allow'),
      atSource(poke('harry-potter-0', 'draco-malfoy-0', '53/UDP'), 'Admin deny by gress-rules#3'),
      atSource(poke('harry-potter-1', 'draco-malfoy-0', '5353/UDP'), 'default allow'),
      atSource(
        poke('harry-potter-0', 'draco-malfoy-0', '9003/SCTP'),
        'Admin deny by gress-rules#3',
      ),
      atSource(poke('harry-potter-1', 'draco-malfoy-0', '9005/SCTP'), 'default allow'),
      atDestination(
        poke('draco-malfoy-0', 'harry-potter-0', '80/TCP'),
        'Admin deny by gress-rules#3',
      ),
      atDestination(poke('draco-malfoy-1', 'harry-potter-0', '8080/TCP'), 'default allow'),
      atDestination(
        poke('draco-malfoy-0', 'harry-potter-0', '53/UDP'),
        'Admin deny by gress-rules#3',
      ),
      atDestination(
        poke('draco-malfoy-0', 'harry-potter-0', '9003/SCTP'),
        'Admin deny by gress-rules#3',
      ),
    ],
  },
  {
    name: 'gress rules, second edit (then rules 0 and 2 swapped): the Pass first, and nothing below it',
    policies: [gressPolicy(passFirst)],
    flows: [
      atSource(
        poke('harry-potter-0', 'luna-lovegood-0', '80/TCP'),
        'default allow pass gress-rules#0',
      ),
      atSource(
        poke('harry-potter-0', 'luna-lovegood-0', '5353/UDP'),
        'default allow pass gress-rules#0',
      ),
      atSource(
        poke('harry-potter-0', 'luna-lovegood-0', '9003/SCTP'),
        'default allow pass gress-rules#0',
      ),
      atDestination(
        poke('luna-lovegood-0', 'harry-potter-0', '80/TCP'),
        'default allow pass gress-rules#0',
      ),
      atDestination(
        poke('luna-lovegood-1', 'harry-potter-0', '53/UDP'),
        'default allow pass gress-rules#0',
      ),
      atDestination(
        poke('luna-lovegood-1', 'harry-potter-0', '9003/SCTP'),
        'default allow pass gress-rules#0',
      ),
    ],
  },
  {
    name: 'gress rules, third edit (then rules 3 and 4 swapped): slytherin passed at the listed ports',
    policies: [gressPolicy(passSlytherinFirst)],
    flows: [
      atSource(
        poke('harry-potter-0', 'draco-malfoy-0', '80/TCP'),
        'default allow pass gress-rules#3',
      ),
      atSource(poke('harry-potter-1', 'draco-malfoy-0', '8080/TCP'), 'default allow'),
      atSource(
        poke('harry-potter-0', 'draco-malfoy-0', '53/UDP'),
        'default allow pass gress-rules#3',
      ),
      atSource(
        poke('harry-potter-0', 'draco-malfoy-0', '9003/SCTP'),
        'default allow pass gress-rules#3',
      ),
      atDestination(
        poke('draco-malfoy-0', 'harry-potter-0', '80/TCP'),
        'default allow pass gress-rules#3',
      ),
      atDestination(poke('draco-malfoy-1', 'harry-potter-0', '5353/UDP'), 'default allow'),
      atDestination(
        poke('draco-malfoy-0', 'harry-potter-0', '9003/SCTP'),
        'default allow pass gress-rules#3',
      ),
    ],
  },
];

/** The baseline's rules: the admin ones without the Pass rules. */
const baselineRules = (rules: readonly Rule[]): Rule[] =>
  rules.filter((entry) => entry.action !== 'Pass');
const baselineGress = (reorder: (rules: readonly Rule[]) => Rule[]): TieredPolicy => ({
  name: 'default',
  tier: 'Baseline',
  priority: 10,
  subject: GRYFFINDOR,
  egress: reorder(baselineRules(GRESS_EGRESS)),
  ingress: reorder(baselineRules(GRESS_INGRESS)),
});

const BASELINE_GRESS: Scenario[] = [
  {
    name: 'baseline gress rules as applied: ravenclaw accepted, hufflepuff at the listed ports',
    policies: [baselineGress(asApplied)],
    flows: [
      atSource(poke('harry-potter-0', 'luna-lovegood-0', '80/TCP'), 'Baseline allow by default#0'),
      atSource(poke('harry-potter-1', 'luna-lovegood-0', '53/UDP'), 'Baseline allow by default#0'),
      atDestination(
        poke('luna-lovegood-1', 'harry-potter-0', '9003/SCTP'),
        'Baseline allow by default#0',
      ),
      atSource(
        poke('harry-potter-0', 'cedric-diggory-1', '8080/TCP'),
        'Baseline allow by default#3',
      ),
      atSource(poke('harry-potter-1', 'cedric-diggory-1', '80/TCP'), 'Baseline deny by default#4'),
      atSource(
        poke('harry-potter-1', 'cedric-diggory-1', '9005/SCTP'),
        'Baseline deny by default#4',
      ),
      atDestination(
        poke('cedric-diggory-0', 'harry-potter-1', '80/TCP'),
        'Baseline allow by default#3',
      ),
      atDestination(
        poke('cedric-diggory-0', 'harry-potter-1', '5353/UDP'),
        'Baseline allow by default#3',
      ),
      atDestination(
        poke('cedric-diggory-1', 'harry-potter-1', '53/UDP'),
        'Baseline deny by default#4',
      ),
    ],
  },
  {
    name: 'baseline gress rules, after swapping rules 0 and 1: ravenclaw denied; slytherin at the listed ports',
    policies: [baselineGress(denyFirst)],
    flows: [
      atSource(poke('harry-potter-0', 'luna-lovegood-1', '80/TCP'), 'Baseline deny by default#0'),
      atSource(
        poke('harry-potter-0', 'luna-lovegood-1', '9003/SCTP'),
        'Baseline deny by default#0',
      ),
      atDestination(
        poke('luna-lovegood-1', 'harry-potter-1', '53/UDP'),
        'Baseline deny by default#0',
      ),
      atSource(poke('harry-potter-0', 'draco-malfoy-0', '80/TCP'), 'Baseline deny by default#2'),
      atSource(poke('harry-potter-1', 'draco-malfoy-0', '8080/TCP'), 'default allow'),
      atDestination(
        poke('draco-malfoy-0', 'harry-potter-0', '53/UDP'),
        'Baseline deny by default#2',
      ),
      atDestination(poke('draco-malfoy-1', 'harry-potter-0', '9005/SCTP'), 'default allow'),
    ],
  },
];

const egressTcp = (hufflepuffPorts: string[]): TieredPolicy => ({
  name: 'egress-tcp',
  tier: 'Admin',
  priority: 6,
  subject: GRYFFINDOR,
  egress: [
    rule('accept-ravenclaw', 'Allow', 'ravenclaw'),
    rule('deny-ravenclaw', 'Deny', 'ravenclaw'),
    rule('pass-ravenclaw', 'Pass', 'ravenclaw'),
    rule('deny-slytherin-80', 'Deny', 'slytherin', ['80/TCP']),
    rule('pass-slytherin-80', 'Pass', 'slytherin', ['80/TCP']),
    rule('accept-hufflepuff-listed', 'Allow', 'hufflepuff', hufflepuffPorts),
    rule('deny-hufflepuff', 'Deny', 'hufflepuff'),
  ],
});

const EGRESS_TCP: Scenario[] = [
  {
    name: 'egress TCP as applied: hufflepuff at 8080 only',
    policies: [egressTcp(['8080/TCP'])],
    flows: [
      atSource(poke('harry-potter-0', 'luna-lovegood-0', '80/TCP'), 'Admin allow by egress-tcp#0'),
      atSource(
        poke('harry-potter-0', 'cedric-diggory-1', '8080/TCP'),
        'Admin allow by egress-tcp#5',
      ),
      atSource(poke('harry-potter-1', 'cedric-diggory-1', '80/TCP'), 'Admin deny by egress-tcp#6'),
    ],
  },
  {
    name: "egress TCP, named port edit: hufflepuff's Accept rewritten to the port named web (TCP 80)",
    policies: [egressTcp(['web'])],
    flows: [
      atSource(poke('harry-potter-0', 'cedric-diggory-1', '80/TCP'), 'Admin allow by egress-tcp#5'),
      atSource(
        poke('harry-potter-1', 'cedric-diggory-1', '8080/TCP'),
        'Admin deny by egress-tcp#6',
      ),
    ],
  },
];

const ingressUdp = (gryffindorPorts: string[]): TieredPolicy => ({
  name: 'ingress-udp',
  tier: 'Admin',
  priority: 4,
  subject: houseByName('hufflepuff'),
  ingress: [
    rule('accept-ravenclaw', 'Allow', 'ravenclaw'),
    rule('deny-ravenclaw', 'Deny', 'ravenclaw'),
    rule('pass-ravenclaw', 'Pass', 'ravenclaw'),
    rule('deny-slytherin-5353', 'Deny', 'slytherin', ['5353/UDP']),
    rule('pass-slytherin-5353', 'Pass', 'slytherin', ['5353/UDP']),
    rule('accept-gryffindor-listed', 'Allow', 'gryffindor', gryffindorPorts),
    rule('deny-gryffindor', 'Deny', 'gryffindor'),
  ],
});

const INGRESS_UDP: Scenario[] = [
  {
    name: 'ingress UDP as applied: gryffindor into hufflepuff at 53 only',
    policies: [ingressUdp(['53/UDP'])],
    flows: [
      atDestination(
        poke('luna-lovegood-0', 'cedric-diggory-1', '53/UDP'),
        'Admin allow by ingress-udp#0',
      ),
      atDestination(
        poke('draco-malfoy-0', 'cedric-diggory-1', '5353/UDP'),
        'Admin deny by ingress-udp#3',
      ),
      atDestination(
        poke('harry-potter-0', 'cedric-diggory-1', '53/UDP'),
        'Admin allow by ingress-udp#5',
      ),
      atDestination(
        poke('harry-potter-1', 'cedric-diggory-1', '5353/UDP'),
        'Admin deny by ingress-udp#6',
      ),
    ],
  },
  {
    name: "ingress UDP, named port edit: gryffindor's Accept rewritten to the port named dns (UDP 53)",
    policies: [ingressUdp(['dns'])],
    flows: [
      atDestination(
        poke('harry-potter-0', 'cedric-diggory-1', '53/UDP'),
        'Admin allow by ingress-udp#5',
      ),
      atDestination(
        poke('harry-potter-1', 'cedric-diggory-1', '5353/UDP'),
        'Admin deny by ingress-udp#6',
      ),
      // Ours: the name stands for UDP 53, so TCP 53 is not it.
      atDestination(
        poke('harry-potter-1', 'cedric-diggory-1', '53/TCP'),
        'Admin deny by ingress-udp#6',
      ),
    ],
  },
];

const EXISTS_HOUSE = {
  namespaces: { matchExpressions: [{ key: 'conformance-house', operator: 'Exists' }] },
};
const rangeRules = (direction: string): Rule[] => [
  rule(`accept-${direction}-ravenclaw`, 'Allow', 'ravenclaw', ['80-8080/TCP']),
  rule(`accept-${direction}-hufflepuff`, 'Allow', 'hufflepuff', ['53-5353/UDP']),
  rule(`accept-${direction}-slytherin`, 'Allow', 'slytherin', ['9003-9005/SCTP']),
  { name: `deny-${direction}-all`, action: 'Deny', peer: EXISTS_HOUSE },
];

const PORT_RANGE: Scenario[] = [
  {
    name: 'port ranges of each protocol, both ends inclusive; other protocols fall to the Deny',
    policies: [
      {
        name: 'port-range-rules',
        tier: 'Admin',
        priority: 9,
        subject: GRYFFINDOR,
        egress: rangeRules('to'),
        ingress: rangeRules('from'),
      },
    ],
    flows: [
      atSource(
        poke('harry-potter-0', 'luna-lovegood-0', '80/TCP'),
        'Admin allow by port-range-rules#0',
      ),
      atSource(
        poke('harry-potter-0', 'luna-lovegood-0', '8080/TCP'),
        'Admin allow by port-range-rules#0',
      ),
      atSource(
        poke('harry-potter-1', 'luna-lovegood-0', '53/UDP'),
        'Admin deny by port-range-rules#3',
      ),
      atSource(
        poke('harry-potter-0', 'cedric-diggory-0', '53/UDP'),
        'Admin allow by port-range-rules#1',
      ),
      atSource(
        poke('harry-potter-0', 'cedric-diggory-0', '5353/UDP'),
        'Admin allow by port-range-rules#1',
      ),
      atSource(
        poke('harry-potter-1', 'cedric-diggory-0', '80/TCP'),
        'Admin deny by port-range-rules#3',
      ),
      atSource(
        poke('harry-potter-0', 'draco-malfoy-0', '9003/SCTP'),
        'Admin allow by port-range-rules#2',
      ),
      atSource(
        poke('harry-potter-0', 'draco-malfoy-0', '9005/SCTP'),
        'Admin allow by port-range-rules#2',
      ),
      atSource(
        poke('harry-potter-1', 'draco-malfoy-0', '80/TCP'),
        'Admin deny by port-range-rules#3',
      ),
      atDestination(
        poke('luna-lovegood-0', 'harry-potter-0', '8080/TCP'),
        'Admin allow by port-range-rules#0',
      ),
      atDestination(
        poke('luna-lovegood-1', 'harry-potter-0', '53/UDP'),
        'Admin deny by port-range-rules#3',
      ),
      atDestination(
        poke('cedric-diggory-0', 'harry-potter-0', '53/UDP'),
        'Admin allow by port-range-rules#1',
      ),
      atDestination(
        poke('cedric-diggory-1', 'harry-potter-0', '80/TCP'),
        'Admin deny by port-range-rules#3',
      ),
      atDestination(
        poke('draco-malfoy-0', 'harry-potter-0', '9005/SCTP'),
        'Admin allow by port-range-rules#2',
      ),
      atDestination(
        poke('draco-malfoy-1', 'harry-potter-0', '80/TCP'),
        'Admin deny by port-range-rules#3',
      ),
    ],
  },
];

runConformanceCases(
  [...GRESS, ...BASELINE_GRESS, ...EGRESS_TCP, ...INGRESS_UDP, ...PORT_RANGE],
  HOUSES_WORLD,
);
