import type { Verdict } from '../evaluate/verdict';
import type { Labels } from '../model/types';
import type { ContainerPort, Pod } from '../world/types';

/** Pods that every verdict treats alike: same namespace, labels, host network, ports, ipBlocks. */
export interface PodClass {
  readonly namespace: string;
  readonly labels: Labels;
  readonly hostNetwork: boolean;
  readonly ports: readonly ContainerPort[];
  /** Its pods, in world order; the first stands for the class. */
  readonly pods: readonly Pod[];
}

/** One column of the matrix: a destination class and one of the ports its pods expose. */
export interface ReachabilityColumn {
  readonly destination: number;
  readonly portIndex: number;
}

export interface Reachability {
  readonly classes: readonly PodClass[];
  /** Every (destination class, port) pair, grouped by class in class order. */
  readonly columns: readonly ReachabilityColumn[];
  /** Cells (source class, column) whose connection is allowed, and denied. */
  readonly allowed: number;
  readonly denied: number;
  /** The same counts over pods: each cell weighs its source pods times its destination pods. */
  readonly allowedPodPairs: number;
  readonly deniedPodPairs: number;
  /** The index of a pod's class. */
  readonly classOf: (pod: Pod) => number;
  /** Whether a policy isolates the pods of a class in a direction (as the dataplane decides). */
  readonly isolated: (index: number, direction: 'ingress' | 'egress') => boolean;
  readonly isAllowed: (source: number, destination: number, portIndex: number) => boolean;
  /** The full verdict for two pods on one of the destination's ports, decided on demand. */
  readonly verdict: (source: Pod, destination: Pod, port: ContainerPort) => Verdict;
}
