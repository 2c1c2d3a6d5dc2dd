import type { WorkspaceAnalysis } from '../analysis/analyze-workspace';
import { evaluateFlow, resolveFlow } from '../analysis/evaluate-workspace';
import type { Flow, Protocol, Verdict } from '../analysis/evaluate-workspace';
import { previewLogs } from '../logs';
import type { LogPreview } from '../logs';
import type { Problem } from '../core/problem';

export interface SimulateRequest {
  readonly from: string;
  readonly to: string;
  readonly port: number | string;
  readonly protocol?: Protocol;
}

export interface Simulation {
  readonly request: SimulateRequest;
  readonly flow: Flow;
  readonly verdict: Verdict;
  readonly logs: LogPreview;
}

/** Evaluates one flow, typed rather than written in a SampleFlows file, against a workspace. */
export function simulateFlow(
  analysis: WorkspaceAnalysis,
  request: SimulateRequest,
): { readonly simulation: Simulation } | { readonly problems: readonly Problem[] } {
  const resolved = resolveFlow(analysis.world, request);
  if ('problems' in resolved) {
    return { problems: resolved.problems.map((placed) => placed.problem) };
  }
  const verdict = evaluateFlow(analysis.policies, analysis.world, resolved.flow, {
    dataplane: analysis.dataplane,
    clusterPolicies: analysis.clusterPolicies,
  });
  const logs = previewLogs(resolved.flow, verdict, analysis.logging, analysis.world.namespaces);
  return { simulation: { request, flow: resolved.flow, verdict, logs } };
}
