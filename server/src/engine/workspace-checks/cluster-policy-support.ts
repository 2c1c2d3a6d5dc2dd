import type { FileLookup } from '../check/document-analysis';
import { compareOrigins } from '../core/compare-origins';
import { locateOrigin } from '../core/locate-origin';
import type { PlacedProblem } from '../core/source';
import type { Dataplane } from '../core/vocabulary';
import type { ClusterPolicy } from '../model/cluster-policy';

/**
 * One warning for the whole workspace under `gke-dataplane-v2`: no public GKE document says
 * Dataplane V2 installs or enforces the tiered cluster policy kinds. Said once, on the `kind` of
 * the first such policy in file order, with how many the workspace holds: a warning on each would
 * repeat one fact about the cluster, not about any policy.
 */
export function checkClusterPolicySupport(
  clusterPolicies: readonly ClusterPolicy[],
  dataplane: Dataplane,
  file: FileLookup,
): PlacedProblem[] {
  if (dataplane !== 'gke-dataplane-v2') {
    return [];
  }
  const first = clusterPolicies.reduce<ClusterPolicy | undefined>(
    (found, policy) =>
      found === undefined || compareOrigins(policy.origin, found.origin) < 0 ? policy : found,
    undefined,
  );
  const span = first && locateOrigin(file, first.origin, ['kind']);
  if (first === undefined || span === undefined) {
    return [];
  }
  const count = clusterPolicies.length;
  const held = count === 1 ? 'this one' : `${count} of them, this one first`;
  const message = `GKE documents no support for ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy, and the workspace holds ${held}; verdicts evaluate them by the upstream semantics.`;
  return [
    {
      uri: first.origin.uri,
      problem: { code: 'dataplane-v2-cluster-policy', severity: 'warning', message, span },
    },
  ];
}
