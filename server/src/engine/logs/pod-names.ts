import type { WorkloadKind } from '../world/types';

/**
 * What a controller appends to its name to name its pods: a Deployment's ReplicaSet adds the
 * pod-template hash and then a random suffix, a StatefulSet an ordinal, a CronJob's Job the
 * scheduled minute and then a random suffix, the others one random suffix.
 */
const SUFFIXES: Readonly<Record<WorkloadKind, readonly string[]>> = {
  Deployment: ['[a-z0-9]+', '[a-z0-9]+'],
  StatefulSet: ['[0-9]+'],
  CronJob: ['[0-9]+', '[a-z0-9]+'],
  ReplicaSet: ['[a-z0-9]+'],
  DaemonSet: ['[a-z0-9]+'],
  Job: ['[a-z0-9]+'],
};

/** A regular expression (RE2 and JavaScript alike) for the names of the workload's pods. */
export function podNamePattern(kind: WorkloadKind, name: string): string {
  const suffixes = SUFFIXES[kind].map((suffix) => `-${suffix}`).join('');
  return `^${escapeRegExp(name)}${suffixes}$`;
}

/** The pattern's parts as one check, without a regular expression per workload. */
export function isPodOf(kind: WorkloadKind, name: string, podName: string): boolean {
  if (!podName.startsWith(`${name}-`)) {
    return false;
  }
  const parts = podName.slice(name.length + 1).split('-');
  const suffixes = SUFFIXES[kind];
  return (
    parts.length === suffixes.length &&
    parts.every((part, index) =>
      suffixes[index] === '[0-9]+' ? /^[0-9]+$/.test(part) : /^[a-z0-9]+$/.test(part),
    )
  );
}

/** The names a pod's workload may have: the pod name minus one or two suffixes. */
export function workloadNameCandidates(podName: string): readonly string[] {
  const parts = podName.split('-');
  const candidates: string[] = [];
  for (let dropped = 1; dropped <= 2 && parts.length > dropped; dropped += 1) {
    candidates.push(parts.slice(0, parts.length - dropped).join('-'));
  }
  return candidates;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
