import { classify, isClusterPolicyKind } from '../core/classify';
import { sameItems } from '../core/same-items';
import type { PlacedObject } from '../core/source';
import type { SampleFlow } from '../flows/types';
import { readSampleFlows } from '../flows/read-flows';
import { buildClusterPolicy } from '../model/build-cluster-policy';
import { buildPolicy } from '../model/build-policy';
import type { ClusterPolicy } from '../model/cluster-policy';
import type { NetworkPolicy } from '../model/types';
import { compareText } from '../world/build-world';
import type { Pod, World } from '../world/types';

/** What one group of objects contributes; the same while the group is the same array. */
export interface Part {
  readonly objects: readonly PlacedObject[];
  readonly policyOf: ReadonlyMap<PlacedObject, NetworkPolicy>;
  readonly clusterPolicyOf: ReadonlyMap<PlacedObject, ClusterPolicy>;
  readonly samplesOf: ReadonlyMap<PlacedObject, readonly SampleFlow[]>;
  /** Every sample of the part, in order. */
  readonly samples: readonly SampleFlow[];
  readonly worldObjects: readonly PlacedObject[];
}

/** The world objects of every part, by URI, each in its file's order. */
export function inFileOrder(parts: ReadonlyMap<string, Part>): (readonly PlacedObject[])[] {
  return [...parts]
    .sort(([left], [right]) => compareText(left, right))
    .map(([, part]) => part.worldObjects)
    .filter((objects) => objects.length > 0);
}

export function partOf(objects: readonly PlacedObject[], previous: Part | undefined): Part {
  if (previous?.objects === objects) {
    return previous;
  }
  const policyOf = new Map<PlacedObject, NetworkPolicy>();
  const clusterPolicyOf = new Map<PlacedObject, ClusterPolicy>();
  const samplesOf = new Map<PlacedObject, readonly SampleFlow[]>();
  const worldObjects: PlacedObject[] = [];
  for (const object of objects) {
    const kind = classify(object.apiVersion, object.kind);
    if (kind === 'NetworkPolicy') {
      policyOf.set(object, previous?.policyOf.get(object) ?? buildPolicy(object));
    } else if (kind === 'SampleFlows') {
      samplesOf.set(object, previous?.samplesOf.get(object) ?? readSampleFlows(object));
    } else if (isClusterPolicyKind(kind)) {
      clusterPolicyOf.set(
        object,
        previous?.clusterPolicyOf.get(object) ?? buildClusterPolicy(object, kind),
      );
    } else if (kind !== undefined && kind !== 'NetworkLogging' && !isClusterPolicyKind(kind)) {
      worldObjects.push(object);
    }
  }
  // The same world objects and samples keep the same lists, so that they are seen to be.
  const same = previous !== undefined && sameItems(worldObjects, previous.worldObjects);
  const samples = [...samplesOf.values()].flat();
  const sameSamples = previous !== undefined && sameItems(samples, previous.samples);
  return {
    objects,
    policyOf,
    clusterPolicyOf,
    samplesOf,
    samples: sameSamples ? previous.samples : samples,
    worldObjects: same ? previous.worldObjects : worldObjects,
  };
}

export function sameWorldParts(
  parts: ReadonlyMap<string, Part>,
  before: ReadonlyMap<string, Part>,
): boolean {
  const worldOf = (map: ReadonlyMap<string, Part>) =>
    [...map.values()].map((part) => part.worldObjects).filter((list) => list.length > 0);
  return sameItems(worldOf(parts), worldOf(before));
}

/**
 * The pods replaced from one world to the next (both versions), when nothing else changed:
 * the same namespaces, and the same pods by name and address. Otherwise `undefined`.
 */
export function podChanges(before: World, after: World): Set<Pod> | undefined {
  if (before === after) {
    return new Set();
  }
  if (
    before.namespaces !== after.namespaces ||
    before.pods.length !== after.pods.length ||
    before.assumedDns !== after.assumedDns
  ) {
    return undefined;
  }
  const changed = new Set<Pod>();
  for (let index = 0; index < after.pods.length; index++) {
    const old = before.pods[index]!;
    const pod = after.pods[index]!;
    if (old === pod) {
      continue;
    }
    const same =
      old.namespace === pod.namespace &&
      old.name === pod.name &&
      old.workload?.kind === pod.workload?.kind &&
      old.hostNetwork === pod.hostNetwork &&
      sameItems(old.ips, pod.ips);
    if (!same) {
      return undefined;
    }
    changed.add(old).add(pod);
  }
  return changed;
}
