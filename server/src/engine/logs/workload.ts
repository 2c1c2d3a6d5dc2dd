import type { Pod } from '../world/types';

export interface RecordWorkload {
  readonly kind: string;
  readonly name: string;
}

// Kubernetes names a CronJob's Jobs `<cronjob>-<scheduled time in minutes>`.
const CRONJOB_JOB_NAME = /^(.+)-\d{8,10}$/;

/**
 * The `workload_kind`/`workload_name` Hubble reports for a pod (Cilium
 * `pkg/k8s/utils/workload.go`, docs/gke-logging.md §2.2). A representative pod reports its workload.
 */
export function deriveWorkload(pod: Pod): RecordWorkload | undefined {
  if (pod.workload) {
    return { kind: pod.workload.kind, name: pod.workload.name };
  }
  // Only pods made by a controller, with a generateName, get workload fields.
  if (!pod.owner || !pod.generateName) {
    return undefined;
  }
  const { kind, name } = pod.owner;
  const hash = pod.labels['pod-template-hash'];
  if (kind === 'ReplicaSet' && hash && name.endsWith(`-${hash}`)) {
    return { kind: 'Deployment', name: name.slice(0, -(hash.length + 1)) };
  }
  const cronJob = kind === 'Job' ? CRONJOB_JOB_NAME.exec(name) : null;
  if (cronJob?.[1]) {
    return { kind: 'CronJob', name: cronJob[1] };
  }
  return { kind, name };
}
