import { isPeerMatch, matchPeer } from '../evaluate/match-peer';
import type { PeerContext } from '../evaluate/match-peer';
import type { Dataplane, Direction } from '../evaluate/verdict';
import { parseAddress } from '../model/ip-block';
import { compileSelector } from '../model/selector';
import type { Labels, NetworkPolicy, Peer, Selector } from '../model/types';
import { namespaceLabels } from '../world/build-world';
import type { Pod, World } from '../world/types';

/** Where a peer sits in its policy. */
export interface PeerPlace {
  readonly direction: Direction;
  readonly ruleIndex: number;
  readonly peerIndex: number;
}

/** One `matchLabels` entry or `matchExpressions` item, taken alone. */
export interface Requirement {
  readonly field: 'podSelector' | 'namespaceSelector';
  readonly matchLabels?: string;
  readonly matchExpressions?: number;
}

/** Which selector: the policy's own, or one peer's (the AND of its two selectors). */
export interface SelectorTarget {
  readonly policy: NetworkPolicy;
  /** Absent for `spec.podSelector`. */
  readonly peer?: PeerPlace;
  /** Set when only one requirement counts; the rest of the peer stays as written. */
  readonly requirement?: Requirement;
}

export interface MatchedPod {
  readonly pod: Pod;
  /** The pod's labels that the pod selector tests. */
  readonly labels: Labels;
}

export interface MatchedNamespace {
  readonly name: string;
  /** The namespace's labels that the namespace selector tests. */
  readonly labels: Labels;
}

/** The effective set of a selector in the world. */
export interface Selection {
  readonly pods: readonly MatchedPod[];
  /** The namespaces in scope: the policy's own, or those the namespace selector matches. */
  readonly namespaces: readonly MatchedNamespace[];
  /** True when a namespace selector decides the scope. */
  readonly byNamespaceSelector: boolean;
}

/** What the selector matches, or `undefined` when the target is no selector (an ipBlock peer). */
export function selectPods(
  world: World,
  target: SelectorTarget,
  dataplane: Dataplane,
): Selection | undefined {
  if (target.peer === undefined) {
    return selectPolicyPods(world, target.policy, narrow(target.policy.podSelector, target));
  }
  const peer = peerOf(target.policy, target.peer);
  if (peer === undefined || peer.kind !== 'selector') {
    return undefined;
  }
  const narrowed: Peer = {
    ...peer,
    podSelector: narrowPeerPart(peer.podSelector, 'podSelector', target),
    namespaceSelector: narrowPeerPart(peer.namespaceSelector, 'namespaceSelector', target),
  };
  return selectPeerPods(world, target.policy.namespace, narrowed, dataplane);
}

/** The pods of its namespace that a policy's `spec.podSelector` selects. */
export function selectPolicyPods(
  world: World,
  policy: NetworkPolicy,
  selector: Selector | null = policy.podSelector,
): Selection {
  const candidates = world.podsByNamespace.get(policy.namespace) ?? [];
  const pods = selector === null ? [] : candidates.filter((pod) => selector.matches(pod.labels));
  return {
    pods: pods.map((pod) => ({ pod, labels: testedLabels(selector, pod.labels) })),
    namespaces: [{ name: policy.namespace, labels: {} }],
    byNamespaceSelector: false,
  };
}

function selectPeerPods(
  world: World,
  policyNamespace: string,
  peer: Extract<Peer, { kind: 'selector' }>,
  dataplane: Dataplane,
): Selection {
  const context: PeerContext = {
    dataplane,
    namespaceLabels: (name) => namespaceLabels(world, name),
    parse: parseAddress,
  };
  const namespaceSelector = peer.namespaceSelector;
  const namespaces: MatchedNamespace[] =
    namespaceSelector === undefined
      ? [{ name: policyNamespace, labels: {} }]
      : [...world.namespaces.values()]
          .filter((namespace) => namespaceSelector.matches(namespace.labels))
          .map((namespace) => ({
            name: namespace.name,
            labels: testedLabels(namespaceSelector, namespace.labels),
          }));
  const pods = namespaces
    .flatMap((namespace) => world.podsByNamespace.get(namespace.name) ?? [])
    .filter((pod) => isPeerMatch(matchPeer(context, peer, policyNamespace, { kind: 'pod', pod })));
  return {
    pods: pods.map((pod) => ({ pod, labels: testedLabels(peer.podSelector ?? null, pod.labels) })),
    namespaces,
    byNamespaceSelector: namespaceSelector !== undefined,
  };
}

export function peerOf(policy: NetworkPolicy, place: PeerPlace): Peer | undefined {
  return policy[place.direction][place.ruleIndex]?.peers?.[place.peerIndex];
}

function narrow(selector: Selector | null, target: SelectorTarget): Selector | null {
  return selector === null ? null : (narrowPeerPart(selector, 'podSelector', target) ?? null);
}

function narrowPeerPart(
  selector: Selector | undefined,
  field: Requirement['field'],
  target: SelectorTarget,
): Selector | undefined {
  const requirement = target.requirement;
  if (selector === undefined || requirement?.field !== field) {
    return selector;
  }
  if (requirement.matchLabels !== undefined) {
    const value = selector.matchLabels[requirement.matchLabels];
    return value === undefined
      ? selector
      : compileSelector({ matchLabels: { [requirement.matchLabels]: value } });
  }
  const expression = selector.matchExpressions[requirement.matchExpressions ?? -1];
  return expression === undefined ? selector : compileSelector({ matchExpressions: [expression] });
}

function testedLabels(selector: Selector | null, labels: Labels): Labels {
  if (selector === null) {
    return {};
  }
  const keys = new Set([
    ...Object.keys(selector.matchLabels),
    ...selector.matchExpressions.map((expression) => expression.key),
  ]);
  return Object.fromEntries(Object.entries(labels).filter(([key]) => keys.has(key)));
}
