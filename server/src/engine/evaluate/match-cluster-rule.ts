import type { Address } from '../model/ip-block';
import type { ClusterPeer, ClusterPort, ClusterRule } from '../model/cluster-policy';
import type { PeerContext } from './match-peer';
import type { Endpoint, Flow } from './verdict';

/** How a rule met the flow: the first peer and protocol entry that matched, or fail-closed. */
export interface ClusterRuleHit {
  readonly peerIndex?: number;
  readonly portIndex?: number;
  readonly failedClosed?: true;
}

const FAILED_CLOSED: ClusterRuleHit = { failedClosed: true };

/**
 * Whether a rule of a tiered cluster policy matches the flow, seen from `peer` (the source for
 * ingress, the destination for egress). A rule with an unreadable action, peer or protocol, or
 * with no peers, fails closed: an Accept rule matches nothing, a Deny or Pass rule everything.
 * https://network-policy-api.sigs.k8s.io/api-overview/
 */
export function matchClusterRule(
  context: PeerContext,
  rule: ClusterRule,
  peer: Endpoint,
  flow: Flow,
): ClusterRuleHit | undefined {
  if (failsClosed(rule)) {
    return rule.action === 'Accept' ? undefined : FAILED_CLOSED;
  }
  // Absent protocols: all traffic, ICMP included.
  let portIndex: number | undefined;
  if (rule.ports !== null) {
    portIndex = rule.ports.findIndex((port) => matchClusterPort(port, flow));
    if (portIndex === -1) {
      return undefined;
    }
  }
  const peerIndex = rule.peers.findIndex((item) => matchClusterPeer(context, item, peer));
  if (peerIndex === -1) {
    return undefined;
  }
  return portIndex === undefined ? { peerIndex } : { peerIndex, portIndex };
}

/** A rule with an unreadable action, peer or protocol, or no peers: it fails closed. */
export function failsClosed(rule: ClusterRule): boolean {
  return (
    rule.action === undefined ||
    rule.peers.length === 0 ||
    rule.peers.some((peer) => peer.kind === 'invalid') ||
    (rule.ports !== null &&
      (rule.ports.length === 0 || rule.ports.some((port) => port.kind === 'invalid')))
  );
}

/**
 * `namespaces` and `pods` match pods by their namespace's labels (and their own), never a
 * host-network pod or an address outside the cluster; `networks` match any address, pod IPs
 * included; `nodes` and `domainNames` match nothing here (no Node objects, no DNS answers).
 */
export function matchClusterPeer(
  context: PeerContext,
  peer: ClusterPeer,
  endpoint: Endpoint,
): boolean {
  switch (peer.kind) {
    case 'namespaces':
    case 'pods': {
      if (endpoint.kind === 'external' || endpoint.pod.hostNetwork) {
        return false;
      }
      const pod = endpoint.pod;
      const namespaceSelector = peer.kind === 'pods' ? peer.namespaceSelector : peer.namespaces;
      return (
        namespaceSelector.matches(context.namespaceLabels(pod.namespace)) &&
        (peer.kind === 'namespaces' || peer.podSelector.matches(pod.labels))
      );
    }
    case 'networks': {
      const addresses = addressesOf(context, endpoint);
      return peer.networks.some((block) => addresses.some(block.contains));
    }
    case 'nodes':
    case 'domainNames':
    case 'invalid':
      return false;
  }
}

function addressesOf(context: PeerContext, endpoint: Endpoint): readonly Address[] {
  const named = endpoint.ip === undefined ? undefined : context.parse(endpoint.ip);
  if (named !== undefined || endpoint.kind === 'external') {
    return named === undefined ? [] : [named];
  }
  return (
    context.podAddresses?.(endpoint.pod) ??
    endpoint.pod.ips.flatMap((ip) => context.parse(ip) ?? [])
  );
}

/**
 * A port range of one protocol, inclusive; a named port is a containerPort of the destination
 * pod with that name, the flow's protocol and the flow's port (as kube-network-policies reads it).
 */
export function matchClusterPort(port: ClusterPort, flow: Flow): boolean {
  switch (port.kind) {
    case 'range':
      return port.protocol === flow.protocol && port.start <= flow.port && flow.port <= port.end;
    case 'named': {
      const destination = flow.destination;
      return (
        destination.kind === 'pod' &&
        destination.pod.ports.some(
          (entry) =>
            entry.name === port.name &&
            entry.protocol === flow.protocol &&
            entry.containerPort === flow.port,
        )
      );
    }
    case 'invalid':
      return false;
  }
}
