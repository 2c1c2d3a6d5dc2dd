import type { FileAnalysis } from './analyze-file';
import { checkObjects } from './check';
import type { Problem } from './problem';
import type { PlacedObject } from './source';

export interface WorkspaceOptions {
  readonly dataplane: 'gke-dataplane-v2' | 'kubernetes';
}

/** Everything the engine concludes about a workspace; the adapters only present it. */
export interface WorkspaceAnalysis {
  readonly objects: readonly PlacedObject[];
  /** Every problem, by file URI, with absolute spans. */
  readonly problems: ReadonlyMap<string, readonly Problem[]>;
}

export function analyzeWorkspace(
  files: Iterable<FileAnalysis>,
  _options: WorkspaceOptions,
): WorkspaceAnalysis {
  const problems = new Map<string, Problem[]>();
  const objects: PlacedObject[] = [];
  for (const file of files) {
    problems.set(file.uri, [...file.problems]);
    objects.push(...file.objects);
  }
  for (const placed of checkObjects(objects)) {
    problems.get(placed.uri)?.push(placed.problem);
  }
  return { objects, problems };
}
