import { parseAddress } from '../model/ip-block';
import type { ClusterPolicy } from '../model/cluster-policy';
import type { IpBlock, NetworkPolicy } from '../model/types';
import type { Pod } from '../world/types';
import { createSignatures } from './address-signatures';
import type { SignatureOf } from './address-signatures';
import { createPodMemo } from './pod-memo';
import type { Endpoint } from './verdict';

/**
 * Sorts endpoints into classes that every verdict treats alike. Selection and selector peers
 * read a pod's namespace, labels and host-network setting; named ports read the destination's
 * ports; ipBlocks read its addresses, which count here only as the set of the policies' ipBlocks
 * that contain one of them. Two endpoints with the same key get the same verdict, to the letter.
 */
export interface Classifier {
  /** The key of an endpoint: pods with their own addresses, or with the one the flow named. */
  readonly keyOf: (endpoint: Endpoint) => number;
  /** The key of a pod with its own addresses. */
  readonly keyOfPod: (pod: Pod) => number;
  /** The key of a pod's namespace, labels and host-network setting (its selections). */
  readonly selectionKeyOf: (pod: Pod) => number;
}

export interface ClassifierOptions {
  /**
   * False when pod addresses can never meet an ipBlock's outcome or note, as for a question
   * that only asks allowed or denied under gke-dataplane-v2: classes then ignore them.
   */
  readonly podAddresses?: boolean;
}

export function createClassifier(
  policies: readonly NetworkPolicy[],
  options: ClassifierOptions = {},
  clusterPolicies: readonly ClusterPolicy[] = [],
): Classifier {
  // A cluster policy's networks match pod addresses under every profile.
  const clusterBlocks = distinctClusterBlocks(clusterPolicies);
  return classifierOf(
    options.podAddresses === false
      ? clusterBlocks
      : [...distinctBlocks(policies), ...clusterBlocks],
  );
}

/** A classifier over the given ipBlocks, written differently (see `distinctBlocks`). */
export function classifierOf(blocks: readonly IpBlock[]): Classifier {
  const signatureOf = createSignatures(blocks);
  const endpointKeys = createInterner();
  const selectionKeyOf = createSelectionKeys();
  const podKey = createPodKey(endpointKeys, selectionKeyOf);
  const keyOfPod = createOwnAddressKeys(podKey, signatureOf);
  const keyOfNamedIp = createNamedIpKeys(podKey, keyOfPod, signatureOf);
  const keyOfExternal = createExternalKeys(endpointKeys, signatureOf);
  return {
    keyOf: (endpoint) => {
      if (endpoint.kind === 'external') {
        return keyOfExternal(endpoint.ip);
      }
      return endpoint.ip === undefined
        ? keyOfPod(endpoint.pod)
        : keyOfNamedIp(endpoint.pod, endpoint.ip);
    },
    keyOfPod,
    selectionKeyOf,
  };
}

type Interner = (text: string) => number;
/** The key of a pod whose addresses have the given signature. */
type PodKey = (pod: Pod, signature: number) => number;

// Each factory below keeps its own memo, so a key is worked out once per pod or address.
function createSelectionKeys(): (pod: Pod) => number {
  const selectionKeys = createInterner();
  const bySelection = createPodMemo<number>();
  return (pod) => {
    let key = bySelection.get(pod);
    if (key === undefined) {
      key = selectionKeys(selectionText(pod));
      bySelection.set(pod, key);
    }
    return key;
  };
}

function createPodKey(endpointKeys: Interner, selectionKeyOf: (pod: Pod) => number): PodKey {
  const portSets = createInterner();
  return (pod, signature) =>
    endpointKeys(`${selectionKeyOf(pod)}/${signature}/${portSets(JSON.stringify(pod.ports))}`);
}

function createOwnAddressKeys(podKey: PodKey, signatureOf: SignatureOf): (pod: Pod) => number {
  const byPod = createPodMemo<number>();
  return (pod) => {
    let key = byPod.get(pod);
    if (key === undefined) {
      key = podKey(pod, signatureOf(pod.ips));
      byPod.set(pod, key);
    }
    return key;
  };
}

function createNamedIpKeys(
  podKey: PodKey,
  keyOfPod: (pod: Pod) => number,
  signatureOf: SignatureOf,
): (pod: Pod, ip: string) => number {
  const byNamedIp = createPodMemo<Map<string, number>>();
  return (pod, ip) => {
    let byIp = byNamedIp.get(pod);
    if (byIp === undefined) {
      byIp = new Map();
      byNamedIp.set(pod, byIp);
    }
    let key = byIp.get(ip);
    if (key === undefined) {
      // An address that does not parse leaves the ipBlocks to the pod's own addresses.
      key = parseAddress(ip) === undefined ? keyOfPod(pod) : podKey(pod, signatureOf([ip]));
      byIp.set(ip, key);
    }
    return key;
  };
}

function createExternalKeys(
  endpointKeys: Interner,
  signatureOf: SignatureOf,
): (ip: string) => number {
  const byExternalIp = new Map<string, number>();
  return (ip) => {
    let key = byExternalIp.get(ip);
    if (key === undefined) {
      key = endpointKeys(`external/${signatureOf([ip])}`);
      byExternalIp.set(ip, key);
    }
    return key;
  };
}

/** Numbers distinct texts densely from 0. */
function createInterner(): Interner {
  const ids = new Map<string, number>();
  return (text) => {
    let id = ids.get(text);
    if (id === undefined) {
      id = ids.size;
      ids.set(text, id);
    }
    return id;
  };
}

// Length-prefixed parts cannot run into each other, whatever characters labels hold.
function selectionText(pod: Pod): string {
  let text = `${pod.hostNetwork ? 'h' : 'p'}${part(pod.namespace)}`;
  for (const key of Object.keys(pod.labels).sort()) {
    text += part(key) + part(pod.labels[key]!);
  }
  return text;
}

function part(text: string): string {
  return `${text.length}:${text}`;
}

/** The ipBlocks of the policies, one of those written alike: they contain the same addresses. */
export function distinctBlocks(policies: readonly NetworkPolicy[]): IpBlock[] {
  const blocks = new Map<string, IpBlock>();
  for (const policy of policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers ?? []) {
        if (peer.kind === 'ipBlock') {
          if (!blocks.has(peer.ipBlock.key)) {
            blocks.set(peer.ipBlock.key, peer.ipBlock);
          }
        }
      }
    }
  }
  return [...blocks.values()];
}

/** The CIDRs of the cluster policies' `networks` peers, one of those written alike. */
export function distinctClusterBlocks(policies: readonly ClusterPolicy[]): IpBlock[] {
  const blocks = new Map<string, IpBlock>();
  for (const policy of policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers) {
        if (peer.kind === 'networks') {
          for (const block of peer.networks) {
            if (!blocks.has(block.key)) {
              blocks.set(block.key, block);
            }
          }
        }
      }
    }
  }
  return [...blocks.values()];
}
