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
      if (pods.length <= pod.index) {
        // Filled as they grow, so no read meets a hole.
        const length = Math.max(pod.index + 1, pods.length * 2);
        const from = pods.length;
        pods.length = length;
        values.length = length;
        pods.fill(undefined, from);
        values.fill(undefined, from);
      }
      pods[pod.index] = pod;
      values[pod.index] = value;
    },
  };
}
