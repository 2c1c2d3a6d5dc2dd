import type { Dataplane, Verdict } from '../../evaluate/verdict';
import type { FlowResult } from '../../evaluate/flow-result';
import type { ClusterPolicy } from '../../model/cluster-policy';
import type { NetworkPolicy } from '../../model/types';
import type { ContainerPort, Pod, World } from '../../world/types';

/** What a diff reads of an analysed workspace. */
export interface DiffSide {
  readonly policies: readonly NetworkPolicy[];
  readonly clusterPolicies?: readonly ClusterPolicy[];
  readonly world: World;
  readonly flows: readonly FlowResult[];
}

/**
 * Connections whose verdict changed, for every source pod to every destination pod of the lists
 * on one port: the pods of a list are alike in both versions, so one pair stands for all.
 */
export interface ReachabilityChange {
  /** The pods of the head version, in world order. */
  readonly sources: readonly Pod[];
  readonly destinations: readonly Pod[];
  /** The port as the head version's destinations declare it. */
  readonly port: ContainerPort;
  /** True when the connection becomes allowed, false when it becomes denied. */
  readonly opened: boolean;
}

/** A sample flow of both versions (same name, endpoints, port and protocol) whose verdict changed. */
export interface FlowChange {
  readonly before: FlowResult;
  readonly after: FlowResult;
}

export interface ReachabilityDiff {
  readonly dataplane: Dataplane;
  /** Changes that open connections, then those that close them, each sorted by source, destination, port. */
  readonly opened: readonly ReachabilityChange[];
  readonly closed: readonly ReachabilityChange[];
  /** The same changes counted in pod pairs (one per source, destination and port). */
  readonly openedPairs: number;
  readonly closedPairs: number;
  readonly flows: readonly FlowChange[];
  /** Pods (workloads) only in the head version, and only in the base version: not compared. */
  readonly added: readonly Pod[];
  readonly removed: readonly Pod[];
  /** The verdicts of one pair of a change, in the base version and in the head version. */
  readonly verdicts: (
    change: ReachabilityChange,
    source?: Pod,
    destination?: Pod,
  ) => { readonly before: Verdict; readonly after: Verdict };
}
