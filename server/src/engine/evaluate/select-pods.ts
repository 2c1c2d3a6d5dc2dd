import { isPeerMatch, matchPeer } from './match-peer';
import type { PeerContext } from './match-peer';
import type { Dataplane, Direction } from './verdict';
import { parseAddress } from '../model/ip-block';
import { compileSelector } from '../model/selector';
import type { Labels, NetworkPolicy, Peer, Selector } from '../model/types';
import { labelKey, namespaceLabels } from '../world/build-world';
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

/** Where a selector looks and the test a pod must pass there. */
interface Scope {
  readonly namespaces: readonly MatchedNamespace[];
  readonly byNamespaceSelector: boolean;
  /** The pod selector whose labels the hover shows. */
  readonly podSelector: Selector | null;
  readonly matches: (pod: Pod) => boolean;
}

/** What the selector matches, or `undefined` when the target is no selector (an ipBlock peer). */
export function selectPods(
  world: World,
  target: SelectorTarget,
  dataplane: Dataplane,
): Selection | undefined {
  const scope = scopeOf(world, target, dataplane);
  if (scope === undefined) {
    return undefined;
  }
  const pods = matchingPods(world, scope);
  return {
    pods: pods.map((pod) => ({ pod, labels: testedLabels(scope.podSelector, pod.labels) })),
    namespaces: scope.namespaces,
    byNamespaceSelector: scope.byNamespaceSelector,
  };
}

/** The pods the selector matches, in its scope's order; `undefined` for an ipBlock peer. */
export function podsMatchedBy(
  world: World,
  target: SelectorTarget,
  dataplane: Dataplane,
): Pod[] | undefined {
  const scope = scopeOf(world, target, dataplane);
  return scope === undefined ? undefined : matchingPods(world, scope);
}

/**
 * True when the selector's scope holds pods and it matches none of them; it stops at the first
 * match, as the check runs over every selector of the workspace.
 */
export function matchesNoPod(world: World, target: SelectorTarget, dataplane: Dataplane): boolean {
  const scope = scopeOf(world, target, dataplane);
  if (scope === undefined) {
    return false;
  }
  const hasPods = scope.namespaces.some(
    (namespace) => (world.podsByNamespace.get(namespace.name) ?? []).length > 0,
  );
  return hasPods && !matchesAny(world, scope);
}

/** The pods of its namespace that a policy's `spec.podSelector` selects. */
export function selectPolicyPods(world: World, policy: NetworkPolicy): Selection {
  return selectPods(world, { policy }, 'kubernetes') ?? emptySelection(policy.namespace);
}

function scopeOf(world: World, target: SelectorTarget, dataplane: Dataplane): Scope | undefined {
  const policyNamespace = target.policy.namespace;
  if (target.peer === undefined) {
    const selector = narrow(target.policy.podSelector, target);
    return {
      namespaces: [{ name: policyNamespace, labels: {} }],
      byNamespaceSelector: false,
      podSelector: selector,
      matches: (pod) => selector !== null && selector.matches(pod.labels),
    };
  }
  const written = peerOf(target.policy, target.peer);
  if (written === undefined || written.kind !== 'selector') {
    return undefined;
  }
  const peer: Extract<Peer, { kind: 'selector' }> = {
    ...written,
    podSelector: narrowPeerPart(written.podSelector, 'podSelector', target),
    namespaceSelector: narrowPeerPart(written.namespaceSelector, 'namespaceSelector', target),
  };
  const context: PeerContext = {
    dataplane,
    namespaceLabels: (name) => namespaceLabels(world, name),
    parse: parseAddress,
  };
  return {
    namespaces: peerNamespaces(world, policyNamespace, peer.namespaceSelector),
    byNamespaceSelector: peer.namespaceSelector !== undefined,
    podSelector: peer.podSelector ?? null,
    matches: (pod) => isPeerMatch(matchPeer(context, peer, policyNamespace, { kind: 'pod', pod })),
  };
}

// A peer without a namespace selector means the policy's own namespace.
function peerNamespaces(
  world: World,
  policyNamespace: string,
  namespaceSelector: Selector | undefined,
): MatchedNamespace[] {
  if (namespaceSelector === undefined) {
    return [{ name: policyNamespace, labels: {} }];
  }
  return [...world.namespaces.values()]
    .filter((namespace) => namespaceSelector.matches(namespace.labels))
    .map((namespace) => ({
      name: namespace.name,
      labels: testedLabels(namespaceSelector, namespace.labels),
    }));
}

/** Lists of pods worth testing; `namespaces`, when set, filters them to the scope. */
interface Candidates {
  readonly lists: readonly (readonly Pod[])[];
  readonly namespaces?: ReadonlySet<string>;
}

// The shorter of the scope's pods and, when the pod selector has `matchLabels`, the label
// index's list for one of them: the check runs over every selector of the workspace.
function candidatesOf(world: World, scope: Scope): Candidates {
  const inScope = scope.namespaces.map(
    (namespace) => world.podsByNamespace.get(namespace.name) ?? [],
  );
  let scopeSize = 0;
  inScope.forEach((pods) => (scopeSize += pods.length));
  let shortest: readonly Pod[] | undefined;
  for (const [key, value] of Object.entries(scope.podSelector?.matchLabels ?? {})) {
    const list = world.podsByLabel.get(labelKey(key, value)) ?? [];
    shortest = shortest === undefined || list.length < shortest.length ? list : shortest;
  }
  if (shortest === undefined || shortest.length >= scopeSize) {
    return { lists: inScope };
  }
  return {
    lists: [shortest],
    namespaces: new Set(scope.namespaces.map((namespace) => namespace.name)),
  };
}

function matchingPods(world: World, scope: Scope): Pod[] {
  const { lists, namespaces } = candidatesOf(world, scope);
  return lists.flatMap((list) =>
    list.filter(
      (pod) => (namespaces === undefined || namespaces.has(pod.namespace)) && scope.matches(pod),
    ),
  );
}

function matchesAny(world: World, scope: Scope): boolean {
  const { lists, namespaces } = candidatesOf(world, scope);
  for (const list of lists) {
    for (const pod of list) {
      if ((namespaces === undefined || namespaces.has(pod.namespace)) && scope.matches(pod)) {
        return true;
      }
    }
  }
  return false;
}

function emptySelection(namespace: string): Selection {
  return { pods: [], namespaces: [{ name: namespace, labels: {} }], byNamespaceSelector: false };
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
