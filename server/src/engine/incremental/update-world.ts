import { sameItems } from '../core/same-items';
import type { PlacedObject } from '../core/source';
import { assignIps, toPod } from '../world/assign-ips';
import {
  gatherReadings,
  indexWorld,
  labelKeysOf,
  mergeNamespaces,
  positionOf,
  readWorldObject,
  sortDrafts,
} from '../world/build-world';
import type { Reading } from '../world/build-world';
import { dnsKey, GKE_KUBE_DNS, sameAssumedPod, withAssumedDns } from '../world/cluster-dns';
import type { ClusterDns } from '../world/cluster-dns';
import type { PodDraft } from '../world/read-pod';
import type { Namespace, Pod, World } from '../world/types';

/** A world with what it was built from, for the next build to reuse. */
export interface WorldBuild {
  readonly world: World;
  /** What the objects of each group gave, by the group's object list. */
  readonly readings: ReadonlyMap<readonly PlacedObject[], readonly Reading[]>;
  /** The pods' drafts in the order of `world.pods`, with their keys. */
  readonly drafts: readonly PodDraft[];
  readonly keys: readonly string[];
  /** The cluster DNS the world assumed any pod of, as `dnsKey` writes it. */
  readonly dns: string;
}

/**
 * `buildWorld` over objects in groups (files) in order: by URI, each in its file's order. Given
 * the previous build, unchanged groups are not read again, and the pods and namespaces that did
 * not change are the same objects again, so that what depends on them can tell.
 */
export function updateWorld(
  groups: readonly (readonly PlacedObject[])[],
  previous: WorldBuild | undefined,
  dns: ClusterDns = GKE_KUBE_DNS,
): WorldBuild {
  const readings = new Map<readonly PlacedObject[], readonly Reading[]>();
  for (const group of groups) {
    readings.set(group, previous?.readings.get(group) ?? readGroup(group, previous));
  }
  const { declared, used, byKey } = gatherReadings([...readings.values()].flat());
  const { drafts, keys, pods } = placePods(byKey, previous);
  const namespaces = keepNamespaces(mergeNamespaces(declared, used), previous?.world.namespaces);
  const key = dnsKey(dns);
  const world =
    previous !== undefined &&
    previous.dns === key &&
    namespaces === previous.world.namespaces &&
    sameItems(pods, previous.world.pods)
      ? previous.world
      : keepAssumedDns(
          withAssumedDns(
            reindexWorld(namespaces, pods, previous?.world) ?? indexWorld(namespaces, pods),
            dns,
          ),
          previous?.world,
        );
  return { world, readings, drafts, keys, dns: key };
}

// The previous assumed DNS pod when the new one is alike, so that what depends on it can tell.
function keepAssumedDns(world: World, previous: World | undefined): World {
  const before = previous?.assumedDns;
  const after = world.assumedDns;
  return before !== undefined && after !== undefined && sameAssumedPod(before, after)
    ? { ...world, assumedDns: before }
    : world;
}

// An object read before, in a group that changed around it, is not read again.
function readGroup(group: readonly PlacedObject[], previous: WorldBuild | undefined): Reading[] {
  const before = new Map<PlacedObject, Reading>();
  for (const readings of previous?.readings.values() ?? []) {
    if (readings.length > 0 && group.length > 0 && readings[0]!.object.uri === group[0]!.uri) {
      readings.forEach((reading) => before.set(reading.object, reading));
    }
  }
  return group.map((object) => before.get(object) ?? readWorldObject(object));
}

/**
 * Sorts the drafts and gives them addresses. With the same pods by key as before, the order is
 * the same; with the same addresses written too, every pod keeps its assigned address, and a pod
 * whose draft did not change is the same pod.
 */
function placePods(
  byKey: ReadonlyMap<string, PodDraft>,
  previous: WorldBuild | undefined,
): { drafts: PodDraft[]; keys: string[]; pods: Pod[] } {
  const sameKeys =
    previous !== undefined &&
    previous.keys.length === byKey.size &&
    previous.keys.every((key) => byKey.has(key));
  if (!sameKeys) {
    const { drafts, keys } = sortDrafts(byKey);
    return { drafts, keys, pods: assignIps(drafts) };
  }
  const keys = previous.keys as string[];
  const drafts = keys.map((key) => byKey.get(key)!);
  const before = previous.world.pods;
  const sameAddresses = drafts.every((draft, index) =>
    sameItems(draft.ips, previous.drafts[index]!.ips),
  );
  if (!sameAddresses) {
    return { drafts, keys, pods: assignIps(drafts) };
  }
  const pods = drafts.map((draft, index): Pod => {
    const pod = before[index]!;
    if (draft === previous.drafts[index]) {
      return pod;
    }
    return toPod(draft, pod.ipAssigned ? pod.ips : draft.ips, pod.ipAssigned, index);
  });
  return { drafts, keys, pods };
}

/**
 * The previous namespaces where they are the same: a namespace used but never declared is the
 * previous object of that name, and the whole map is the previous one when nothing in it changed,
 * so that a world with the same namespaces shows it.
 */
function keepNamespaces(
  namespaces: ReadonlyMap<string, Namespace>,
  previous: ReadonlyMap<string, Namespace> | undefined,
): ReadonlyMap<string, Namespace> {
  if (previous === undefined) {
    return namespaces;
  }
  const kept = new Map(
    [...namespaces].map(([name, namespace]) => {
      const before = previous.get(name);
      const same =
        namespace.origin === undefined && before !== undefined && before.origin === undefined;
      return [name, same ? before : namespace];
    }),
  );
  return sameItems([...kept.keys()], [...previous.keys()]) &&
    [...kept.values()].every((namespace) => previous.get(namespace.name) === namespace)
    ? previous
    : kept;
}

// Past this many replaced pods, indexing the world afresh costs about as much.
const REINDEX_LIMIT = 64;

/**
 * The indexes of a world whose pods are the previous world's with a few replaced in place (the
 * same position, namespace and addresses, other labels or ports, as after a label edit): the
 * previous indexes with those pods swapped, which at 20,000 pods is a fraction of indexing them
 * all. Lists keep the pods' order, as `indexWorld` makes them. Undefined for any other change.
 */
function reindexWorld(
  namespaces: ReadonlyMap<string, Namespace>,
  pods: readonly Pod[],
  previous: World | undefined,
): World | undefined {
  const replaced = replacedPods(pods, previous);
  if (replaced === undefined || previous === undefined) {
    return undefined;
  }
  const podsByNamespace = new Map(previous.podsByNamespace);
  const podsByIp = new Map(previous.podsByIp);
  const podsByLabel = new Map(previous.podsByLabel);
  for (const [before, after] of replaced) {
    podsByNamespace.set(
      after.namespace,
      swap(podsByNamespace.get(after.namespace)!, before, after),
    );
    for (const ip of after.ips) {
      podsByIp.set(ip, swap(podsByIp.get(ip)!, before, after));
    }
    relabel(podsByLabel, before, after);
  }
  return { namespaces, pods, podsByNamespace, podsByIp, podsByLabel };
}

/** The pods replaced in place (old, new), or undefined when more than that changed. */
function replacedPods(pods: readonly Pod[], previous: World | undefined): [Pod, Pod][] | undefined {
  if (previous === undefined || previous.pods.length !== pods.length) {
    return undefined;
  }
  const replaced: [Pod, Pod][] = [];
  for (let index = 0; index < pods.length; index++) {
    const before = previous.pods[index]!;
    const after = pods[index]!;
    if (before !== after) {
      if (
        replaced.length === REINDEX_LIMIT ||
        before.namespace !== after.namespace ||
        !sameItems(before.ips, after.ips)
      ) {
        return undefined;
      }
      replaced.push([before, after]);
    }
  }
  return replaced;
}

function swap(list: readonly Pod[], before: Pod, after: Pod): Pod[] {
  return list.map((pod) => (pod === before ? after : pod));
}

/** Moves a replaced pod in the label index: out of labels it lost, into those it gained. */
function relabel(podsByLabel: Map<string, readonly Pod[]>, before: Pod, after: Pod): void {
  const labelsBefore = labelKeysOf(before);
  const labelsAfter = labelKeysOf(after);
  for (const label of labelsBefore) {
    if (!labelsAfter.includes(label)) {
      const kept = podsByLabel.get(label)!.filter((pod) => pod !== before);
      if (kept.length === 0) {
        podsByLabel.delete(label);
      } else {
        podsByLabel.set(label, kept);
      }
    }
  }
  for (const label of labelsAfter) {
    const list = podsByLabel.get(label) ?? [];
    if (labelsBefore.includes(label)) {
      podsByLabel.set(label, swap(list, before, after));
    } else {
      const grown = [...list];
      grown.splice(positionOf(grown, after.index), 0, after);
      podsByLabel.set(label, grown);
    }
  }
}
