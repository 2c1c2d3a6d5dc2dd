import type { Protocol, WorkspaceAnalysis } from '../engine';
import { explainVerdict, renderLogPreview, simulateFlow } from '../engine';
import { fromSimulation } from '../flow-json';
import { simulateFlowRequest } from '../protocol';
import type { SimulateFlowParams, SimulateFlowResult } from '../protocol';
import { runSafe } from '../run-safe';
import type { FeatureContext } from './context';

/** `netpol/simulateFlow`: one typed flow against the workspace as the server sees it now. */
export function registerSimulate({ connection, workspace }: FeatureContext): void {
  connection.onRequest(simulateFlowRequest, (params) =>
    runSafe<SimulateFlowResult>(
      connection,
      'simulate flow',
      { ok: false, message: 'Internal error.' },
      () => simulate(workspace.analysis(), params),
    ),
  );
}

const PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];

/** Answers `netpol/simulateFlow`: every bad parameter is an error message, never a throw. */
export function simulate(
  analysis: WorkspaceAnalysis | undefined,
  params: SimulateFlowParams,
): SimulateFlowResult {
  if (analysis === undefined) {
    return { ok: false, message: 'The workspace is still being analysed; try again in a moment.' };
  }
  // The client is ours, but a request is still only JSON: check its shape before trusting it.
  if (!isFlowRequest(params)) {
    return { ok: false, message: 'A flow needs a source, a destination and a port.' };
  }
  const protocol = (params.protocol ?? 'TCP').toUpperCase();
  if (!PROTOCOLS.includes(protocol)) {
    return { ok: false, message: `Protocol "${params.protocol}" is not one of TCP, UDP or SCTP.` };
  }
  const port = /^\d+$/.test(params.port) ? Number(params.port) : params.port;
  if (typeof port === 'number' && (port < 1 || port > 65535)) {
    return { ok: false, message: `Port ${port} is not between 1 and 65535.` };
  }
  const result = simulateFlow(analysis, {
    from: params.from,
    to: params.to,
    port,
    protocol: protocol as Protocol,
  });
  if ('problems' in result) {
    return { ok: false, message: result.problems.map((problem) => problem.message).join(' ') };
  }
  const { simulation } = result;
  const text = [
    explainVerdict(simulation.verdict, simulation.flow),
    '',
    'Log preview:',
    ...renderLogPreview(simulation.logs).map((line) => `  ${line}`),
  ].join('\n');
  return { ok: true, text, flow: fromSimulation(simulation, analysis.dataplane) };
}

function isFlowRequest(params: unknown): params is SimulateFlowParams {
  if (typeof params !== 'object' || params === null) {
    return false;
  }
  const { from, to, port, protocol } = params as Record<string, unknown>;
  return (
    typeof from === 'string' &&
    typeof to === 'string' &&
    typeof port === 'string' &&
    (protocol === undefined || typeof protocol === 'string')
  );
}
