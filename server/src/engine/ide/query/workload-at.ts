import { isPodKind } from '../../core/classify';
import type { WorkspaceAnalysis } from '../../analysis/analyze-workspace';
import type { Dataplane, Direction } from '../../evaluate/verdict';
import { isolates, selectsPod } from '../../model/types';
import type { NetworkPolicy } from '../../model/types';
import type { Span } from '../../core/span';
import type { Pod } from '../../world/types';
import { entrySpan, objectAt, samePath } from './object-at';
import { selectTiers } from '../../evaluate/tier-selection';
import type { TieredPod } from '../../evaluate/tier-selection';

/** The policies that select a pod for one direction. */
export interface PodIsolation {
  readonly direction: Direction;
  /** False when no policy selects the pod, or when the dataplane ignores host-network pods. */
  readonly isolated: boolean;
  readonly policies: readonly NetworkPolicy[];
}

/** A Pod or workload under the cursor, with what isolates it. */
export interface WorkloadAt {
  readonly pod: Pod;
  /** Absolute span of its `metadata.name` entry. */
  readonly span: Span;
  readonly ingress: PodIsolation;
  readonly egress: PodIsolation;
  /** The tiered cluster policies that select it, per direction, as they are consulted. */
  readonly tiers: TieredPod;
}

/** The Pod or workload whose `metadata.name` is at `offset` in `uri`. */
export function workloadAt(
  analysis: WorkspaceAnalysis,
  uri: string,
  offset: number,
): WorkloadAt | undefined {
  const file = analysis.file(uri);
  const at = file && objectAt(file, offset);
  if (at === undefined || !isPodKind(at.kind) || !samePath(at.path, ['metadata', 'name'])) {
    return undefined;
  }
  const pod = analysis.world.pods.find(
    (candidate) =>
      candidate.origin.uri === uri &&
      candidate.origin.offset === at.document.offset &&
      samePath(candidate.origin.path, at.object.path),
  );
  if (pod === undefined) {
    return undefined;
  }
  return {
    pod,
    span: entrySpan(at, ['metadata', 'name']),
    ingress: isolationOf(analysis.policies, pod, 'ingress', analysis.dataplane),
    egress: isolationOf(analysis.policies, pod, 'egress', analysis.dataplane),
    tiers: selectTiers(analysis.clusterPolicies, analysis.world, pod),
  };
}

/**
 * The policies of its namespace that select a pod with `direction` in their policyTypes.
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation
 */
export function isolationOf(
  policies: readonly NetworkPolicy[],
  pod: Pod,
  direction: Direction,
  dataplane: Dataplane,
): PodIsolation {
  const selecting = policies.filter(
    (policy) => isolates(policy, direction) && selectsPod(policy, pod),
  );
  // GKE Dataplane V2 does not isolate host-network pods; see evaluate-direction.
  const ignored = pod.hostNetwork && dataplane === 'gke-dataplane-v2';
  return { direction, isolated: selecting.length > 0 && !ignored, policies: selecting };
}
