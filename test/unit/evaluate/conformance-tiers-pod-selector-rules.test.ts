import {
  HOUSES_WORLD,
  decidedAtDestination as atDestination,
  decidedAtSource as atSource,
  houseRule as rule,
  poke,
  runConformanceCases,
} from './conformance-fixture';
import type { Generation, House, Scenario, TieredPolicy } from './conformance-fixture';
import type { TierExpectation } from './tiers-fixture';

// The conformance suite of kubernetes-sigs/network-policy-api, re-expressed as tables: pod
// selectors in the subject and the peers of a tiered policy, alone and with a namespace selector.
// Sources, under conformance/ in that repository (at 2643c7d1 and c159ab29):
//   tests/admin-network-policy-standard-pod-selector-rules.go (CNPAdminTierPodSelector)
//     with base/admin_tier/standard-pod-selector-rules.yaml
//   tests/baseline-admin-network-policy-standard-pod-selector-rules.go (CNPBaselineTierPodSelector)
//     with base/baseline_tier/standard-pod-selector-rules.yaml
//   base/manifests.yaml (the world)
// Each file applies two policies, pod-selector-rules (subject: gryffindor pods by their label
// alone, namespaceSelector omitted; Deny rules to and from the pods of one house by label alone
// and to and from cedric-diggory-0 by pod name within hufflepuff) and pod-name-subject-rules
// (subject: luna-lovegood-0 by pod name within ravenclaw; a Deny to the slytherin namespace).
// Neither is edited, so each subtest is one case of the one state. All nine pokes of each test
// are here, at TCP 80, each run on both dataplanes.
//
// The generations: upstream writes v1alpha2 ClusterNetworkPolicies, and runs as written here. In
// v1alpha1 a `pods` subject or peer requires its namespaceSelector, so where upstream omits it the
// v1alpha1 cases write `namespaceSelector: {}`, which selects every namespace, as the omission
// does. The Admin test keeps its two policies as two AdminNetworkPolicies. The Baseline test's two
// policies (both priority 10, different subjects) cannot be one BaselineAdminNetworkPolicy, which
// is a singleton named `default` with one subject: its v1alpha1 cases apply, as `default`, only
// the policy whose subject the poke's end is (the other one's subject is neither end of it).
// Nothing upstream checks is left unexpressed.

type Tier = 'Admin' | 'Baseline';
type Which = 'pod-selector-rules' | 'pod-name-subject-rules';

const BY_POD_NAME = 'statefulset.kubernetes.io/pod-name';

/** A house's pods by their label, in every namespace: namespaceSelector omitted, or `{}` in v1alpha1. */
const podsLabelled = (house: House, generation: Generation) => ({
  pods: {
    ...(generation === 'v1alpha1' && { namespaceSelector: {} }),
    podSelector: { matchLabels: { 'conformance-house': house } },
  },
});

/** One replica by its pod-name label, within the namespaces labelled with its house. */
const podNamed = (house: House, pod: string) => ({
  pods: {
    namespaceSelector: { matchLabels: { 'conformance-house': house } },
    podSelector: { matchLabels: { [BY_POD_NAME]: pod } },
  },
});

const CEDRIC_0 = podNamed('hufflepuff', 'cedric-diggory-0');

/** The name a policy goes by: a v1alpha1 baseline is always `default`. */
const nameOf = (which: Which, tier: Tier, generation: Generation): string =>
  tier === 'Baseline' && generation === 'v1alpha1' ? 'default' : which;

const podSelectorRules = (tier: Tier, generation: Generation): TieredPolicy => ({
  name: nameOf('pod-selector-rules', tier, generation),
  tier,
  priority: tier === 'Admin' ? 20 : 10,
  subject: podsLabelled('gryffindor', generation),
  egress: [
    { name: 'deny-to-ravenclaw-pods', action: 'Deny', peer: podsLabelled('ravenclaw', generation) },
    { name: 'deny-to-cedric-diggory-0', action: 'Deny', peer: CEDRIC_0 },
  ],
  ingress: [
    {
      name: 'deny-from-slytherin-pods',
      action: 'Deny',
      peer: podsLabelled('slytherin', generation),
    },
    { name: 'deny-from-cedric-diggory-0', action: 'Deny', peer: CEDRIC_0 },
  ],
});

const podNameSubjectRules = (tier: Tier, generation: Generation): TieredPolicy => ({
  name: nameOf('pod-name-subject-rules', tier, generation),
  tier,
  priority: tier === 'Admin' ? 21 : 10,
  subject: podNamed('ravenclaw', 'luna-lovegood-0'),
  // The peer is the slytherin namespace by its kubernetes.io/metadata.name label, as upstream.
  egress: [rule('deny-to-slytherin', 'Deny', 'slytherin')],
});

/** Neither end is a subject any rule of theirs matches: both sides allow by default. */
const allowed = (flow: string): TierExpectation => ({
  flow,
  expect: 'allow',
  egress: 'default allow',
  ingress: 'default allow',
});

const at80 = (from: string, to: string): string => poke(from, to, '80/TCP');

/**
 * One subtest, or one policy's part of it. `concerns` names the policy whose subject an end of its
 * pokes is: every case applies both policies but a v1alpha1 baseline, which holds only that one.
 */
interface Subtest {
  readonly name: string;
  readonly concerns: readonly Which[];
  readonly flows: (by: (which: Which, index: number) => string) => TierExpectation[];
}

const SUBTESTS: readonly Subtest[] = [
  {
    name: 'Should support pod selectors in egress peers: ravenclaw pods by label, and cedric-diggory-0 by name, denied; cedric-diggory-1 allowed',
    concerns: ['pod-selector-rules'],
    flows: (by) => [
      atSource(at80('harry-potter-0', 'luna-lovegood-0'), by('pod-selector-rules', 0)),
      atSource(at80('harry-potter-0', 'cedric-diggory-0'), by('pod-selector-rules', 1)),
      allowed(at80('harry-potter-0', 'cedric-diggory-1')),
    ],
  },
  {
    name: 'Should support pod selectors in ingress peers: slytherin pods by label, and cedric-diggory-0 by name, denied; cedric-diggory-1 allowed',
    concerns: ['pod-selector-rules'],
    flows: (by) => [
      atDestination(at80('draco-malfoy-0', 'harry-potter-0'), by('pod-selector-rules', 0)),
      atDestination(at80('cedric-diggory-0', 'harry-potter-0'), by('pod-selector-rules', 1)),
      allowed(at80('cedric-diggory-1', 'harry-potter-0')),
    ],
  },
  {
    name: 'Should support pod selectors in the subject: draco-malfoy-0 is no subject of pod-selector-rules, so reaches cedric-diggory-0',
    concerns: ['pod-selector-rules'],
    flows: () => [allowed(at80('draco-malfoy-0', 'cedric-diggory-0'))],
  },
  {
    name: 'Should support pod selectors in the subject: luna-lovegood-0, the subject of pod-name-subject-rules, denied to slytherin; luna-lovegood-1 allowed',
    concerns: ['pod-name-subject-rules'],
    flows: (by) => [
      atSource(at80('luna-lovegood-0', 'draco-malfoy-0'), by('pod-name-subject-rules', 0)),
      allowed(at80('luna-lovegood-1', 'draco-malfoy-0')),
    ],
  },
];

const GENERATIONS: readonly Generation[] = ['v1alpha1', 'v1alpha2'];

const scenarios = (tier: Tier): Scenario[] => {
  const test = tier === 'Admin' ? 'CNPAdminTierPodSelector' : 'CNPBaselineTierPodSelector';
  return GENERATIONS.flatMap((generation) => {
    const singleton = tier === 'Baseline' && generation === 'v1alpha1';
    const policies = (concerns: readonly Which[]): TieredPolicy[] =>
      [
        ['pod-selector-rules', podSelectorRules(tier, generation)] as const,
        ['pod-name-subject-rules', podNameSubjectRules(tier, generation)] as const,
      ]
        .filter(([which]) => !singleton || concerns.includes(which))
        .map(([, policy]) => policy);
    const by = (which: Which, index: number): string =>
      `${tier} deny by ${nameOf(which, tier, generation)}#${index}`;
    return SUBTESTS.map((subtest) => ({
      name: `${test} ${subtest.name}`,
      policies: policies(subtest.concerns),
      generations: [generation],
      flows: subtest.flows(by),
    }));
  });
};

runConformanceCases([...scenarios('Admin'), ...scenarios('Baseline')], HOUSES_WORLD);
