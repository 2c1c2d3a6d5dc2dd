import {
  HOUSES_WORLD,
  decidedAtDestination as atDestination,
  decidedAtSource as atSource,
  houseByName,
  housePods,
  houseRule as rule,
  poke,
  runConformanceCases,
} from './conformance-fixture';
import type { House, Rule, Scenario, TieredPolicy } from './conformance-fixture';
import { policy } from './fixture';

// The conformance suite of kubernetes-sigs/network-policy-api, re-expressed as tables over its
// houses world: tiers, priorities and subjects. Sources, under conformance/ in that repository:
//   tests/admin-network-policy-core-priority.go (base/admin_network_policy/core-priority-field.yaml)
//   tests/admin-network-policy-core-integration.go, tests/admin-network-policy-standard-integration.go
//     (base/api_integration/core-anp-np-banp.yaml, base/api_integration/standard-anp-np-banp.yaml)
//   tests/admin-network-policy-standard-ingress-egress-isolation.go (base/admin_tier/standard-*-isolation.yaml)
//   tests/admin-network-policy-standard-same-priority.go (base/admin_tier/standard-same-priority.yaml)
//   tests/admin-network-policy-hairpin-rules.go (base/admin_tier/hairpin-rules.yaml)
//   base/manifests.yaml (the world)
// As in conformance-tiers.test.ts, each state an upstream edit leaves is its own case, and every
// scenario runs in both generations.

const GRYFFINDOR = houseByName('gryffindor');

const SLYTHERIN_PODS = housePods('slytherin');
const towardSlytherin = (name: string, action: Rule['action']) => ({
  ingress: [{ name: `${name}-from-slytherin`, action, peer: SLYTHERIN_PODS }],
  egress: [{ name: `${name}-to-slytherin`, action, peer: SLYTHERIN_PODS }],
});
const PRIORITY_50: TieredPolicy = {
  name: 'priority-50-example',
  tier: 'Admin',
  priority: 50,
  subject: housePods('gryffindor'),
  ...towardSlytherin('deny', 'Deny'),
};
const passAt = (priority: number): TieredPolicy => ({
  name: 'old-priority-60-new-priority-40-example',
  tier: 'Admin',
  priority,
  subject: housePods('gryffindor'),
  ...towardSlytherin('pass', 'Pass'),
});
const BASELINE_ACCEPT: TieredPolicy = {
  name: 'default',
  tier: 'Baseline',
  priority: 10,
  subject: housePods('gryffindor'),
  ...towardSlytherin('accept', 'Allow'),
};
const PASSED = 'pass old-priority-60-new-priority-40-example#0';

const PRIORITY: Scenario[] = [
  {
    name: 'priority as applied: the Deny at 50 comes before the Pass at 60, both ways',
    policies: [PRIORITY_50, passAt(60), BASELINE_ACCEPT],
    flows: [
      atDestination(
        poke('draco-malfoy-0', 'harry-potter-0', '80/TCP'),
        'Admin deny by priority-50-example#0',
      ),
      atDestination(
        poke('draco-malfoy-1', 'harry-potter-0', '8080/TCP'),
        'Admin deny by priority-50-example#0',
      ),
      atSource(
        poke('harry-potter-0', 'draco-malfoy-0', '80/TCP'),
        'Admin deny by priority-50-example#0',
      ),
      atSource(
        poke('harry-potter-1', 'draco-malfoy-0', '8080/TCP'),
        'Admin deny by priority-50-example#0',
      ),
    ],
  },
  {
    name: 'priority, after the edit 60 -> 40: the Pass comes first, and the Baseline Accept decides',
    policies: [PRIORITY_50, passAt(40), BASELINE_ACCEPT],
    flows: [
      atDestination(
        poke('draco-malfoy-0', 'harry-potter-0', '80/TCP'),
        `Baseline allow by default#0 ${PASSED}`,
      ),
      atDestination(
        poke('draco-malfoy-1', 'harry-potter-0', '8080/TCP'),
        `Baseline allow by default#0 ${PASSED}`,
      ),
      atSource(
        poke('harry-potter-0', 'draco-malfoy-0', '80/TCP'),
        `Baseline allow by default#0 ${PASSED}`,
      ),
      atSource(
        poke('harry-potter-1', 'draco-malfoy-0', '8080/TCP'),
        `Baseline allow by default#0 ${PASSED}`,
      ),
    ],
  },
];

const SLYTHERIN_BY_HOUSE = { namespaces: { matchLabels: { 'conformance-house': 'slytherin' } } };
const GRYFFINDOR_BY_HOUSE = { namespaces: { matchLabels: { 'conformance-house': 'gryffindor' } } };
const passExample = (ingress: Rule['action'], egress: Rule['action']): TieredPolicy => ({
  name: 'pass-example',
  tier: 'Admin',
  priority: 10,
  subject: GRYFFINDOR_BY_HOUSE,
  ingress: [{ name: 'from-slytherin', action: ingress, peer: SLYTHERIN_BY_HOUSE }],
  egress: [{ name: 'to-slytherin', action: egress, peer: SLYTHERIN_BY_HOUSE }],
});
const NETWORK_POLICY = policy(
  'network-policy-conformance-gryffindor',
  'allow-gress-from-to-slytherin',
  {
    podSelector: {},
    policyTypes: ['Ingress', 'Egress'],
    ingress: [{ from: [{ namespaceSelector: SLYTHERIN_BY_HOUSE.namespaces }] }],
    egress: [{ to: [{ namespaceSelector: SLYTHERIN_BY_HOUSE.namespaces }] }],
  },
);
const BASELINE_DENY: TieredPolicy = {
  name: 'default',
  tier: 'Baseline',
  priority: 10,
  subject: GRYFFINDOR_BY_HOUSE,
  ingress: [{ name: 'from-slytherin', action: 'Deny', peer: SLYTHERIN_BY_HOUSE }],
  egress: [{ name: 'to-slytherin', action: 'Deny', peer: SLYTHERIN_BY_HOUSE }],
};

const INTEGRATION: Scenario[] = [
  {
    name: 'admin, NetworkPolicy, baseline as applied: the Admin Deny decides before the NetworkPolicy',
    policies: [passExample('Deny', 'Deny'), NETWORK_POLICY, BASELINE_DENY],
    flows: [
      atDestination(
        poke('draco-malfoy-0', 'harry-potter-0', '80/TCP'),
        'Admin deny by pass-example#0',
      ),
      atDestination(
        poke('draco-malfoy-1', 'harry-potter-0', '8080/TCP'),
        'Admin deny by pass-example#0',
      ),
      atSource(poke('harry-potter-0', 'draco-malfoy-0', '80/TCP'), 'Admin deny by pass-example#0'),
      atSource(
        poke('harry-potter-1', 'draco-malfoy-0', '8080/TCP'),
        'Admin deny by pass-example#0',
      ),
    ],
  },
  {
    // Upstream probes only ingress in this state; egress still meets the Deny.
    name: 'admin, NetworkPolicy, baseline, first edit (ingress Pass): the NetworkPolicy admits slytherin in',
    policies: [passExample('Pass', 'Deny'), NETWORK_POLICY, BASELINE_DENY],
    flows: [
      atDestination(
        poke('draco-malfoy-0', 'harry-potter-0', '80/TCP'),
        'NetworkPolicy allow pass pass-example#0',
      ),
      atDestination(
        poke('draco-malfoy-1', 'harry-potter-0', '8080/TCP'),
        'NetworkPolicy allow pass pass-example#0',
      ),
      atSource(poke('harry-potter-0', 'draco-malfoy-0', '80/TCP'), 'Admin deny by pass-example#0'),
    ],
  },
  {
    name: 'admin, NetworkPolicy, baseline, second edit (egress Pass too): the NetworkPolicy admits slytherin out',
    policies: [passExample('Pass', 'Pass'), NETWORK_POLICY, BASELINE_DENY],
    flows: [
      atSource(
        poke('harry-potter-0', 'draco-malfoy-0', '80/TCP'),
        'NetworkPolicy allow pass pass-example#0',
      ),
      atSource(
        poke('harry-potter-1', 'draco-malfoy-0', '8080/TCP'),
        'NetworkPolicy allow pass pass-example#0',
      ),
      atDestination(
        poke('draco-malfoy-0', 'harry-potter-0', '80/TCP'),
        'NetworkPolicy allow pass pass-example#0',
      ),
    ],
  },
  {
    name: 'admin, NetworkPolicy, baseline, third edit (NetworkPolicy deleted): the Baseline Deny decides',
    policies: [passExample('Pass', 'Pass'), BASELINE_DENY],
    flows: [
      atDestination(
        poke('draco-malfoy-0', 'harry-potter-0', '80/TCP'),
        'Baseline deny by default#0 pass pass-example#0',
      ),
      atDestination(
        poke('draco-malfoy-1', 'harry-potter-0', '8080/TCP'),
        'Baseline deny by default#0 pass pass-example#0',
      ),
      atSource(
        poke('harry-potter-0', 'draco-malfoy-0', '80/TCP'),
        'Baseline deny by default#0 pass pass-example#0',
      ),
      atSource(
        poke('harry-potter-1', 'draco-malfoy-0', '8080/TCP'),
        'Baseline deny by default#0 pass pass-example#0',
      ),
    ],
  },
];

const SLYTHERIN_DENY = [rule('deny-slytherin', 'Deny', 'slytherin')];
const ISOLATION: Scenario[] = [
  {
    name: 'a policy with ingress rules only leaves its subject egress alone',
    policies: [
      {
        name: 'admin-ingress-isolation',
        tier: 'Admin',
        priority: 20,
        subject: GRYFFINDOR,
        ingress: SLYTHERIN_DENY,
      },
    ],
    flows: [
      atDestination(
        poke('draco-malfoy-0', 'harry-potter-0', '80/TCP'),
        'Admin deny by admin-ingress-isolation#0',
      ),
      atSource(poke('harry-potter-0', 'luna-lovegood-0', '80/TCP'), 'default allow'),
      atSource(poke('harry-potter-0', 'cedric-diggory-0', '80/TCP'), 'default allow'),
    ],
  },
  {
    name: 'a policy with egress rules only leaves its subject ingress alone',
    policies: [
      {
        name: 'admin-egress-isolation',
        tier: 'Admin',
        priority: 20,
        subject: GRYFFINDOR,
        egress: SLYTHERIN_DENY,
      },
    ],
    flows: [
      atSource(
        poke('harry-potter-0', 'draco-malfoy-0', '80/TCP'),
        'Admin deny by admin-egress-isolation#0',
      ),
      atDestination(poke('luna-lovegood-0', 'harry-potter-0', '80/TCP'), 'default allow'),
      atDestination(poke('cedric-diggory-0', 'harry-potter-0', '80/TCP'), 'default allow'),
    ],
  },
];

const bothWays = (name: string, subject: House, peer: House, port: string): TieredPolicy => ({
  name,
  tier: 'Admin',
  priority: 15,
  subject: houseByName(subject),
  ingress: [rule(`deny-from-${peer}`, 'Deny', peer, [port])],
  egress: [rule(`deny-to-${peer}`, 'Deny', peer, [port])],
});

const SAME_PRIORITY: Scenario[] = [
  {
    name: 'three policies at one priority all apply, each to its own subject only',
    policies: [
      bothWays('gryffindor-slytherin', 'gryffindor', 'slytherin', '80/TCP'),
      bothWays('gryffindor-hufflepuff', 'gryffindor', 'hufflepuff', '80/TCP'),
      bothWays('hufflepuff-slytherin', 'hufflepuff', 'slytherin', '8080/TCP'),
    ],
    flows: [
      atDestination(
        poke('draco-malfoy-0', 'harry-potter-0', '80/TCP'),
        'Admin deny by gryffindor-slytherin#0',
      ),
      atSource(
        poke('harry-potter-0', 'draco-malfoy-0', '80/TCP'),
        'Admin deny by gryffindor-slytherin#0',
      ),
      atDestination(
        poke('cedric-diggory-0', 'harry-potter-0', '80/TCP'),
        'Admin deny by gryffindor-hufflepuff#0',
      ),
      atSource(
        poke('harry-potter-1', 'cedric-diggory-0', '80/TCP'),
        'Admin deny by gryffindor-hufflepuff#0',
      ),
      atDestination(
        poke('draco-malfoy-1', 'cedric-diggory-0', '8080/TCP'),
        'Admin deny by hufflepuff-slytherin#0',
      ),
      atSource(
        poke('cedric-diggory-1', 'draco-malfoy-0', '8080/TCP'),
        'Admin deny by hufflepuff-slytherin#0',
      ),
      atDestination(poke('draco-malfoy-0', 'harry-potter-0', '8080/TCP'), 'default allow'),
      atSource(poke('harry-potter-0', 'draco-malfoy-0', '8080/TCP'), 'default allow'),
      atDestination(poke('draco-malfoy-1', 'cedric-diggory-0', '80/TCP'), 'default allow'),
      atSource(poke('cedric-diggory-0', 'draco-malfoy-0', '80/TCP'), 'default allow'),
      atDestination(poke('luna-lovegood-0', 'harry-potter-0', '80/TCP'), 'default allow'),
      atSource(poke('harry-potter-1', 'luna-lovegood-0', '80/TCP'), 'default allow'),
    ],
  },
];

// Upstream connects harry-potter-0 to a Service of the gryffindor pods and expects a deny, even
// when the Service sends it back to the caller. Sample flows cannot name a Service address, so
// this keeps the part they can say: another backend is denied, and the caller reaching its own
// Pod IP stays exempt (the reference: only through a Service is hairpin traffic subject).
const HAIRPIN: Scenario[] = [
  {
    name: 'hairpin: a gryffindor pod denied by a policy on gryffindor; its own address exempt',
    policies: [
      {
        name: 'hairpin-ingress-deny',
        tier: 'Admin',
        priority: 15,
        subject: GRYFFINDOR,
        ingress: [rule('deny-gryffindor', 'Deny', 'gryffindor')],
      },
    ],
    flows: [
      atDestination(
        poke('harry-potter-0', 'harry-potter-1', '80/TCP'),
        'Admin deny by hairpin-ingress-deny#0',
      ),
      atDestination(poke('harry-potter-0', 'harry-potter-0', '80/TCP'), 'default allow'),
    ],
  },
];

runConformanceCases(
  [...PRIORITY, ...INTEGRATION, ...ISOLATION, ...SAME_PRIORITY, ...HAIRPIN],
  HOUSES_WORLD,
);
