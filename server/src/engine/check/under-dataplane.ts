import type { Problem } from '../core/problem';
import type { Dataplane } from '../core/vocabulary';
import type { FileAnalysis } from './document-analysis';

/** The problems of a file alone under a dataplane profile, before any cross-file analysis. */
export function fileProblems(file: FileAnalysis, dataplane: Dataplane): Problem[] {
  return file.problems.filter((problem) => appliesTo(problem, dataplane));
}

// Checks of GKE Dataplane V2's own limits say nothing under the plain Kubernetes profile.
function appliesTo(problem: Problem, dataplane: Dataplane): boolean {
  return dataplane === 'gke-dataplane-v2' || !problem.code.startsWith('dataplane-v2-');
}
