import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  createEvaluator,
  evaluateWorkspace,
} from '../../../server/src/engine/analysis/evaluate-workspace';
import type {
  Dataplane,
  DirectionVerdict,
  Endpoint,
  Pod,
  RuleMatch,
} from '../../../server/src/engine/analysis/evaluate-workspace';
import * as arbitrary from './arbitraries';
import { referenceVerdict } from './reference-evaluator';
import type { RawEndpoint, RawFlow, RawPod, ReferenceSide } from './reference-evaluator';

const RUNS = Number(process.env['DIFFERENTIAL_RUNS'] ?? 1500);
const FLOWS_PER_WORLD = 20;

const endpointChoice = fc.oneof(
  { weight: 4, arbitrary: fc.nat().map((index) => ({ pod: index })) },
  { weight: 1, arbitrary: fc.constantFrom(...arbitrary.EXTERNAL_IPS).map((ip) => ({ ip })) },
);

const scenario = fc.record({
  pods: fc.array(arbitrary.pod, { minLength: 1, maxLength: 8 }),
  declared: fc.subarray(arbitrary.NAMESPACES),
  namespaceLabels: arbitrary.namespaceLabels,
  policies: fc.array(arbitrary.policy, { maxLength: 6 }),
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

void test(`the engine agrees with the reference evaluator on ${RUNS} random worlds`, () => {
  let compared = 0;
  fc.assert(
    fc.property(scenario, (input) => {
      compared += checkScenario(input);
    }),
    { numRuns: RUNS, seed: 20260101 },
  );
  assert.ok(compared >= RUNS * FLOWS_PER_WORLD);
});

function checkScenario(input: Scenario): number {
  const rawPods: RawPod[] = input.pods.map((pod, index) => ({ ...pod, name: `p${index}` }));
  const rawPolicies = input.policies.map((entry, index) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `np${index}`, namespace: entry.namespace },
    spec: entry.spec,
  }));
  const rawNamespaces = input.declared.map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: input.namespaceLabels[name as keyof typeof input.namespaceLabels] },
  }));
  const objects = [...rawNamespaces, ...rawPods.map(arbitrary.podObject), ...rawPolicies].map(
    arbitrary.placed,
  );
  const { policies, world } = evaluateWorkspace(objects, { dataplane: input.dataplane });
  const evaluate = createEvaluator(policies, world, { dataplane: input.dataplane });
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
  for (const choice of input.flows) {
    const source = pick(choice.source, rawPods);
    const destination = pick(choice.destination, rawPods);
    const rawFlow: RawFlow = { source, destination, port: choice.port, protocol: choice.protocol };
    const expected = referenceVerdict(referenceWorld, rawFlow, input.dataplane);
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
      declared: input.declared,
    });
    assert.equal(actual.allowed, expected.allowed, context);
    assert.deepEqual(toComparable(actual.egress), sorted(expected.egress), context);
    assert.deepEqual(toComparable(actual.ingress), sorted(expected.ingress), context);
  }
  return input.flows.length;
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

function toComparable(side: DirectionVerdict): ReferenceSide {
  return sorted({
    allowed: side.allowed,
    reason: side.reason,
    isolatedBy: side.isolatedBy.map((ref) => `${ref.namespace}/${ref.name}`),
    allowedBy: side.allowedBy.map(describeMatch),
  });
}

function describeMatch(match: RuleMatch): string {
  return `${match.policy.namespace}/${match.policy.name} ${match.ruleIndex} ${match.peerIndex ?? '-'} ${match.portIndex ?? '-'}`;
}

function sorted(side: ReferenceSide): ReferenceSide {
  return {
    ...side,
    isolatedBy: [...side.isolatedBy].sort(),
    allowedBy: [...side.allowedBy].sort(),
  };
}
