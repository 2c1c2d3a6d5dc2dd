import type { Dataplane, Direction } from '../evaluate/verdict';
import { locateOrigin } from '../locate-origin';
import type { FileLookup } from '../locate-origin';
import type { NetworkPolicy, Peer } from '../model/types';
import type { PlacedProblem } from '../source';
import type { World } from '../world/types';
import { selectPods, selectPolicyPods } from './select-pods';
import type { Selection } from './select-pods';

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
          const selection = isCheckable(peer) ? selectPods(world, target, dataplane) : undefined;
          return selection === undefined || !isEmpty(selection, world)
            ? []
            : peerProblem(policy, peer, file);
        }),
      ),
    ),
  ]);
}

function checkPolicySelector(
  policy: NetworkPolicy,
  world: World,
  file: FileLookup,
): PlacedProblem[] {
  if (policy.podSelector === null || !policy.podSelector.valid) {
    return [];
  }
  if (!isEmpty(selectPolicyPods(world, policy), world)) {
    return [];
  }
  const span = locateOrigin(file, policy.origin, ['spec', 'podSelector'], 'key');
  const message = `spec.podSelector matches no pod of namespace "${policy.namespace}" in the workspace.`;
  return span === undefined
    ? []
    : [
        {
          uri: policy.origin.uri,
          problem: { code: 'selects-nothing', severity: 'warning', message, span },
        },
      ];
}

function isCheckable(peer: Peer): boolean {
  return (
    peer.kind === 'selector' &&
    peer.podSelector?.valid !== false &&
    peer.namespaceSelector?.valid !== false
  );
}

/** No pod matched, though some namespace in scope has pods. */
function isEmpty(selection: Selection, world: World): boolean {
  return (
    selection.pods.length === 0 &&
    selection.namespaces.some(
      (namespace) => (world.podsByNamespace.get(namespace.name) ?? []).length > 0,
    )
  );
}

function peerProblem(policy: NetworkPolicy, peer: Peer, file: FileLookup): PlacedProblem[] {
  const field =
    peer.kind === 'selector' && peer.podSelector === undefined
      ? 'namespaceSelector'
      : 'podSelector';
  const span = locateOrigin(file, peer.origin, [field], 'key');
  const scope =
    peer.kind === 'selector' && peer.namespaceSelector !== undefined
      ? 'of the namespaces it selects'
      : `of namespace "${policy.namespace}"`;
  const message = `This peer matches no pod ${scope} in the workspace.`;
  return span === undefined
    ? []
    : [
        {
          uri: peer.origin.uri,
          problem: { code: 'selects-nothing', severity: 'warning', message, span },
        },
      ];
}
