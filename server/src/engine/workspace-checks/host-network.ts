import type { FileLookup } from '../check/document-analysis';
import { locateOrigin } from '../core/locate-origin';
import type { PlacedProblem } from '../core/source';
import type { Dataplane } from '../core/vocabulary';
import type { NetworkPolicy } from '../model/types';
import type { World } from '../world/types';

/**
 * A warning on a policy whose selected pods all use the host network: GKE Dataplane V2 applies no
 * network policy to them (they have the node's identity), so the policy does nothing there. Said
 * only under that profile, and only when the policy selects some pod of the workspace.
 */
export function checkHostNetworkPolicy(
  policy: NetworkPolicy,
  world: World,
  dataplane: Dataplane,
  file: FileLookup,
): PlacedProblem[] {
  const selector = policy.podSelector;
  if (dataplane !== 'gke-dataplane-v2' || selector === null || !selector.valid) {
    return [];
  }
  const selected = (world.podsByNamespace.get(policy.namespace) ?? []).filter((pod) =>
    selector.matches(pod.labels),
  );
  const first = selected[0];
  if (first === undefined || !selected.every((pod) => pod.hostNetwork)) {
    return [];
  }
  const span = locateOrigin(file, policy.origin, ['spec', 'podSelector'], 'key');
  const which =
    selected.length === 1
      ? `The only pod this policy selects, ${first.namespace}/${first.name}, uses`
      : `All ${selected.length} pods this policy selects, such as ${first.namespace}/${first.name}, use`;
  const message = `${which} the host network, and GKE Dataplane V2 applies no network policy to host-network pods: this policy has no effect.`;
  return span === undefined
    ? []
    : [
        {
          uri: policy.origin.uri,
          problem: { code: 'dataplane-v2-host-network', severity: 'warning', message, span },
        },
      ];
}
