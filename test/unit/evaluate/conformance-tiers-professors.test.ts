import {
  HOUSES_WORLD,
  decidedAtDestination as atDestination,
  decidedAtSource as atSource,
  houseRule as rule,
  poke,
  runConformanceCases,
  houseByName,
} from './conformance-fixture';
import type { House, Rule, Scenario, TieredPolicy } from './conformance-fixture';
import type { TierExpectation } from './tiers-fixture';

// The conformance suite of kubernetes-sigs/network-policy-api, re-expressed as tables: the rules
// naming single pods of the hogwarts-staff professors. They lived in the suite while its base
// manifests had a hogwarts-staff namespace (commit 4d5b6932bf8ccda677b9aa171070fe426ab52c40 of
// conformance/base/manifests.yaml: StatefulSets professor-dumbledore and professor-quirrell, two
// replicas each, labelled conformance-house: hogwarts-staff, and picked out by the label
// statefulset.kubernetes.io/pod-name). Sources, under conformance/ in that repository, the
// v1alpha1 AdminNetworkPolicy and BaselineAdminNetworkPolicy versions that name the professors:
//   tests/admin-network-policy-core-egress-sctp-rules.go (AdminNetworkPolicyEgressPodSelectorSCTP)
//     with base/admin_network_policy/core-egress-sctp-rules.yaml, both at 4d5b6932
//   tests/admin-network-policy-core-egress-tcp-rules.go (AdminNetworkPolicyEgressPodSelectorTCP, at
//     4d5b6932) with base/admin_network_policy/core-egress-tcp-rules.yaml (at 107f154e)
//   tests/admin-network-policy-core-egress-udp-rules.go (AdminNetworkPolicyEgressPodSelectorUDP, at
//     107f154e) with base/admin_network_policy/core-egress-udp-rules.yaml (at 4d5b6932)
//   tests/admin-network-policy-core-ingress-tcp-rules.go (AdminNetworkPolicyIngressPodSelectorTCP, at
//     107f154e) with base/admin_network_policy/core-ingress-tcp-rules.yaml (at 4d5b6932)
//   tests/admin-network-policy-core-ingress-sctp-rules.go (AdminNetworkPolicyIngressPodSelector and
//     the professor pokes of AdminNetworkPolicyIngressSCTP's first subtest) with
//     base/admin_network_policy/core-ingress-sctp-rules.yaml, both at 107f154e
//   tests/admin-network-policy-core-ingress-udp-rules.go (AdminNetworkPolicyIngressPodSelectorUDP, at
//     4d5b6932) with base/admin_network_policy/core-ingress-udp-rules.yaml (at 107f154e)
//   tests/baseline-admin-network-policy-core-egress-sctp-rules.go, -core-ingress-sctp-rules.go
//     (BaselineAdminNetworkPolicyEgressPodSelectorSCTP, ...IngressPodSelectorSCTP), at 4d5b6932
//   tests/baseline-admin-network-policy-core-egress-tcp-rules.go, -core-ingress-tcp-rules.go
//     (BaselineAdminNetworkPolicyEgressPodSelectorTCP, ...IngressPodSelectorTCP), at 107f154e
//   tests/baseline-admin-network-policy-core-egress-udp-rules.go (BaselineAdminNetworkPolicyEgressPodSelectorUDP)
//   tests/baseline-admin-network-policy-core-ingress-udp-rules.go (BaselineAdminNetworkPolicyIngressPodSelectorUDP, at 107f154e)
//     with the matching base/baseline_admin_network_policy/core-*-rules.yaml (at 4d5b6932, core-egress-tcp at 107f154e)
// Those files spell peers in the API's first shape (`namespaces: {namespaceSelector: ...}`,
// `pods: {namespaces: {namespaceSelector: ...}, podSelector: ...}`); here they are written in the
// current one, which selects the same pods. Each PodSelector test applies its policy fresh and
// does not edit it, so each is one case; the non-professor subtests of the same files (rule order,
// ports) are the ones conformance-tiers.test.ts already covers in their later versions. Every
// scenario runs as v1alpha1 and as the equivalent v1alpha2 ClusterNetworkPolicy.

const STAFF = 'network-policy-conformance-hogwarts-staff';
const PROFESSORS = ['professor-dumbledore', 'professor-quirrell'] as const;

/** The houses world with the hogwarts-staff namespace and its four professors, as in 4d5b6932. */
const STAFF_WORLD = [
  HOUSES_WORLD,
  `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${STAFF}, labels: { conformance-house: hogwarts-staff } }\n`,
  ...PROFESSORS.flatMap((professor, octet) =>
    [0, 1].map(
      (replica) => `apiVersion: v1
kind: Pod
metadata:
  name: ${professor}-${replica}
  namespace: ${STAFF}
  labels: { conformance-house: hogwarts-staff, statefulset.kubernetes.io/pod-name: ${professor}-${replica} }
spec: { containers: [{ name: server }] }
status: { podIP: 10.1.${5 + octet}.${10 + replica} }
`,
    ),
  ),
].join('---\n');

type Professor = `${(typeof PROFESSORS)[number]}-${0 | 1}`;

/** A flow from or to a professor, the other end a house replica. */
const staff = (pod: Professor): string => `${STAFF}/${pod}`;
const toProfessor = (from: string, professor: Professor, port: string): string =>
  poke(from, staff(professor), port);
const fromProfessor = (professor: Professor, to: string, port: string): string =>
  poke(staff(professor), to, port);

/** The peer naming one professor replica by its pod-name label. */
const professorPeer = (pod: Professor) => ({
  pods: {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': STAFF } },
    podSelector: { matchLabels: { 'statefulset.kubernetes.io/pod-name': pod } },
  },
});
const professorRule = (
  name: string,
  action: Rule['action'],
  pod: Professor,
  ports?: string[],
): Rule => ({ name, action, peer: professorPeer(pod), ...(ports && { ports }) });

/** Neither end is a subject of any policy: both sides allow by default. */
const untouched = (flow: string): TierExpectation => ({
  flow,
  expect: 'allow',
  egress: 'default allow',
  ingress: 'default allow',
});

/** The rules every core admin file starts with: Allow, Deny, Pass one house; the port rules after. */
const adminHouseRules = (
  first: House,
  second: House,
  third: House,
  port: string,
  thirdPort: string,
): Rule[] => [
  rule(`allow-${first}-everything`, 'Allow', first),
  rule(`deny-${first}-everything`, 'Deny', first),
  rule(`pass-${first}-everything`, 'Pass', first),
  rule(`deny-${second}-at-port`, 'Deny', second, [port]),
  rule(`pass-${second}-at-port`, 'Pass', second, [port]),
  rule(`allow-${third}-at-port`, 'Allow', third, [thirdPort]),
  rule(`deny-${third}-everything-else`, 'Deny', third),
];

/** The baseline files' house rules: the admin ones without the Pass rules. */
const baselineHouseRules = (
  first: House,
  second: House,
  third: House,
  port: string,
  thirdPort: string,
): Rule[] =>
  adminHouseRules(first, second, third, port, thirdPort).filter((entry) => entry.action !== 'Pass');

const admin = (
  name: string,
  priority: number,
  subject: House,
  direction: 'ingress' | 'egress',
  rules: Rule[],
): TieredPolicy => ({
  name,
  tier: 'Admin',
  priority,
  subject: houseByName(subject),
  [direction]: rules,
});

const baseline = (
  subject: House,
  direction: 'ingress' | 'egress',
  rules: Rule[],
): TieredPolicy => ({
  name: 'default',
  tier: 'Baseline',
  priority: 10,
  subject: houseByName(subject),
  [direction]: rules,
});

const ADMIN: Scenario[] = [
  {
    name: 'AdminNetworkPolicyEgressPodSelectorSCTP: ravenclaw to dumbledore-0 at SCTP 9003 and 9005, not to quirrell-0',
    policies: [
      admin('egress-sctp', 8, 'ravenclaw', 'egress', [
        ...adminHouseRules('gryffindor', 'slytherin', 'hufflepuff', '9003/SCTP', '9003/SCTP'),
        professorRule('deny-to-professor-quirrell-everything', 'Deny', 'professor-quirrell-0'),
        professorRule('allow-to-professor-dumbledore', 'Allow', 'professor-dumbledore-0', [
          '9003/SCTP',
        ]),
        // Upstream names this rule like the one before it.
        professorRule('allow-to-professor-dumbledore', 'Allow', 'professor-dumbledore-0', [
          '9005/SCTP',
        ]),
        professorRule('deny-to-dumbledore-everything-else', 'Deny', 'professor-dumbledore-0'),
      ]),
    ],
    flows: [
      atSource(
        toProfessor('luna-lovegood-0', 'professor-dumbledore-0', '9003/SCTP'),
        'Admin allow by egress-sctp#8',
      ),
      atSource(
        toProfessor('luna-lovegood-0', 'professor-dumbledore-0', '9005/SCTP'),
        'Admin allow by egress-sctp#9',
      ),
      atSource(
        toProfessor('luna-lovegood-0', 'professor-quirrell-0', '9003/SCTP'),
        'Admin deny by egress-sctp#7',
      ),
    ],
  },
  {
    name: 'AdminNetworkPolicyEgressPodSelectorTCP: dumbledore-0 is no subject, so reaches ravenclaw',
    policies: [
      admin('egress-tcp', 6, 'gryffindor', 'egress', [
        ...adminHouseRules('ravenclaw', 'slytherin', 'hufflepuff', '80/TCP', '8080/TCP'),
        professorRule('deny-to-professor-quirrell-at-port-8080', 'Deny', 'professor-quirrell-0', [
          '8080/TCP',
        ]),
        professorRule(
          'allow-to-professor-dumbledore-at-port-8080',
          'Allow',
          'professor-dumbledore-0',
          ['8080/TCP'],
        ),
        professorRule('deny-to-dumbledore-everything-else', 'Deny', 'professor-dumbledore-0'),
      ]),
    ],
    flows: [
      untouched(fromProfessor('professor-dumbledore-0', 'luna-lovegood-0', '80/TCP')),
      untouched(fromProfessor('professor-dumbledore-0', 'luna-lovegood-0', '8080/TCP')),
    ],
  },
  {
    name: 'AdminNetworkPolicyEgressPodSelectorUDP: hufflepuff denied to quirrell-0, allowed to dumbledore-0',
    policies: [
      admin('egress-udp', 7, 'hufflepuff', 'egress', [
        ...adminHouseRules('ravenclaw', 'slytherin', 'gryffindor', '5353/UDP', '53/UDP'),
        professorRule('deny-to-professor-quirrell-at-port-53', 'Deny', 'professor-quirrell-0', [
          '53/UDP',
        ]),
        // Upstream names this rule like the one before it.
        professorRule('deny-to-professor-quirrell-at-port-53', 'Deny', 'professor-quirrell-0', [
          '5353/UDP',
        ]),
        professorRule(
          'allow-to-professor-dumbledore-at-port-53',
          'Allow',
          'professor-dumbledore-0',
          ['53/UDP'],
        ),
        professorRule(
          'allow-to-professor-dumbledore-at-port-5353',
          'Allow',
          'professor-dumbledore-0',
          ['5353/UDP'],
        ),
        professorRule('deny-to-dumbledore-everything-else', 'Deny', 'professor-dumbledore-0'),
      ]),
    ],
    flows: [
      atSource(
        toProfessor('cedric-diggory-0', 'professor-quirrell-0', '53/UDP'),
        'Admin deny by egress-udp#7',
      ),
      atSource(
        toProfessor('cedric-diggory-0', 'professor-quirrell-0', '5353/UDP'),
        'Admin deny by egress-udp#8',
      ),
      atSource(
        toProfessor('cedric-diggory-0', 'professor-dumbledore-0', '53/UDP'),
        'Admin allow by egress-udp#9',
      ),
      atSource(
        toProfessor('cedric-diggory-0', 'professor-dumbledore-0', '5353/UDP'),
        'Admin allow by egress-udp#10',
      ),
    ],
  },
  {
    name: 'AdminNetworkPolicyIngressPodSelectorTCP: into gryffindor at TCP 8080 from dumbledore-0, not quirrell-0',
    policies: [
      admin('ingress-tcp', 3, 'gryffindor', 'ingress', [
        ...adminHouseRules('ravenclaw', 'slytherin', 'hufflepuff', '80/TCP', '80/TCP'),
        professorRule('deny-from-professor-quirrell-at-port-8080', 'Deny', 'professor-quirrell-0', [
          '8080/TCP',
        ]),
        professorRule(
          'allow-from-professor-dumbledore-at-port-8080',
          'Allow',
          'professor-dumbledore-0',
          ['8080/TCP'],
        ),
        professorRule('deny-from-dumbledore-everything-else', 'Deny', 'professor-dumbledore-0'),
      ]),
    ],
    flows: [
      atDestination(
        fromProfessor('professor-dumbledore-0', 'harry-potter-0', '8080/TCP'),
        'Admin allow by ingress-tcp#8',
      ),
      atDestination(
        fromProfessor('professor-quirrell-0', 'harry-potter-0', '8080/TCP'),
        'Admin deny by ingress-tcp#7',
      ),
    ],
  },
  {
    name: 'AdminNetworkPolicyIngressPodSelector (SCTP): dumbledore-0 in at SCTP 9003 only; quirrell-0 denied there only',
    policies: [
      admin('ingress-sctp', 5, 'ravenclaw', 'ingress', [
        ...adminHouseRules('gryffindor', 'slytherin', 'hufflepuff', '9003/SCTP', '9003/SCTP'),
        professorRule(
          'deny-from-professor-quirrell-at-ports-9003',
          'Deny',
          'professor-quirrell-0',
          ['9003/SCTP'],
        ),
        professorRule(
          'allow-from-professor-dumbledore-at-ports-9003',
          'Allow',
          'professor-dumbledore-0',
          ['9003/SCTP'],
        ),
        professorRule('deny-from-dumbledore-everything-else', 'Deny', 'professor-dumbledore-0'),
      ]),
    ],
    flows: [
      atDestination(
        fromProfessor('professor-dumbledore-0', 'luna-lovegood-0', '9003/SCTP'),
        'Admin allow by ingress-sctp#8',
      ),
      atDestination(
        fromProfessor('professor-dumbledore-0', 'luna-lovegood-0', '80/TCP'),
        'Admin deny by ingress-sctp#9',
      ),
      atDestination(
        fromProfessor('professor-quirrell-0', 'luna-lovegood-0', '9003/SCTP'),
        'Admin deny by ingress-sctp#7',
      ),
      atDestination(
        fromProfessor('professor-quirrell-0', 'luna-lovegood-0', '80/TCP'),
        'default allow',
      ),
    ],
  },
  {
    name: 'AdminNetworkPolicyIngressPodSelectorUDP: each replica of a professor by its own rule',
    policies: [
      admin('ingress-udp', 4, 'hufflepuff', 'ingress', [
        ...adminHouseRules('ravenclaw', 'slytherin', 'gryffindor', '5353/UDP', '53/UDP'),
        professorRule('deny-from-professor-quirrell-port-53', 'Deny', 'professor-quirrell-0', [
          '53/UDP',
        ]),
        professorRule('deny-from-professor-quirrell-port-5353', 'Deny', 'professor-quirrell-1', [
          '5353/UDP',
        ]),
        professorRule(
          'allow-from-professor-dumbledore-at-ports-53',
          'Allow',
          'professor-dumbledore-0',
          ['53/UDP'],
        ),
        professorRule(
          'allow-from-professor-dumbledore-at-ports-5353',
          'Allow',
          'professor-dumbledore-1',
          ['5353/UDP'],
        ),
        // Upstream names these two rules alike.
        professorRule('deny-from-dumbledore-everything-else', 'Deny', 'professor-dumbledore-0'),
        professorRule('deny-from-dumbledore-everything-else', 'Deny', 'professor-dumbledore-1'),
      ]),
    ],
    flows: [
      atDestination(
        fromProfessor('professor-dumbledore-0', 'cedric-diggory-0', '53/UDP'),
        'Admin allow by ingress-udp#9',
      ),
      atDestination(
        fromProfessor('professor-dumbledore-1', 'cedric-diggory-0', '5353/UDP'),
        'Admin allow by ingress-udp#10',
      ),
      atDestination(
        fromProfessor('professor-quirrell-0', 'cedric-diggory-0', '53/UDP'),
        'Admin deny by ingress-udp#7',
      ),
      atDestination(
        fromProfessor('professor-quirrell-1', 'cedric-diggory-0', '5353/UDP'),
        'Admin deny by ingress-udp#8',
      ),
    ],
  },
];

const BASELINE: Scenario[] = [
  {
    name: 'BaselineAdminNetworkPolicyEgressPodSelectorSCTP: ravenclaw to dumbledore-0 at SCTP 9003, not to quirrell-0',
    policies: [
      baseline('ravenclaw', 'egress', [
        ...baselineHouseRules('gryffindor', 'slytherin', 'hufflepuff', '9003/SCTP', '9003/SCTP'),
        professorRule('deny-to-professor-quirrell-at-port-9003', 'Deny', 'professor-quirrell-0', [
          '9003/SCTP',
        ]),
        professorRule('allow-to-professor-dumbledore', 'Allow', 'professor-dumbledore-0', [
          '9003/SCTP',
        ]),
        professorRule('deny-to-dumbledore-everything-else', 'Deny', 'professor-dumbledore-0'),
      ]),
    ],
    flows: [
      atSource(
        toProfessor('luna-lovegood-0', 'professor-dumbledore-0', '9003/SCTP'),
        'Baseline allow by default#6',
      ),
      atSource(
        toProfessor('luna-lovegood-0', 'professor-quirrell-0', '9003/SCTP'),
        'Baseline deny by default#5',
      ),
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyEgressPodSelectorTCP: gryffindor to dumbledore-0 at TCP 80, not to quirrell-0',
    policies: [
      baseline('gryffindor', 'egress', [
        ...baselineHouseRules('ravenclaw', 'slytherin', 'hufflepuff', '80/TCP', '8080/TCP'),
        professorRule('deny-to-professor-quirrell', 'Deny', 'professor-quirrell-0', ['80/TCP']),
        professorRule('allow-to-professor-dumbledore', 'Allow', 'professor-dumbledore-0', [
          '80/TCP',
        ]),
      ]),
    ],
    flows: [
      atSource(
        toProfessor('harry-potter-0', 'professor-dumbledore-0', '80/TCP'),
        'Baseline allow by default#6',
      ),
      atSource(
        toProfessor('harry-potter-0', 'professor-quirrell-0', '80/TCP'),
        'Baseline deny by default#5',
      ),
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyEgressPodSelectorUDP: hufflepuff denied to quirrell-0; ravenclaw, no subject, reaches dumbledore-0',
    policies: [
      baseline('hufflepuff', 'egress', [
        ...baselineHouseRules('ravenclaw', 'slytherin', 'gryffindor', '5353/UDP', '53/UDP'),
        professorRule('deny-to-professor-quirrell', 'Deny', 'professor-quirrell-0', ['53/UDP']),
        professorRule('allow-to-professor-dumbledore', 'Allow', 'professor-dumbledore-0', [
          '53/UDP',
        ]),
      ]),
    ],
    flows: [
      atSource(
        toProfessor('cedric-diggory-0', 'professor-quirrell-0', '53/UDP'),
        'Baseline deny by default#5',
      ),
      untouched(toProfessor('luna-lovegood-0', 'professor-dumbledore-0', '53/UDP')),
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyIngressPodSelectorSCTP: into ravenclaw at SCTP 9003 from dumbledore-0, not quirrell-0',
    policies: [
      baseline('ravenclaw', 'ingress', [
        ...baselineHouseRules('gryffindor', 'slytherin', 'hufflepuff', '9003/SCTP', '9003/SCTP'),
        professorRule('deny-from-professor-quirrell-at-port-8080', 'Deny', 'professor-quirrell-0', [
          '9003/SCTP',
        ]),
        professorRule(
          'allow-from-professor-dumbledore-at-port-8080',
          'Allow',
          'professor-dumbledore-0',
          ['9003/SCTP'],
        ),
        professorRule('deny-from-dumbledore-everything-else', 'Deny', 'professor-dumbledore-0'),
      ]),
    ],
    flows: [
      atDestination(
        fromProfessor('professor-quirrell-0', 'luna-lovegood-0', '9003/SCTP'),
        'Baseline deny by default#5',
      ),
      atDestination(
        fromProfessor('professor-dumbledore-0', 'luna-lovegood-0', '9003/SCTP'),
        'Baseline allow by default#6',
      ),
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyIngressPodSelectorTCP: quirrell-0 denied into gryffindor at TCP 80 only',
    policies: [
      baseline('gryffindor', 'ingress', [
        ...baselineHouseRules('ravenclaw', 'slytherin', 'hufflepuff', '80/TCP', '80/TCP'),
        professorRule('deny-professor-quirrell-at-80', 'Deny', 'professor-quirrell-0', ['80/TCP']),
        professorRule('allow-professor-dumbledore-at-80', 'Allow', 'professor-dumbledore-0', [
          '80/TCP',
        ]),
      ]),
    ],
    flows: [
      // No rule names TCP 8080 from dumbledore-0: allowed by default, as upstream expects.
      atDestination(
        fromProfessor('professor-dumbledore-0', 'harry-potter-1', '8080/TCP'),
        'default allow',
      ),
      atDestination(
        fromProfessor('professor-quirrell-0', 'harry-potter-1', '80/TCP'),
        'Baseline deny by default#5',
      ),
      atDestination(
        fromProfessor('professor-quirrell-0', 'harry-potter-1', '8080/TCP'),
        'default allow',
      ),
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyIngressPodSelectorUDP: into hufflepuff at UDP 53 from dumbledore-0, not quirrell-0',
    policies: [
      baseline('hufflepuff', 'ingress', [
        ...baselineHouseRules('ravenclaw', 'slytherin', 'gryffindor', '5353/UDP', '53/UDP'),
        professorRule('deny-from-professor-quirrell-at-53', 'Deny', 'professor-quirrell-0', [
          '53/UDP',
        ]),
        professorRule('allow-from-professor-dumbledore-at-80', 'Allow', 'professor-dumbledore-0', [
          '53/UDP',
        ]),
      ]),
    ],
    flows: [
      atDestination(
        fromProfessor('professor-dumbledore-0', 'cedric-diggory-0', '53/UDP'),
        'Baseline allow by default#6',
      ),
      atDestination(
        fromProfessor('professor-quirrell-0', 'cedric-diggory-0', '53/UDP'),
        'Baseline deny by default#5',
      ),
    ],
  },
];

runConformanceCases([...ADMIN, ...BASELINE], STAFF_WORLD);
