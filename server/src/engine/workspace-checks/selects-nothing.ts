import type { Dataplane, Direction } from '../evaluate/verdict';
import { locateOrigin } from '../core/locate-origin';
import type { FileLookup } from '../check/document-analysis';
import { selectsPod } from '../model/types';
import type { NetworkPolicy, Peer } from '../model/types';
import type { Path, PlacedProblem } from '../core/source';
import type { Origin, Pod, World } from '../world/types';
import { matchesNoPod } from '../evaluate/select-pods';

const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

/**
 * A `selects-nothing` warning on each selector of the policy that matches no pod, where the
 * workspace declares pods in the selector's scope: a repository of policies alone, or a namespace
 * selector for namespaces the workspace does not describe (kube-system), says nothing. By
 * selector: `podSelector`, or `ingress/0/1` for the second peer of the first ingress rule. With
 * `keys`, only those selectors are checked.
 */
export function checkPolicySelectors(
  policy: NetworkPolicy,
  world: World,
  dataplane: Dataplane,
  file: FileLookup,
  keys?: ReadonlySet<string>,
  answers: Answers = new Map(),
): Map<string, PlacedProblem[]> {
  const found = new Map<string, PlacedProblem[]>();
  if (world.pods.length === 0) {
    return found;
  }
  if (keys?.has(POLICY_SELECTOR) !== false) {
    found.set(POLICY_SELECTOR, checkPolicySelector(policy, world, file, answers));
  }
  for (const direction of DIRECTIONS) {
    policy[direction].forEach((rule, ruleIndex) => {
      (rule.peers ?? []).forEach((peer, peerIndex) => {
        const key = `${direction}/${ruleIndex}/${peerIndex}`;
        if (keys?.has(key) === false) {
          return;
        }
        if (!isCheckable(peer)) {
          found.set(key, []);
          return;
        }
        const target = { policy, peer: { direction, ruleIndex, peerIndex } };
        const nothing = answer(
          answers,
          ['peer', dataplane, policy.namespace, peer.podSelector, peer.namespaceSelector],
          () => matchesNoPod(world, target, dataplane),
        );
        found.set(key, nothing ? peerProblem(policy, peer, file) : []);
      });
    });
  }
  return found;
}

/**
 * Whether selectors match no pod, by what they say: in one world, the same selectors in the same
 * namespace give the same answer, so an edit of a policy's ports does not search the pods again
 * for its unchanged selectors.
 */
export type Answers = Map<string, boolean>;

function answer(answers: Answers, question: readonly unknown[], find: () => boolean): boolean {
  // A selector's `matches` is a function, which JSON leaves out.
  const key = JSON.stringify(question);
  let found = answers.get(key);
  if (found === undefined) {
    found = find();
    answers.set(key, found);
  }
  return found;
}

const POLICY_SELECTOR = 'podSelector';

/**
 * The selectors of the policy (keys as in `checkPolicySelectors`) whose answer replacing `pods`
 * (old and new versions of the same pods: same names, namespaces and host-network setting) could
 * change: those whose pod selector matches one of them. Which namespaces have pods stays the
 * same, so a peer with only a namespace selector keeps its answer; a peer's pod selector is
 * taken to count in every namespace.
 */
export function selectorsTouching(policy: NetworkPolicy, pods: ReadonlySet<Pod>): Set<string> {
  const keys = new Set<string>();
  for (const pod of pods) {
    if (selectsPod(policy, pod)) {
      keys.add(POLICY_SELECTOR);
    }
    for (const direction of DIRECTIONS) {
      policy[direction].forEach((rule, ruleIndex) => {
        (rule.peers ?? []).forEach((peer, peerIndex) => {
          if (peer.kind === 'selector' && peer.podSelector?.matches(pod.labels) === true) {
            keys.add(`${direction}/${ruleIndex}/${peerIndex}`);
          }
        });
      });
    }
  }
  return keys;
}

function checkPolicySelector(
  policy: NetworkPolicy,
  world: World,
  file: FileLookup,
  answers: Answers,
): PlacedProblem[] {
  if (
    policy.podSelector?.valid !== true ||
    !answer(answers, ['policy', policy.namespace, policy.podSelector], () =>
      matchesNoPod(world, { policy }, 'kubernetes'),
    )
  ) {
    return [];
  }
  const message = `spec.podSelector matches no pod of namespace "${policy.namespace}" in the workspace.`;
  return warning(file, policy.origin, ['spec', 'podSelector'], message);
}

function isCheckable(peer: Peer): peer is Extract<Peer, { kind: 'selector' }> {
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
