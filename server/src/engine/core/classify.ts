/** The kinds of object the engine understands, by `apiVersion` and `kind`. */
export type KnownKind =
  | 'NetworkPolicy'
  | 'NetworkLogging'
  | 'SampleFlows'
  | 'Namespace'
  | 'Pod'
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'ReplicaSet'
  | 'Job'
  | 'CronJob'
  | ClusterPolicyKind;

/** The tiered, cluster-scoped policy kinds of the network-policy-api project. */
export type ClusterPolicyKind =
  'ClusterNetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';

const KINDS: Readonly<Record<string, KnownKind>> = {
  'networking.k8s.io/v1 NetworkPolicy': 'NetworkPolicy',
  'networking.gke.io/v1alpha1 NetworkLogging': 'NetworkLogging',
  'netpol-lens.dev/v1alpha1 SampleFlows': 'SampleFlows',
  'v1 Namespace': 'Namespace',
  'v1 Pod': 'Pod',
  'apps/v1 Deployment': 'Deployment',
  'apps/v1 StatefulSet': 'StatefulSet',
  'apps/v1 DaemonSet': 'DaemonSet',
  'apps/v1 ReplicaSet': 'ReplicaSet',
  'batch/v1 Job': 'Job',
  'batch/v1 CronJob': 'CronJob',
  'policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy': 'ClusterNetworkPolicy',
  'policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy': 'AdminNetworkPolicy',
  'policy.networking.k8s.io/v1alpha1 BaselineAdminNetworkPolicy': 'BaselineAdminNetworkPolicy',
};

export function classify(apiVersion: string, kind: string): KnownKind | undefined {
  return KINDS[`${apiVersion} ${kind}`];
}

/** The kinds that stand for pods in the world: one representative pod each, or the Pod itself. */
export const WORKLOAD_KINDS: ReadonlySet<KnownKind> = new Set<KnownKind>([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
]);

export function isWorkloadKind(kind: string): boolean {
  return WORKLOAD_KINDS.has(kind as KnownKind);
}

export function isPodKind(kind: string): boolean {
  return kind === 'Pod' || isWorkloadKind(kind);
}

export function isClusterPolicyKind(kind: string | undefined): kind is ClusterPolicyKind {
  return (
    kind === 'ClusterNetworkPolicy' ||
    kind === 'AdminNetworkPolicy' ||
    kind === 'BaselineAdminNetworkPolicy'
  );
}
