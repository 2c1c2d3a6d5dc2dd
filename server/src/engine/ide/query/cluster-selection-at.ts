import type { WorkspaceAnalysis } from '../../analysis/analyze-workspace';
import type { Path } from '../../core/source';
import type { Span } from '../../core/span';
import { matchClusterPeer } from '../../evaluate/match-cluster-rule';
import type { PeerContext } from '../../evaluate/match-peer';
import type { Direction } from '../../evaluate/verdict';
import type { ClusterPeer, ClusterPolicy } from '../../model/cluster-policy';
import { rulesOf, subjectSelects } from '../../model/cluster-policy';
import { parseAddress } from '../../model/ip-block';
import type { Selector } from '../../model/types';
import { namespaceLabels } from '../../world/build-world';
import type { Pod, World } from '../../world/types';
import { entrySpan, objectAt, samePath, spanIn } from './object-at';
import type { ObjectAt } from './object-at';

/** The subject or a peer of a tiered cluster policy under the cursor, and what it matches. */
export interface ClusterSelectionAt {
  readonly policy: ClusterPolicy;
  /** Absent for `spec.subject`. */
  readonly peer?: {
    readonly direction: Direction;
    readonly ruleIndex: number;
    readonly peerIndex: number;
  };
  /** Absolute span of the subject or the peer. */
  readonly span: Span;
  readonly pods: readonly Pod[];
  /** The namespaces a namespace selector of it matches; absent for a `networks` peer. */
  readonly namespaces?: readonly string[];
}

const PEER_KEYS: Readonly<Record<string, Direction>> = { from: 'ingress', to: 'egress' };

/** The subject or peer of a ClusterNetworkPolicy (or v1alpha1 kin) at `offset` in `uri`. */
export function clusterSelectionAt(
  analysis: WorkspaceAnalysis,
  uri: string,
  offset: number,
): ClusterSelectionAt | undefined {
  const file = analysis.file(uri);
  const at = file && objectAt(file, offset);
  if (at === undefined || at.path[0] !== 'spec') {
    return undefined;
  }
  const policy = analysis.clusterPolicies.find(
    (candidate) =>
      candidate.origin.uri === uri &&
      candidate.origin.offset === at.document.offset &&
      samePath(candidate.origin.path, at.object.path),
  );
  if (policy === undefined) {
    return undefined;
  }
  return at.path[1] === 'subject'
    ? subjectSelection(analysis.world, at, policy)
    : peerSelection(analysis, at, policy);
}

function subjectSelection(world: World, at: ObjectAt, policy: ClusterPolicy): ClusterSelectionAt {
  const subject = policy.subject;
  const namespaces =
    subject.kind === 'invalid'
      ? []
      : namespacesOf(
          world,
          subject.kind === 'pods' ? subject.namespaceSelector : subject.namespaces,
        );
  return {
    policy,
    span: entrySpan(at, ['spec', 'subject']),
    pods: subjectPods(world, policy),
    namespaces,
  };
}

// The cursor is on a peer when the path reads spec.<direction>[rule].<from|to>[peer].
function peerSelection(
  analysis: WorkspaceAnalysis,
  at: ObjectAt,
  policy: ClusterPolicy,
): ClusterSelectionAt | undefined {
  const [, directionKey, ruleIndex, peersKey, peerIndex] = at.path;
  const direction = typeof peersKey === 'string' ? PEER_KEYS[peersKey] : undefined;
  if (peersKey === undefined) {
    return undefined;
  }
  if (
    direction === undefined ||
    directionKey !== direction ||
    typeof ruleIndex !== 'number' ||
    typeof peerIndex !== 'number'
  ) {
    return undefined;
  }
  const peer = rulesOf(policy, direction)[ruleIndex]?.peers[peerIndex];
  // Nodes and domain names match nothing a workspace holds: the field's description says more.
  if (
    peer === undefined ||
    peer.kind === 'nodes' ||
    peer.kind === 'domainNames' ||
    peer.kind === 'invalid'
  ) {
    return undefined;
  }
  const path: Path = ['spec', direction, ruleIndex, peersKey, peerIndex];
  const namespaces = peerNamespaces(analysis.world, peer);
  return {
    policy,
    peer: { direction, ruleIndex, peerIndex },
    span: spanIn(at, path),
    pods: peerPods(analysis.world, peer, analysis.dataplane),
    ...(namespaces === undefined ? {} : { namespaces }),
  };
}

/** The pods a cluster policy's subject selects (never a host-network pod). */
export function subjectPods(world: World, policy: ClusterPolicy): Pod[] {
  return world.pods.filter((pod) =>
    subjectSelects(policy.subject, pod, namespaceLabels(world, pod.namespace)),
  );
}

function peerPods(
  world: World,
  peer: ClusterPeer,
  dataplane: WorkspaceAnalysis['dataplane'],
): Pod[] {
  const context: PeerContext = {
    dataplane,
    namespaceLabels: (name) => namespaceLabels(world, name),
    parse: parseAddress,
  };
  return world.pods.filter((pod) => matchClusterPeer(context, peer, { kind: 'pod', pod }));
}

function peerNamespaces(world: World, peer: ClusterPeer): string[] | undefined {
  switch (peer.kind) {
    case 'namespaces':
      return namespacesOf(world, peer.namespaces);
    case 'pods':
      return namespacesOf(world, peer.namespaceSelector);
    default:
      return undefined;
  }
}

function namespacesOf(world: World, selector: Selector): string[] {
  return [...world.namespaces.values()]
    .filter((namespace) => selector.matches(namespace.labels))
    .map((namespace) => namespace.name);
}
