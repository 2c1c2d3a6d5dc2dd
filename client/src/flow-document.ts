import * as vscode from 'vscode';
import type { SimulateFlowParams, SimulateFlowResult } from '../../server/src/protocol';

/** The scheme of the read-only documents that show one simulated flow. */
export const FLOW_SCHEME = 'netpol-flow';

/** The flow's document: its parameters in the query, a readable label as its path. */
export function toUri(params: SimulateFlowParams): vscode.Uri {
  const label = `${params.from} → ${params.to} ${params.port}/${params.protocol ?? 'TCP'}`;
  return vscode.Uri.from({
    scheme: FLOW_SCHEME,
    path: `/${label.replace(/\//g, '∕')}`,
    query: JSON.stringify(params),
  });
}

export function paramsOf(uri: vscode.Uri): SimulateFlowParams {
  const value = JSON.parse(uri.query) as SimulateFlowParams;
  return { from: value.from, to: value.to, port: value.port, protocol: value.protocol };
}

/** Verdict, explanation per direction and log preview, under a header. */
export function renderSimulation(params: SimulateFlowParams, result: SimulateFlowResult): string {
  const flow = `${params.from} -> ${params.to}:${params.port}/${params.protocol ?? 'TCP'}`;
  if (!result.ok) {
    return `# Simulated flow: ${flow}\n# It cannot be evaluated: ${result.message}\n`;
  }
  const dataplane = field(result.flow, 'explanation', 'dataplane');
  return [
    `# Simulated flow: ${flow}`,
    `# Dataplane: ${typeof dataplane === 'string' ? dataplane : 'unknown'} (setting netpol.dataplane)`,
    '',
    result.text.trimEnd(),
    '',
    `# To keep this flow as a test, run "NetworkPolicy: Add Simulated Flow to SampleFlows".`,
    ...(verdictOf(result) === 'deny'
      ? [`# To allow it with new policies, run "NetworkPolicy: Allow Simulated Flow".`]
      : []),
    '',
  ].join('\n');
}

export function verdictOf(result: SimulateFlowResult & { ok: true }): string {
  const verdict = field(result.flow, 'verdict');
  return typeof verdict === 'string' ? verdict : 'unknown';
}

// The summary reads "allow: egress allowed by ...; ingress ...".
export function summaryOf(result: SimulateFlowResult & { ok: true }): string {
  const summary = field(result.flow, 'summary');
  return typeof summary === 'string' ? summary : (result.text.split('\n')[0] ?? verdictOf(result));
}

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    current =
      typeof current === 'object' && current !== null
        ? (current as Record<string, unknown>)[key]
        : undefined;
  }
  return current;
}
