import { classify, WORKLOAD_KINDS } from '../classify';
import type { KnownKind } from '../classify';
import { readMetadata } from '../model/read';
import type { PlacedObject } from '../source';
import { originOf } from '../source';
import { assignIps } from './assign-ips';
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
  const ordered = [...objects].sort(compareObjects);
  const drafts = new Map<string, PodDraft>();
  const declared = new Map<string, Namespace>();
  const used = new Set<string>();
  for (const object of ordered) {
    const kind = classify(object.apiVersion, object.kind);
    if (kind === 'Namespace') {
      addNamespace(declared, object);
    } else if (kind !== undefined && NAMESPACED.has(kind)) {
      used.add(readMetadata(object.value).namespace);
      addPod(drafts, object, kind);
    }
  }
  const pods = assignIps([...drafts.values()].sort(comparePods));
  return indexWorld(mergeNamespaces(declared, used), pods);
}

function addNamespace(declared: Map<string, Namespace>, object: PlacedObject): void {
  const metadata = readMetadata(object.value);
  if (metadata.name === '' || declared.has(metadata.name)) {
    return;
  }
  declared.set(metadata.name, {
    name: metadata.name,
    // Kubernetes always sets this label on a namespace.
    labels: { ...metadata.labels, [NAME_LABEL]: metadata.name },
    annotations: metadata.annotations,
    origin: originOf(object),
  });
}

function addPod(drafts: Map<string, PodDraft>, object: PlacedObject, kind: KnownKind): void {
  const draft =
    kind === 'Pod'
      ? readPod(object)
      : WORKLOAD_KINDS.has(kind)
        ? readWorkloadPod(object, kind as WorkloadKind)
        : undefined;
  if (draft === undefined || draft.name === '') {
    return;
  }
  const key = `${draft.namespace}/${draft.workload?.kind ?? 'Pod'}/${draft.name}`;
  if (!drafts.has(key)) {
    drafts.set(key, draft);
  }
}

function mergeNamespaces(
  declared: Map<string, Namespace>,
  used: Set<string>,
): Map<string, Namespace> {
  const namespaces = new Map(declared);
  for (const name of used) {
    if (!namespaces.has(name)) {
      namespaces.set(name, { name, labels: { [NAME_LABEL]: name }, annotations: {} });
    }
  }
  return new Map([...namespaces].sort(([left], [right]) => compareText(left, right)));
}

function indexWorld(namespaces: Map<string, Namespace>, pods: readonly Pod[]): World {
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
    Object.entries(pod.labels).forEach(([key, value]) => push(podsByLabel, `${key}=${value}`, pod));
  }
  return { namespaces, pods, podsByNamespace, podsByIp, podsByLabel };
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

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The labels of a namespace, or those Kubernetes gives one that is used but never declared. */
export function namespaceLabels(world: World, name: string): Readonly<Record<string, string>> {
  return world.namespaces.get(name)?.labels ?? { [NAME_LABEL]: name };
}
