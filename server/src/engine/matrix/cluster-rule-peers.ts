import { failsClosed, matchClusterPeer } from '../evaluate/match-cluster-rule';
import type { PeerContext } from '../evaluate/match-peer';
import type { Dataplane } from '../evaluate/verdict';
import { parseAddress } from '../model/ip-block';
import type { ClusterPeer, ClusterRule } from '../model/cluster-policy';
import { namespaceLabels } from '../world/build-world';
import type { World } from '../world/types';
import type { Bitset } from './bitset';
import { add, createBitset, fullBitset, unionInto } from './bitset';
import { classesByNamespace } from './group-classes';
import { selectorText } from './rule-peers';
import type { PodClass } from './types';

/** What finding a peer's classes needs, gathered once per matrix. */
interface PeerScope {
  readonly classes: readonly PodClass[];
  readonly world: World;
  readonly context: PeerContext;
  readonly byNamespace: ReadonlyMap<string, readonly number[]>;
  /** The classes of each peer found so far, by its text. */
  readonly byPeer: Map<string, Bitset>;
}

/** The classes a cluster rule's peers hold, found once per rule; all when it fails closed. */
export function createClusterRulePeers(
  classes: readonly PodClass[],
  world: World,
  dataplane: Dataplane,
): (rule: ClusterRule) => Bitset {
  const scope: PeerScope = {
    classes,
    world,
    context: {
      dataplane,
      namespaceLabels: (name) => namespaceLabels(world, name),
      parse: parseAddress,
    },
    byNamespace: classesByNamespace(classes),
    byPeer: new Map(),
  };
  const byRule = new Map<ClusterRule, Bitset>();
  return (rule) => {
    let bits = byRule.get(rule);
    if (bits === undefined) {
      bits = ruleBits(scope, rule);
      byRule.set(rule, bits);
    }
    return bits;
  };
}

function ruleBits(scope: PeerScope, rule: ClusterRule): Bitset {
  if (failsClosed(rule)) {
    return fullBitset(scope.classes.length);
  }
  const bits = createBitset(scope.classes.length);
  for (const peer of rule.peers) {
    unionInto(bits, peerBits(scope, peer));
  }
  return bits;
}

// Rules often repeat a peer, so each one written alike is matched once.
function peerBits(scope: PeerScope, peer: ClusterPeer): Bitset {
  const text = peerText(peer);
  let bits = scope.byPeer.get(text);
  if (bits === undefined) {
    bits =
      peer.kind === 'namespaces' || peer.kind === 'pods'
        ? selectorPeerBits(scope, peer)
        : otherPeerBits(scope, peer);
    scope.byPeer.set(text, bits);
  }
  return bits;
}

// The same as matchClusterPeer on each class's representative, with the namespace test done
// once per namespace rather than once per class.
function selectorPeerBits(
  scope: PeerScope,
  peer: ClusterPeer & { kind: 'namespaces' | 'pods' },
): Bitset {
  const bits = createBitset(scope.classes.length);
  const namespaceSelector = peer.kind === 'pods' ? peer.namespaceSelector : peer.namespaces;
  for (const [name, members] of scope.byNamespace) {
    if (!namespaceSelector.matches(namespaceLabels(scope.world, name))) {
      continue;
    }
    for (const index of members) {
      const podClass = scope.classes[index]!;
      if (
        !podClass.hostNetwork &&
        (peer.kind === 'namespaces' || peer.podSelector.matches(podClass.labels))
      ) {
        add(bits, index);
      }
    }
  }
  return bits;
}

function otherPeerBits(scope: PeerScope, peer: ClusterPeer): Bitset {
  const bits = createBitset(scope.classes.length);
  scope.classes.forEach((podClass, index) => {
    if (matchClusterPeer(scope.context, peer, { kind: 'pod', pod: podClass.pods[0]! })) {
      add(bits, index);
    }
  });
  return bits;
}

// Peers written alike hold the same classes.
function peerText(peer: ClusterPeer): string {
  switch (peer.kind) {
    case 'namespaces':
      return JSON.stringify(['namespaces', selectorText(peer.namespaces)]);
    case 'pods':
      return JSON.stringify([
        'pods',
        selectorText(peer.namespaceSelector),
        selectorText(peer.podSelector),
      ]);
    case 'networks':
      return JSON.stringify(['networks', peer.networks.map((block) => block.key)]);
    default:
      return peer.kind;
  }
}
