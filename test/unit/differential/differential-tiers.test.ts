import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  createEvaluator,
  evaluateWorkspace,
} from '../../../server/src/engine/analysis/evaluate-workspace';
import type {
  ClusterRuleMatch,
  Dataplane,
  DirectionVerdict,
  Endpoint,
  Pod,
  RuleMatch,
} from '../../../server/src/engine/analysis/evaluate-workspace';
import * as arbitrary from './arbitraries';
import type { RawEndpoint, RawFlow, RawPod } from './reference-evaluator';
import { referenceTieredVerdict } from './reference-tiers';
import type { RawClusterPolicy, TieredSide } from './reference-tiers';

const RUNS = Number(process.env['DIFFERENTIAL_RUNS'] ?? 1000);
const FLOWS_PER_WORLD = 20;

const endpointChoice = fc.oneof(
  { weight: 4, arbitrary: fc.nat().map((index) => ({ pod: index })) },
  { weight: 1, arbitrary: fc.constantFrom(...arbitrary.EXTERNAL_IPS).map((ip) => ({ ip })) },
);

const scenario = fc.record({
  pods: fc.array(arbitrary.pod, { minLength: 1, maxLength: 8 }),
  declared: fc.subarray(arbitrary.NAMESPACES),
  namespaceLabels: arbitrary.namespaceLabels,
  policies: fc.array(arbitrary.policy, { maxLength: 4 }),
  clusterPolicies: fc.array(arbitrary.clusterPolicySpec, { minLength: 1, maxLength: 5 }),
  flows: fc.array(
    fc.record({
      source: endpointChoice,
      destination: endpointChoice,
      port: fc.constantFrom(...arbitrary.PORTS),
      protocol: fc.constantFrom(...arbitrary.PROTOCOLS),
    }),
    { minLength: FLOWS_PER_WORLD, maxLength: FLOWS_PER_WORLD },
  ),
  dataplane: fc.constantFrom<Dataplane>('gke-dataplane-v2', 'kubernetes'),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

void test(`the tier chain agrees with the reference evaluator on ${RUNS} random worlds`, () => {
  let compared = 0;
  let decidedByTiers = 0;
  fc.assert(
    fc.property(scenario, (input) => {
      const counts = checkScenario(input);
      compared += counts.compared;
      decidedByTiers += counts.decidedByTiers;
    }),
    { numRuns: RUNS, seed: 20261202 },
  );
  assert.ok(compared >= RUNS * FLOWS_PER_WORLD);
  // The worlds must exercise the tiers, not only NetworkPolicy.
  assert.ok(decidedByTiers > compared / 10, `only ${decidedByTiers} of ${compared} sides`);
});

function checkScenario(input: Scenario): { compared: number; decidedByTiers: number } {
  const rawPods: RawPod[] = input.pods.map((pod, index) => ({ ...pod, name: `p${index}` }));
  const rawPolicies = input.policies.map((entry, index) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `np${index}`, namespace: entry.namespace },
    spec: entry.spec,
  }));
  const rawClusterPolicies = input.clusterPolicies.map((spec, index) => ({
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name: `cnp${index}` },
    spec,
  }));
  const rawNamespaces = input.declared.map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: input.namespaceLabels[name as keyof typeof input.namespaceLabels] },
  }));
  const objects = [
    ...rawNamespaces,
    ...rawPods.map(arbitrary.podObject),
    ...rawPolicies,
    ...rawClusterPolicies,
  ].map(arbitrary.placed);
  const { policies, clusterPolicies, world } = evaluateWorkspace(objects, {
    dataplane: input.dataplane,
  });
  const evaluate = createEvaluator(policies, world, {
    dataplane: input.dataplane,
    clusterPolicies,
  });
  const referenceWorld = {
    policies: rawPolicies,
    namespaceLabels: Object.fromEntries(
      input.declared.map((name) => [
        name,
        {
          ...input.namespaceLabels[name as keyof typeof input.namespaceLabels],
          'kubernetes.io/metadata.name': name,
        },
      ]),
    ),
  };
  let decidedByTiers = 0;
  for (const choice of input.flows) {
    const source = pick(choice.source, rawPods);
    const destination = pick(choice.destination, rawPods);
    const rawFlow: RawFlow = { source, destination, port: choice.port, protocol: choice.protocol };
    const expected = referenceTieredVerdict(
      referenceWorld,
      rawClusterPolicies as unknown as RawClusterPolicy[],
      rawFlow,
      input.dataplane,
    );
    const actual = evaluate({
      source: toEndpoint(source, world.pods),
      destination: toEndpoint(destination, world.pods),
      port: choice.port,
      protocol: choice.protocol as 'TCP',
    });
    const context = JSON.stringify({
      flow: choice,
      pods: rawPods,
      policies: rawPolicies,
      clusterPolicies: rawClusterPolicies,
      declared: input.declared,
      dataplane: input.dataplane,
    });
    assert.equal(actual.allowed, expected.allowed, context);
    assert.deepEqual(toComparable(actual.egress), sorted(expected.egress), context);
    assert.deepEqual(toComparable(actual.ingress), sorted(expected.ingress), context);
    for (const side of [actual.egress, actual.ingress]) {
      if (side.decidedBy === 'Admin' || side.decidedBy === 'Baseline') {
        decidedByTiers++;
      }
    }
  }
  return { compared: input.flows.length, decidedByTiers };
}

function pick(choice: { pod: number } | { ip: string }, pods: readonly RawPod[]): RawEndpoint {
  return 'ip' in choice ? { ip: choice.ip } : { pod: pods[choice.pod % pods.length]! };
}

function toEndpoint(endpoint: RawEndpoint, pods: readonly Pod[]): Endpoint {
  if ('ip' in endpoint) {
    return { kind: 'external', ip: endpoint.ip };
  }
  const pod = pods.find(
    (candidate) =>
      candidate.namespace === endpoint.pod.namespace && candidate.name === endpoint.pod.name,
  );
  assert.ok(pod);
  return { kind: 'pod', pod };
}

function toComparable(side: DirectionVerdict): TieredSide {
  const decision = side.tiers?.decision;
  return sorted({
    allowed: side.allowed,
    reason: side.reason,
    isolatedBy: side.isolatedBy.map((ref) => `${ref.namespace}/${ref.name}`),
    allowedBy: side.allowedBy.map(describeMatch),
    decidedBy: side.decidedBy,
    ...(decision === undefined ? {} : { decision: describeClusterMatch(decision) }),
    passes: (side.tiers?.passes ?? []).map(describeClusterMatch),
    ambiguous: (side.tiers?.ambiguous ?? []).map(describeClusterMatch),
  });
}

function describeMatch(match: RuleMatch): string {
  return `${match.policy.namespace}/${match.policy.name} ${match.ruleIndex} ${match.peerIndex ?? '-'} ${match.portIndex ?? '-'}`;
}

function describeClusterMatch(match: ClusterRuleMatch): string {
  return `${match.policy.name}#${match.ruleIndex}#${match.action}`;
}

function sorted(side: TieredSide): TieredSide {
  return {
    ...side,
    isolatedBy: [...side.isolatedBy].sort(),
    allowedBy: [...side.allowedBy].sort(),
    ambiguous: [...side.ambiguous].sort(),
  };
}
