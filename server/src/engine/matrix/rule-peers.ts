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
import type { PodClass } from './types';

/** The classes a rule's peers admit, found once per rule: the representative pod of each decides. */
export type RulePeers = (rule: Rule, policyNamespace: string) => Bitset;

export function createRulePeers(
  classes: readonly PodClass[],
  world: World,
  dataplane: Dataplane,
): RulePeers {
  const context = createPeerContext(world, dataplane);
  const everyClass = fullBitset(classes.length);
  const byNamespace = new Map<string, number[]>();
  classes.forEach((podClass, index) => {
    const list = byNamespace.get(podClass.namespace);
    if (list === undefined) {
      byNamespace.set(podClass.namespace, [index]);
    } else {
      list.push(index);
    }
  });
  const admits = (peer: Peer, policyNamespace: string, candidates: readonly number[]): Bitset => {
    const bits = createBitset(classes.length);
    for (const index of candidates) {
      const endpoint = { kind: 'pod', pod: classes[index]!.pods[0]! } as const;
      if (isPeerMatch(matchPeer(context, peer, policyNamespace, endpoint))) {
        add(bits, index);
      }
    }
    return bits;
  };
  const namespacesOf = (selector: Selector): readonly string[] =>
    [...byNamespace.keys()].filter((name) => selector.matches(namespaceLabels(world, name)));
  // The same as matchPeer on each class's representative, with the namespace test done once per
  // namespace rather than once per class.
  const admitsBySelector = (
    peer: Extract<Peer, { kind: 'selector' }>,
    policyNamespace: string,
  ): Bitset => {
    const bits = createBitset(classes.length);
    const namespaces =
      peer.namespaceSelector === undefined
        ? [policyNamespace]
        : namespacesOf(peer.namespaceSelector);
    for (const name of namespaces) {
      for (const index of byNamespace.get(name) ?? []) {
        const podClass = classes[index]!;
        if (peer.podSelector !== undefined && !peer.podSelector.matches(podClass.labels)) {
          continue;
        }
        // gke-dataplane-v2: selector peers never match a host-network pod.
        if (!podClass.hostNetwork || dataplane === 'kubernetes') {
          add(bits, index);
        }
      }
    }
    return bits;
  };
  const allClasses = classes.map((_, index) => index);
  const byText = new Map<string, Bitset>();
  const peerBits = (peer: Peer, policyNamespace: string): Bitset => {
    if (peer.kind === 'invalid') {
      return createBitset(classes.length);
    }
    const text = peerText(peer, policyNamespace);
    let bits = byText.get(text);
    if (bits === undefined) {
      bits =
        peer.kind === 'ipBlock'
          ? admits(peer, policyNamespace, allClasses)
          : admitsBySelector(peer, policyNamespace);
      byText.set(text, bits);
    }
    return bits;
  };
  const byRule = new Map<Rule, Bitset>();
  return (rule, policyNamespace) => {
    let bits = byRule.get(rule);
    if (bits === undefined) {
      if (rule.peers === null) {
        bits = everyClass;
      } else {
        bits = createBitset(classes.length);
        for (const peer of rule.peers) {
          unionInto(bits, peerBits(peer, policyNamespace));
        }
      }
      byRule.set(rule, bits);
    }
    return bits;
  };
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

function selectorText(selector: Selector): unknown {
  return [selector.valid, selector.matchLabels, selector.matchExpressions];
}
