import type { Pod } from '../world/types';

/** A value kept for each pod object it was set for. */
export interface PodMemo<T> {
  readonly get: (pod: Pod) => T | undefined;
  readonly set: (pod: Pod, value: T) => void;
}

/**
 * Keeps values at each pod's `index`, checked against the pod itself: one array read where a
 * map keyed by pod would hash, which is most of the cost of a cached verdict among 20,000
 * pods. Pods of another world at the same index simply replace each other.
 */
export function createPodMemo<T>(): PodMemo<T> {
  const pods: (Pod | undefined)[] = [];
  const values: (T | undefined)[] = [];
  return {
    get: (pod) => (pods[pod.index] === pod ? values[pod.index] : undefined),
    set: (pod, value) => {
      // Grown with undefined, never with holes, so the arrays stay packed.
      while (pods.length <= pod.index) {
        pods.push(undefined);
        values.push(undefined);
      }
      pods[pod.index] = pod;
      values[pod.index] = value;
    },
  };
}
