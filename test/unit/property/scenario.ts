import fc from 'fast-check';
import {
  createEvaluator,
  evaluateWorkspace,
} from '../../../server/src/engine/analysis/evaluate-workspace';
import type {
  Dataplane,
  DirectionVerdict,
  Endpoint,
  Verdict,
} from '../../../server/src/engine/analysis/evaluate-workspace';
import type { PlacedObject } from '../../../server/src/engine/core/source';
import * as arbitrary from '../differential/arbitraries';

const endpointChoice = fc.oneof(
  { weight: 4, arbitrary: fc.nat().map((index) => ({ pod: index })) },
  { weight: 1, arbitrary: fc.constantFrom(...arbitrary.EXTERNAL_IPS).map((ip) => ({ ip })) },
);

export const scenario = fc.record({
  pods: fc.array(arbitrary.pod, { minLength: 1, maxLength: 6 }),
  declared: fc.subarray(arbitrary.NAMESPACES),
  namespaceLabels: arbitrary.namespaceLabels,
  policies: fc.array(arbitrary.policy, { maxLength: 5 }),
  flows: fc.array(
    fc.record({
      source: endpointChoice,
      destination: endpointChoice,
      port: fc.constantFrom(...arbitrary.PORTS),
      protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const),
    }),
    { minLength: 10, maxLength: 10 },
  ),
  dataplane: fc.constantFrom<Dataplane>('gke-dataplane-v2', 'kubernetes'),
});

export type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

export function toObjects(input: Scenario): PlacedObject[] {
  const namespaces = input.declared.map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: input.namespaceLabels[name as keyof typeof input.namespaceLabels] },
  }));
  const pods = input.pods.map((pod, index) => arbitrary.podObject({ ...pod, name: `p${index}` }));
  const policies = input.policies.map((entry, index) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `np${index}`, namespace: entry.namespace },
    spec: entry.spec,
  }));
  return [...namespaces, ...pods, ...policies].map(arbitrary.placed);
}

/** The verdict of every flow of the scenario, evaluated over `objects`. */
export function verdicts(input: Scenario, objects: readonly PlacedObject[]): Verdict[] {
  const { policies, world } = evaluateWorkspace(objects, { dataplane: input.dataplane });
  const evaluate = createEvaluator(policies, world, { dataplane: input.dataplane });
  const endpoint = (choice: { pod: number } | { ip: string }): Endpoint => {
    if ('ip' in choice) {
      return { kind: 'external', ip: choice.ip };
    }
    const name = `p${choice.pod % input.pods.length}`;
    return { kind: 'pod', pod: world.pods.find((pod) => pod.name === name)! };
  };
  return input.flows.map((flow) =>
    evaluate({
      source: endpoint(flow.source),
      destination: endpoint(flow.destination),
      port: flow.port,
      protocol: flow.protocol,
    }),
  );
}

/** A verdict as comparable data: decisions and rule references, policy order aside. */
export function comparable(verdict: Verdict): unknown {
  const side = (direction: DirectionVerdict) => ({
    allowed: direction.allowed,
    reason: direction.reason,
    isolatedBy: direction.isolatedBy.map((ref) => `${ref.namespace}/${ref.name}`).sort(),
    allowedBy: direction.allowedBy
      .map(
        (match) =>
          `${match.policy.namespace}/${match.policy.name} ${match.ruleIndex} ${match.peerIndex} ${match.portIndex}`,
      )
      .sort(),
    notes: direction.notes
      .map((note) => `${note.code} ${note.rule?.policy.name} ${note.rule?.ruleIndex}`)
      .sort(),
  });
  return { allowed: verdict.allowed, egress: side(verdict.egress), ingress: side(verdict.ingress) };
}
