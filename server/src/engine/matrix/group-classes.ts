import type { Classifier } from '../evaluate/pod-classes';
import type { World } from '../world/types';
import type { PodClass } from './types';

export interface Grouping {
  readonly classes: readonly PodClass[];
  /** Class index by the classifier's pod key. */
  readonly indexByKey: ReadonlyMap<number, number>;
}

export function groupClasses(world: World, classifier: Classifier): Grouping {
  const indexByKey = new Map<number, number>();
  const members: (typeof world.pods)[number][][] = [];
  for (const pod of world.pods) {
    const key = classifier.keyOfPod(pod);
    let index = indexByKey.get(key);
    if (index === undefined) {
      index = members.length;
      indexByKey.set(key, index);
      members.push([]);
    }
    members[index]!.push(pod);
  }
  const classes = members.map((pods): PodClass => {
    const { namespace, labels, hostNetwork, ports } = pods[0]!;
    return { namespace, labels, hostNetwork, ports, pods };
  });
  return { classes, indexByKey };
}

/** The indexes of the classes in each namespace, for tests done once per namespace. */
export function classesByNamespace(classes: readonly PodClass[]): Map<string, number[]> {
  const byNamespace = new Map<string, number[]>();
  classes.forEach((podClass, index) => {
    const list = byNamespace.get(podClass.namespace);
    if (list === undefined) {
      byNamespace.set(podClass.namespace, [index]);
    } else {
      list.push(index);
    }
  });
  return byNamespace;
}
