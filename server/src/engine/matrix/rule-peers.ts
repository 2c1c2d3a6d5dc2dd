import { isPeerMatch, matchPeer } from '../evaluate/match-peer';
import type { PeerContext } from '../evaluate/match-peer';
import type { Dataplane } from '../evaluate/verdict';
import type { Address } from '../model/ip-block';
import { parseAddress } from '../model/ip-block';
import type { Peer, Rule, Selector } from '../model/types';
import { namespaceLabels } from '../world/build-world';
import type { Pod, World } from '../world/types';
import type { Bitset } from './bitset';
import { add, createBitset, fullBitset, unionInto } from './bitset';
import { classesByNamespace } from './group-classes';
import type { PodClass } from './types';

/** The classes a rule's peers admit, found once per rule: the representative pod of each decides. */
export type RulePeers = (rule: Rule, policyNamespace: string) => Bitset;

/** What finding a peer's classes needs, gathered once per matrix. */
interface PeerScope {
  readonly classes: readonly PodClass[];
  readonly world: World;
  readonly dataplane: Dataplane;
  readonly context: PeerContext;
  readonly byNamespace: ReadonlyMap<string, readonly number[]>;
  readonly allClasses: readonly number[];
  /** The classes of each peer found so far, by its text. */
  readonly byText: Map<string, Bitset>;
}

export function createRulePeers(
  classes: readonly PodClass[],
  world: World,
  dataplane: Dataplane,
): RulePeers {
  const scope: PeerScope = {
    classes,
    world,
    dataplane,
    context: createPeerContext(world, dataplane),
    byNamespace: classesByNamespace(classes),
    allClasses: classes.map((_, index) => index),
    byText: new Map(),
  };
  const everyClass = fullBitset(classes.length);
  const byRule = new Map<Rule, Bitset>();
  return (rule, policyNamespace) => {
    let bits = byRule.get(rule);
    if (bits === undefined) {
      bits = rule.peers === null ? everyClass : peersBits(scope, rule.peers, policyNamespace);
      byRule.set(rule, bits);
    }
    return bits;
  };
}

function peersBits(scope: PeerScope, peers: readonly Peer[], policyNamespace: string): Bitset {
  const bits = createBitset(scope.classes.length);
  for (const peer of peers) {
    unionInto(bits, peerBits(scope, peer, policyNamespace));
  }
  return bits;
}

// Rules often repeat a peer, so each one written alike is matched once.
function peerBits(scope: PeerScope, peer: Peer, policyNamespace: string): Bitset {
  if (peer.kind === 'invalid') {
    return createBitset(scope.classes.length);
  }
  const text = peerText(peer, policyNamespace);
  let bits = scope.byText.get(text);
  if (bits === undefined) {
    bits =
      peer.kind === 'ipBlock'
        ? admits(scope, peer, policyNamespace, scope.allClasses)
        : admitsBySelector(scope, peer, policyNamespace);
    scope.byText.set(text, bits);
  }
  return bits;
}

function admits(
  scope: PeerScope,
  peer: Peer,
  policyNamespace: string,
  candidates: readonly number[],
): Bitset {
  const bits = createBitset(scope.classes.length);
  for (const index of candidates) {
    const endpoint = { kind: 'pod', pod: scope.classes[index]!.pods[0]! } as const;
    if (isPeerMatch(matchPeer(scope.context, peer, policyNamespace, endpoint))) {
      add(bits, index);
    }
  }
  return bits;
}

// The same as matchPeer on each class's representative, with the namespace test done once per
// namespace rather than once per class.
function admitsBySelector(
  scope: PeerScope,
  peer: Extract<Peer, { kind: 'selector' }>,
  policyNamespace: string,
): Bitset {
  const bits = createBitset(scope.classes.length);
  const namespaces =
    peer.namespaceSelector === undefined
      ? [policyNamespace]
      : namespacesOf(scope, peer.namespaceSelector);
  for (const name of namespaces) {
    for (const index of scope.byNamespace.get(name) ?? []) {
      const podClass = scope.classes[index]!;
      if (peer.podSelector !== undefined && !peer.podSelector.matches(podClass.labels)) {
        continue;
      }
      // gke-dataplane-v2: selector peers never match a host-network pod.
      if (!podClass.hostNetwork || scope.dataplane === 'kubernetes') {
        add(bits, index);
      }
    }
  }
  return bits;
}

function namespacesOf(scope: PeerScope, selector: Selector): readonly string[] {
  return [...scope.byNamespace.keys()].filter((name) =>
    selector.matches(namespaceLabels(scope.world, name)),
  );
}

function createPeerContext(world: World, dataplane: Dataplane): PeerContext {
  const addresses = new Map<Pod, readonly Address[]>();
  return {
    dataplane,
    namespaceLabels: (name) => namespaceLabels(world, name),
    parse: parseAddress,
    podAddresses: (pod) => {
      let found = addresses.get(pod);
      if (found === undefined) {
        found = pod.ips.flatMap((ip) => parseAddress(ip) ?? []);
        addresses.set(pod, found);
      }
      return found;
    },
  };
}

// Peers written alike admit the same classes; a podSelector alone depends on the namespace.
function peerText(peer: Exclude<Peer, { kind: 'invalid' }>, policyNamespace: string): string {
  if (peer.kind === 'ipBlock') {
    return JSON.stringify(['ipBlock', peer.ipBlock.cidr, peer.ipBlock.except]);
  }
  const { podSelector, namespaceSelector } = peer;
  return JSON.stringify([
    namespaceSelector === undefined ? policyNamespace : selectorText(namespaceSelector),
    podSelector === undefined ? null : selectorText(podSelector),
  ]);
}

export function selectorText(selector: Selector): unknown {
  return [selector.valid, selector.matchLabels, selector.matchExpressions];
}
