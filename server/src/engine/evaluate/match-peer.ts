import type { Address } from '../model/ip-block';
import type { Labels, Peer } from '../model/types';
import type { Pod } from '../world/types';
import type { Dataplane, Endpoint, ProfileNote } from './verdict';

/** How a peer met an endpoint: a match, a miss, or a profile decision that the verdict names. */
export type PeerOutcome = 'match' | 'miss' | ProfileNote['code'];

export interface PeerContext {
  readonly dataplane: Dataplane;
  readonly namespaceLabels: (name: string) => Labels;
  readonly parse: (ip: string) => Address | undefined;
  /** A pod's parsed addresses, when the caller keeps them; else its `ips` are parsed. */
  readonly podAddresses?: (pod: Pod) => readonly Address[];
}

/** True for the outcomes in which the peer admits the endpoint. */
export function isPeerMatch(outcome: PeerOutcome): boolean {
  return (
    outcome === 'match' || outcome === 'ipblock-matches-pod-ip' || outcome === 'host-network-as-pod'
  );
}

/**
 * Matches one `from`/`to` item against the other end of the connection.
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors
 */
export function matchPeer(
  context: PeerContext,
  peer: Peer,
  policyNamespace: string,
  endpoint: Endpoint,
): PeerOutcome {
  switch (peer.kind) {
    case 'invalid':
      return 'miss';
    case 'selector':
      return matchSelectorPeer(context, peer, policyNamespace, endpoint);
    case 'ipBlock':
      return matchIpBlockPeer(context, peer.ipBlock.contains, endpoint);
  }
}

function matchSelectorPeer(
  context: PeerContext,
  peer: Extract<Peer, { kind: 'selector' }>,
  policyNamespace: string,
  endpoint: Endpoint,
): PeerOutcome {
  // Selector peers never match an address outside the cluster.
  if (endpoint.kind === 'external') {
    return 'miss';
  }
  const pod = endpoint.pod;
  // podSelector alone: the policy's own namespace; with namespaceSelector: AND.
  const namespaceMatches =
    peer.namespaceSelector === undefined
      ? pod.namespace === policyNamespace
      : peer.namespaceSelector.matches(context.namespaceLabels(pod.namespace));
  if (
    !namespaceMatches ||
    (peer.podSelector !== undefined && !peer.podSelector.matches(pod.labels))
  ) {
    return 'miss';
  }
  if (!pod.hostNetwork) {
    return 'match';
  }
  // Kubernetes leaves host-network pods to the implementation; Cilium gives them the node's identity.
  return context.dataplane === 'gke-dataplane-v2'
    ? 'selector-ignores-host-network'
    : 'host-network-as-pod';
}

function matchIpBlockPeer(
  context: PeerContext,
  contains: (address: Address) => boolean,
  endpoint: Endpoint,
): PeerOutcome {
  if (endpoint.kind === 'external') {
    const address = context.parse(endpoint.ip);
    return address !== undefined && contains(address) ? 'match' : 'miss';
  }
  const named = endpoint.ip === undefined ? undefined : context.parse(endpoint.ip);
  const addresses = named !== undefined ? [named] : addressesOf(context, endpoint.pod);
  const inBlock = addresses.some(contains);
  if (!inBlock) {
    return 'miss';
  }
  // Whether ipBlock matches pod IPs is implementation-defined; Cilium never matches them.
  if (context.dataplane === 'kubernetes') {
    return 'ipblock-matches-pod-ip';
  }
  return endpoint.pod.hostNetwork ? 'ipblock-ignores-host-network' : 'ipblock-ignores-pod-ip';
}

function addressesOf(context: PeerContext, pod: Pod): readonly Address[] {
  if (context.podAddresses !== undefined) {
    return context.podAddresses(pod);
  }
  return pod.ips.flatMap((ip) => context.parse(ip) ?? []);
}
