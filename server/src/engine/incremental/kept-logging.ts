import type { FileLookup } from '../check/document-analysis';
import type { WorkspaceOptions } from '../analysis/analyze-workspace';
import { sameItems } from '../core/same-items';
import type { PlacedObject, PlacedProblem } from '../core/source';
import { readLoggingConfig } from '../logs';
import type { LoggingConfig } from '../logs';
import { checkClusterPolicySupport } from '../workspace-checks/cluster-policy-support';
import type { KeptEvaluation } from './evaluation-memo';

/**
 * The logging configuration and the GKE support warning: cheap to find again, but kept as the
 * same objects while they say the same, so that what depends on them (the flows' analyses, a
 * file's problem list) can be kept too.
 */
export interface KeptLogging {
  readonly loggingObjects: readonly PlacedObject[];
  readonly logging: LoggingConfig;
  /** The workspace's warning that GKE documents no support for tiered cluster policies. */
  readonly clusterPolicySupport: readonly PlacedProblem[];
}

/** The logging configuration, kept while the NetworkLogging objects and the namespaces are. */
export function keptLogging(
  loggingRelevantOf: ReadonlyMap<readonly PlacedObject[], readonly PlacedObject[]>,
  evaluation: KeptEvaluation,
  memo: KeptLogging | undefined,
) {
  // Only these objects are read by the logging checks and the logging configuration.
  const relevant = [...loggingRelevantOf.values()].flat();
  const objects = relevant.filter((object) => object.kind === 'NetworkLogging');
  // Set when the world changed at most in some pods: namespaces are then the same.
  const same =
    evaluation.changedPods !== undefined &&
    memo !== undefined &&
    sameItems(objects, memo.loggingObjects);
  const config = same ? memo.logging : readLoggingConfig(objects);
  return { relevant, objects, same, config };
}

/**
 * The GKE support warning, found again (a scan of the cluster policies and one lookup), but the
 * previous object while it says the same at the same place: its file's problem list can then
 * stay the same array.
 */
export function keptClusterPolicySupport(
  evaluation: KeptEvaluation,
  options: WorkspaceOptions,
  file: FileLookup,
  memo: KeptLogging | undefined,
): readonly PlacedProblem[] {
  const found = checkClusterPolicySupport(evaluation.clusterPolicies, options.dataplane, file);
  const before = memo?.clusterPolicySupport ?? [];
  return found.map((placed, index) => {
    const kept = before[index];
    const same =
      kept !== undefined &&
      kept.uri === placed.uri &&
      kept.problem.message === placed.problem.message &&
      kept.problem.span.start === placed.problem.span.start &&
      kept.problem.span.end === placed.problem.span.end;
    return same ? kept : placed;
  });
}
