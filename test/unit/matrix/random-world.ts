import fc from 'fast-check';
import { evaluateWorkspace } from '../../../server/src/engine/analysis/evaluate-workspace';
import type {
  ClusterPolicy,
  Dataplane,
  NetworkPolicy,
  World,
} from '../../../server/src/engine/analysis/evaluate-workspace';
import * as arbitrary from '../differential/arbitraries';

/** Small random worlds from the differential test's vocabularies, which make classes collide. */
export const scenario = fc.record({
  pods: fc.array(arbitrary.pod, { minLength: 1, maxLength: 10 }),
  declared: fc.subarray(arbitrary.NAMESPACES),
  namespaceLabels: arbitrary.namespaceLabels,
  policies: fc.array(arbitrary.policy, { maxLength: 6 }),
  dataplane: fc.constantFrom<Dataplane>('gke-dataplane-v2', 'kubernetes'),
});

/** The same with tiered cluster policies among the NetworkPolicies. */
export const tieredScenario = fc.record({
  pods: fc.array(arbitrary.pod, { minLength: 1, maxLength: 10 }),
  declared: fc.subarray(arbitrary.NAMESPACES),
  namespaceLabels: arbitrary.namespaceLabels,
  policies: fc.array(arbitrary.policy, { maxLength: 4 }),
  clusterPolicies: fc.array(arbitrary.clusterPolicySpec, { minLength: 1, maxLength: 5 }),
  dataplane: fc.constantFrom<Dataplane>('gke-dataplane-v2', 'kubernetes'),
});

export type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
type TieredScenario = typeof tieredScenario extends fc.Arbitrary<infer T> ? T : never;

export function build(input: Scenario | TieredScenario): {
  policies: readonly NetworkPolicy[];
  clusterPolicies: readonly ClusterPolicy[];
  world: World;
} {
  const pods = input.pods.map((pod, index) => arbitrary.podObject({ ...pod, name: `p${index}` }));
  const policies = input.policies.map((entry, index) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `np${index}`, namespace: entry.namespace },
    spec: entry.spec,
  }));
  const namespaces = input.declared.map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: input.namespaceLabels[name as keyof typeof input.namespaceLabels] },
  }));
  const clusterPolicies = ('clusterPolicies' in input ? input.clusterPolicies : []).map(
    (spec, index) => ({
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: `cnp${index}` },
      spec,
    }),
  );
  const objects = [...namespaces, ...pods, ...policies, ...clusterPolicies].map(arbitrary.placed);
  const evaluation = evaluateWorkspace(objects, { dataplane: input.dataplane });
  return {
    policies: evaluation.policies,
    clusterPolicies: evaluation.clusterPolicies,
    world: evaluation.world,
  };
}
