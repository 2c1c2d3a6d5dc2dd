import { classify, WORKLOAD_KINDS } from '../core/classify';
import { sameItems } from '../core/same-items';
import type { KnownKind } from '../core/classify';
import { readMetadata } from '../model/read';
import type { PlacedObject } from '../core/source';
import { originOf } from '../core/source';
import { assignIps, toPod } from './assign-ips';
import { readPod, readWorkloadPod } from './read-pod';
import type { PodDraft } from './read-pod';
import type { Namespace, Pod, World, WorkloadKind } from './types';

const NAME_LABEL = 'kubernetes.io/metadata.name';

/** Namespaced kinds whose namespace exists even when no Namespace object declares it. */
const NAMESPACED: ReadonlySet<KnownKind> = new Set<KnownKind>([
  ...WORKLOAD_KINDS,
  'Pod',
  'NetworkPolicy',
]);

/** Builds the world from every object of the workspace; other kinds are ignored. */
export function buildWorld(objects: readonly PlacedObject[]): World {
  return buildWorldInOrder([[...objects].sort(compareObjects)]).world;
}

/** A world with what it was built from, for the next build to reuse. */
export interface WorldBuild {
  readonly world: World;
  /** What the objects of each group gave, by the group's object list. */
  readonly readings: ReadonlyMap<readonly PlacedObject[], readonly Reading[]>;
  /** The pods' drafts in the order of `world.pods`, with their keys. */
  readonly drafts: readonly PodDraft[];
  readonly keys: readonly string[];
}

interface Reading {
  readonly object: PlacedObject;
  readonly declared?: Namespace;
  readonly used?: string;
  readonly draft?: PodDraft;
  /** What makes a pod one: namespace, kind and name. */
  readonly key?: string;
}

/**
 * `buildWorld` for objects in groups (files) in order: by URI, each in its file's order. Given
 * the previous build, unchanged groups are not read again, and the pods and namespaces that did
 * not change are the same objects again.
 */
export function buildWorldInOrder(
  groups: readonly (readonly PlacedObject[])[],
  previous?: WorldBuild,
): WorldBuild {
  const readings = new Map<readonly PlacedObject[], readonly Reading[]>();
  const byKey = new Map<string, PodDraft>();
  const declared = new Map<string, Namespace>();
  const used = new Set<string>();
  for (const group of groups) {
    const groupReadings = previous?.readings.get(group) ?? readGroup(group, previous);
    readings.set(group, groupReadings);
    for (const reading of groupReadings) {
      if (reading.declared !== undefined && !declared.has(reading.declared.name)) {
        declared.set(reading.declared.name, reading.declared);
      }
      if (reading.used !== undefined) {
        used.add(reading.used);
      }
      if (reading.draft !== undefined && !byKey.has(reading.key!)) {
        byKey.set(reading.key!, reading.draft);
      }
    }
  }
  const { drafts, keys, pods } = placePods(byKey, previous);
  const namespaces = mergeNamespaces(declared, used, previous?.world.namespaces);
  const world =
    previous !== undefined &&
    namespaces === previous.world.namespaces &&
    sameItems(pods, previous.world.pods)
      ? previous.world
      : (reindexWorld(namespaces, pods, previous?.world) ?? indexWorld(namespaces, pods));
  return { world, readings, drafts, keys };
}

// An object read before, in a group that changed around it, is not read again.
function readGroup(group: readonly PlacedObject[], previous: WorldBuild | undefined): Reading[] {
  const before = new Map<PlacedObject, Reading>();
  for (const readings of previous?.readings.values() ?? []) {
    if (readings.length > 0 && group.length > 0 && readings[0]!.object.uri === group[0]!.uri) {
      readings.forEach((reading) => before.set(reading.object, reading));
    }
  }
  return group.map((object) => before.get(object) ?? read(object));
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
    const sorted = [...byKey].sort(([, left], [, right]) => comparePods(left, right));
    const drafts = sorted.map(([, draft]) => draft);
    const keys = sorted.map(([key]) => key);
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

// Joined, for a flat string: see toIpv4 in ./assign-ips.
function keyOf(draft: PodDraft): string {
  return [draft.namespace, draft.workload?.kind ?? 'Pod', draft.name].join('/');
}

function read(object: PlacedObject): Reading {
  const kind = classify(object.apiVersion, object.kind);
  if (kind === 'Namespace') {
    return { object, declared: readNamespace(object) };
  }
  if (kind !== undefined && NAMESPACED.has(kind)) {
    const draft = readDraft(object, kind);
    return {
      object,
      used: readMetadata(object.value).namespace,
      ...(draft === undefined ? {} : { draft, key: keyOf(draft) }),
    };
  }
  return { object };
}

function readNamespace(object: PlacedObject): Namespace | undefined {
  const metadata = readMetadata(object.value);
  if (metadata.name === '') {
    return undefined;
  }
  return {
    name: metadata.name,
    // Kubernetes always sets this label on a namespace.
    labels: { ...metadata.labels, [NAME_LABEL]: metadata.name },
    annotations: metadata.annotations,
    origin: originOf(object),
  };
}

function readDraft(object: PlacedObject, kind: KnownKind): PodDraft | undefined {
  const draft =
    kind === 'Pod'
      ? readPod(object)
      : WORKLOAD_KINDS.has(kind)
        ? readWorkloadPod(object, kind as WorkloadKind)
        : undefined;
  return draft === undefined || draft.name === '' ? undefined : draft;
}

// The previous map is kept when nothing in it changed, so that a same-namespaces world shows.
function mergeNamespaces(
  declared: Map<string, Namespace>,
  used: Set<string>,
  previous?: ReadonlyMap<string, Namespace>,
): ReadonlyMap<string, Namespace> {
  const namespaces = new Map(declared);
  for (const name of used) {
    if (!namespaces.has(name)) {
      const before = previous?.get(name);
      namespaces.set(
        name,
        before !== undefined && before.origin === undefined
          ? before
          : { name, labels: { [NAME_LABEL]: name }, annotations: {} },
      );
    }
  }
  const sorted = new Map([...namespaces].sort(([left], [right]) => compareText(left, right)));
  if (
    previous !== undefined &&
    sameItems([...sorted.keys()], [...previous.keys()]) &&
    [...sorted.values()].every((namespace) => previous.get(namespace.name) === namespace)
  ) {
    return previous;
  }
  return sorted;
}

function indexWorld(namespaces: ReadonlyMap<string, Namespace>, pods: readonly Pod[]): World {
  const podsByNamespace = new Map<string, Pod[]>();
  const podsByIp = new Map<string, Pod[]>();
  const podsByLabel = new Map<string, Pod[]>();
  const push = (index: Map<string, Pod[]>, key: string, pod: Pod) => {
    const list = index.get(key);
    if (list === undefined) {
      index.set(key, [pod]);
    } else {
      list.push(pod);
    }
  };
  for (const pod of pods) {
    push(podsByNamespace, pod.namespace, pod);
    pod.ips.forEach((ip) => push(podsByIp, ip, pod));
    labelKeysOf(pod).forEach((label) => push(podsByLabel, label, pod));
  }
  return { namespaces, pods, podsByNamespace, podsByIp, podsByLabel };
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
  const swap = (list: readonly Pod[], before: Pod, after: Pod) =>
    list.map((pod) => (pod === before ? after : pod));
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
  return { namespaces, pods, podsByNamespace, podsByIp, podsByLabel };
}

/** The keys of `World.podsByLabel` under which a pod is listed: `key=value` of each label. */
export function labelKeysOf(pod: Pod): string[] {
  return Object.entries(pod.labels).map(([key, value]) => labelKey(key, value));
}

export function labelKey(key: string, value: string): string {
  return `${key}=${value}`;
}

/** Where a pod with this index goes in a list in pod order. */
function positionOf(list: readonly Pod[], index: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]!.index < index) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

function compareObjects(left: PlacedObject, right: PlacedObject): number {
  return (
    compareText(left.uri, right.uri) ||
    left.offset - right.offset ||
    comparePaths(left.path, right.path)
  );
}

function comparePaths(left: PlacedObject['path'], right: PlacedObject['path']): number {
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const a = left[index]!;
    const b = right[index]!;
    const order =
      typeof a === 'number' && typeof b === 'number' ? a - b : compareText(String(a), String(b));
    if (order !== 0) {
      return order;
    }
  }
  return left.length - right.length;
}

function comparePods(left: PodDraft, right: PodDraft): number {
  return (
    compareText(left.namespace, right.namespace) ||
    compareText(left.name, right.name) ||
    compareText(left.workload?.kind ?? '', right.workload?.kind ?? '')
  );
}

/** Orders texts by code unit, as the world orders namespaces, pods and files. */
export function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The labels of a namespace, or those Kubernetes gives one that is used but never declared. */
export function namespaceLabels(world: World, name: string): Readonly<Record<string, string>> {
  return world.namespaces.get(name)?.labels ?? { [NAME_LABEL]: name };
}
