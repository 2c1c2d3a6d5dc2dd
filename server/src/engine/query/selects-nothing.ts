import type { Dataplane, Direction } from '../evaluate/verdict';
import { locateOrigin } from '../locate-origin';
import type { FileLookup } from '../locate-origin';
import type { NetworkPolicy, Peer } from '../model/types';
import type { Path, PlacedProblem } from '../source';
import type { Origin, Pod, World } from '../world/types';
import { matchesNoPod } from './select-pods';

const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

/**
 * A `selects-nothing` warning on each selector that matches no pod, where the workspace
 * declares pods in the selector's scope: a repository of policies alone, or a namespace
 * selector for namespaces the workspace does not describe (kube-system), says nothing.
 */
export function checkSelectsNothing(
  policies: readonly NetworkPolicy[],
  world: World,
  dataplane: Dataplane,
  file: FileLookup,
): PlacedProblem[] {
  if (world.pods.length === 0) {
    return [];
  }
  return policies.flatMap((policy) => [
    ...checkPolicySelector(policy, world, file),
    ...DIRECTIONS.flatMap((direction) =>
      policy[direction].flatMap((rule, ruleIndex) =>
        (rule.peers ?? []).flatMap((peer, peerIndex) => {
          const target = { policy, peer: { direction, ruleIndex, peerIndex } };
          return isCheckable(peer) && matchesNoPod(world, target, dataplane)
            ? peerProblem(policy, peer, file)
            : [];
        }),
      ),
    ),
  ]);
}

/**
 * Whether replacing `pods` (old and new versions of the same pods: same names, namespaces and
 * host-network setting) could change what `checkSelectsNothing` says of the policy: when one of
 * them matches one of its pod selectors. Which namespaces have pods stays the same, so a peer with
 * only a namespace selector keeps its answer; a peer's pod selector counts in every namespace.
 */
export function mayChangeSelection(policy: NetworkPolicy, pods: ReadonlySet<Pod>): boolean {
  if (pods.size === 0) {
    return false;
  }
  const peers = [...policy.ingress, ...policy.egress].flatMap((rule) => rule.peers ?? []);
  for (const pod of pods) {
    if (pod.namespace === policy.namespace && policy.podSelector?.matches(pod.labels) === true) {
      return true;
    }
    for (const peer of peers) {
      if (peer.kind === 'selector' && peer.podSelector?.matches(pod.labels) === true) {
        return true;
      }
    }
  }
  return false;
}

function checkPolicySelector(
  policy: NetworkPolicy,
  world: World,
  file: FileLookup,
): PlacedProblem[] {
  if (policy.podSelector?.valid !== true || !matchesNoPod(world, { policy }, 'kubernetes')) {
    return [];
  }
  const message = `spec.podSelector matches no pod of namespace "${policy.namespace}" in the workspace.`;
  return warning(file, policy.origin, ['spec', 'podSelector'], message);
}

function isCheckable(peer: Peer): boolean {
  return (
    peer.kind === 'selector' &&
    peer.podSelector?.valid !== false &&
    peer.namespaceSelector?.valid !== false
  );
}

function peerProblem(policy: NetworkPolicy, peer: Peer, file: FileLookup): PlacedProblem[] {
  const byNamespace = peer.kind === 'selector' && peer.namespaceSelector !== undefined;
  const field =
    peer.kind === 'selector' && peer.podSelector === undefined
      ? 'namespaceSelector'
      : 'podSelector';
  const scope = byNamespace ? 'of the namespaces it selects' : `of namespace "${policy.namespace}"`;
  return warning(file, peer.origin, [field], `This peer matches no pod ${scope} in the workspace.`);
}

function warning(file: FileLookup, origin: Origin, path: Path, message: string): PlacedProblem[] {
  const span = locateOrigin(file, origin, path, 'key');
  return span === undefined
    ? []
    : [
        {
          uri: origin.uri,
          problem: { code: 'selects-nothing', severity: 'warning', message, span },
        },
      ];
}
