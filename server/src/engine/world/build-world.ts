import { classify, WORKLOAD_KINDS } from '../core/classify';
import { compareOrigins } from '../core/compare-origins';
import type { KnownKind } from '../core/classify';
import { readMetadata } from '../model/read';
import type { PlacedObject } from '../core/source';
import { originOf } from '../core/source';
import { assignIps } from './assign-ips';
import { GKE_KUBE_DNS, withAssumedDns } from './cluster-dns';
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

/**
 * Builds the world from every object of the workspace; other kinds are ignored. Without a pod of
 * the cluster's DNS, it assumes one as `dns` describes it.
 */
export function buildWorld(objects: readonly PlacedObject[], dns = GKE_KUBE_DNS): World {
  const { declared, used, byKey } = gatherReadings(
    [...objects].sort(compareOrigins).map(readWorldObject),
  );
  const world = indexWorld(mergeNamespaces(declared, used), assignIps(sortDrafts(byKey).drafts));
  return withAssumedDns(world, dns);
}

/** What one object gave the world. */
export interface Reading {
  readonly object: PlacedObject;
  readonly declared?: Namespace;
  readonly used?: string;
  readonly draft?: PodDraft;
  /** What makes a pod one: namespace, kind and name. */
  readonly key?: string;
}

/** What the readings of the workspace, in file order, declare: the first of each name wins. */
export interface Gathered {
  readonly declared: ReadonlyMap<string, Namespace>;
  readonly used: ReadonlySet<string>;
  readonly byKey: ReadonlyMap<string, PodDraft>;
}

export function gatherReadings(readings: Iterable<Reading>): Gathered {
  const byKey = new Map<string, PodDraft>();
  const declared = new Map<string, Namespace>();
  const used = new Set<string>();
  for (const reading of readings) {
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
  return { declared, used, byKey };
}

/** The pods' drafts in the world's order (namespace, name, kind), with their keys. */
export function sortDrafts(byKey: ReadonlyMap<string, PodDraft>): {
  drafts: PodDraft[];
  keys: string[];
} {
  const sorted = [...byKey].sort(([, left], [, right]) => comparePods(left, right));
  return { drafts: sorted.map(([, draft]) => draft), keys: sorted.map(([key]) => key) };
}

// Joined, for a flat string: see toIpv4 in ./assign-ips.
export function keyOf(draft: PodDraft): string {
  return [draft.namespace, draft.workload?.kind ?? 'Pod', draft.name].join('/');
}

/** What one object gives the world: a namespace declared or used, a pod. */
export function readWorldObject(object: PlacedObject): Reading {
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

/** Declared namespaces, and those used but never declared with only their name label, by name. */
export function mergeNamespaces(
  declared: ReadonlyMap<string, Namespace>,
  used: ReadonlySet<string>,
): ReadonlyMap<string, Namespace> {
  const namespaces = new Map(declared);
  for (const name of used) {
    if (!namespaces.has(name)) {
      namespaces.set(name, { name, labels: { [NAME_LABEL]: name }, annotations: {} });
    }
  }
  return new Map([...namespaces].sort(([left], [right]) => compareText(left, right)));
}

export function indexWorld(
  namespaces: ReadonlyMap<string, Namespace>,
  pods: readonly Pod[],
): World {
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

/** The keys of `World.podsByLabel` under which a pod is listed: `key=value` of each label. */
export function labelKeysOf(pod: Pod): string[] {
  return Object.entries(pod.labels).map(([key, value]) => labelKey(key, value));
}

export function labelKey(key: string, value: string): string {
  return `${key}=${value}`;
}

/** Where a pod with this index goes in a list in pod order. */
export function positionOf(list: readonly Pod[], index: number): number {
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
