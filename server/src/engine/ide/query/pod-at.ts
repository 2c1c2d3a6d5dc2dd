import type { WorkspaceAnalysis } from '../../analysis/analyze-workspace';
import { locateOrigin } from '../../core/locate-origin';
import type { Pod } from '../../world/types';

/** The pod, or workload's pod, whose object holds `offset` in the file `uri`. */
export function podAt(analysis: WorkspaceAnalysis, uri: string, offset: number): Pod | undefined {
  return analysis.world.pods.find((candidate) => {
    if (candidate.origin.uri !== uri) {
      return false;
    }
    const span = locateOrigin(analysis.file, candidate.origin);
    return span !== undefined && span.start <= offset && offset <= span.end;
  });
}
