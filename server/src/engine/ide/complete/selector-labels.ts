import type { Path } from '../../core/source';
import type { Labels } from '../../model/types';
import type { World } from '../../world/types';
import type { Cursor } from './cursor';

/** A label selector around the cursor, and the label sets its labels are completed from. */
export interface SelectorUnder {
  /** The index in the cursor's path of the selector's own key. */
  readonly at: number;
  readonly labels: readonly Labels[];
  readonly noun: 'pods' | 'namespaces';
}

/** A NetworkPolicy's `podSelector` or `namespaceSelector` around the cursor. */
export function policySelectorAt(cursor: Cursor, world: World): SelectorUnder | undefined {
  const { path } = cursor;
  const at = lastIndexOf(path, ['podSelector', 'namespaceSelector']);
  if (at === -1) {
    return undefined;
  }
  if (path[at] === 'namespaceSelector') {
    return { at, labels: namespaceLabelSets(world), noun: 'namespaces' };
  }
  // A podSelector chooses among the pods of the policy's namespace, unless its peer also has a
  // namespaceSelector.
  const peer = cursor.scalarsAt(path.slice(0, at));
  if (peer.has('namespaceSelector')) {
    return { at, labels: podLabelSets(world), noun: 'pods' };
  }
  const namespace = cursor.scalarsAt(['metadata']).get('namespace') || 'default';
  const pods = world.podsByNamespace.get(namespace) ?? [];
  const labels = (pods.length > 0 ? pods : world.pods).map((pod) => pod.labels);
  return { at, labels, noun: 'pods' };
}

/**
 * The subject or a peer's selector of a tiered cluster policy around the cursor: `namespaces`
 * and `pods.namespaceSelector` choose among namespaces, `pods.podSelector` among every pod (the
 * policy is cluster-scoped). A `nodes` peer has none: the workspace holds no Node objects.
 */
export function clusterSelectorAt(cursor: Cursor, world: World): SelectorUnder | undefined {
  const { path } = cursor;
  const peer = peerIndex(path);
  if (peer === undefined) {
    return undefined;
  }
  if (path[peer] === 'namespaces') {
    return { at: peer, labels: namespaceLabelSets(world), noun: 'namespaces' };
  }
  const selector = path[peer + 1];
  if (path[peer] !== 'pods') {
    return undefined;
  }
  if (selector === 'namespaceSelector') {
    return { at: peer + 1, labels: namespaceLabelSets(world), noun: 'namespaces' };
  }
  return selector === 'podSelector'
    ? { at: peer + 1, labels: podLabelSets(world), noun: 'pods' }
    : undefined;
}

// The index of a peer's (or the subject's) field: `spec.subject.<field>` or
// `spec.<direction>[i].<from|to>[j].<field>`.
function peerIndex(path: Path): number | undefined {
  if (path[0] !== 'spec') {
    return undefined;
  }
  if (path[1] === 'subject') {
    return 2;
  }
  const [, direction, rule, peers, peer] = path;
  const matches =
    typeof rule === 'number' &&
    typeof peer === 'number' &&
    ((direction === 'ingress' && peers === 'from') || (direction === 'egress' && peers === 'to'));
  return matches ? 5 : undefined;
}

function lastIndexOf(path: Path, keys: readonly string[]): number {
  for (let index = path.length - 1; index >= 0; index--) {
    const segment = path[index];
    if (typeof segment === 'string' && keys.includes(segment)) {
      return index;
    }
  }
  return -1;
}

function namespaceLabelSets(world: World): Labels[] {
  return [...world.namespaces.values()].map((namespace) => namespace.labels);
}

function podLabelSets(world: World): Labels[] {
  return world.pods.map((pod) => pod.labels);
}
