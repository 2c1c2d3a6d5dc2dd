import type { Origin } from '../core/source';
import type { Protocol } from '../core/vocabulary';
import type { ClusterDns } from './cluster-dns';

export type { Origin } from '../core/source';
export type { Protocol } from '../core/vocabulary';

export interface Namespace {
  readonly name: string;
  /** Labels as declared, plus `kubernetes.io/metadata.name`. */
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Absent for a namespace that is used but never declared. */
  readonly origin?: Origin;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
}

export type WorkloadKind =
  'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob';

export interface Pod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly ContainerPort[];
  /** The pod's primary IP: from `status.podIP(s)` or assigned from 10.244.0.0/16. */
  readonly ip: string;
  readonly ips: readonly string[];
  readonly ipAssigned: boolean;
  readonly hostNetwork: boolean;
  readonly nodeName?: string;
  /** Set when this is the representative pod of a workload object. */
  readonly workload?: { readonly kind: WorkloadKind; readonly name: string };
  /** The controller owner reference of a real Pod object, as written. */
  readonly owner?: { readonly kind: string; readonly name: string };
  readonly generateName?: string;
  /** Set on the cluster DNS pod netpol-lens assumes when the workspace has none. */
  readonly assumed?: boolean;
  readonly origin: Origin;
  /**
   * The pod's position in `World.pods`. A pod object is only ever shared by worlds that hold it
   * at the same position, so per-pod caches can be arrays.
   */
  readonly index: number;
}

/** Namespaces and pods of the workspace, with the indexes the engine and the editor need. */
export interface World {
  /** Every namespace, declared or used, by name. */
  readonly namespaces: ReadonlyMap<string, Namespace>;
  /** Every pod (real or representative), sorted by namespace, then name. */
  readonly pods: readonly Pod[];
  readonly podsByNamespace: ReadonlyMap<string, readonly Pod[]>;
  /** Pods by each of their IPs (several host-network pods may share one). */
  readonly podsByIp: ReadonlyMap<string, readonly Pod[]>;
  /** Pods by `key=value` of each of their labels. */
  readonly podsByLabel: ReadonlyMap<string, readonly Pod[]>;
  /**
   * The cluster DNS pod assumed when no pod of the workspace is one (`netpol.clusterDns`, by
   * default GKE's kube-dns); in none of the lists above, so listings of the workspace omit it.
   */
  readonly assumedDns?: Pod;
  /** What the cluster's DNS is taken to be; GKE's kube-dns when absent. */
  readonly clusterDns?: ClusterDns;
}
