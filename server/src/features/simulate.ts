import type { Protocol, WorkspaceAnalysis } from '../engine';
import { ide, present } from '../engine';

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
  const request = toSimulateRequest(params);
  if ('message' in request) {
    return { ok: false, message: request.message };
  }
  const result = ide.simulateFlow(analysis, request);
  if ('problems' in result) {
    return { ok: false, message: result.problems.map((problem) => problem.message).join(' ') };
  }
  const { simulation } = result;
  const text = [
    present.explainVerdict(simulation.verdict, simulation.flow),
    '',
    'Log preview:',
    ...present.renderLogPreview(simulation.logs).map((line) => `  ${line}`),
  ].join('\n');
  return { ok: true, text, flow: fromSimulation(simulation, analysis.dataplane) };
}

/**
 * A flow typed by the user or sent by the client, checked: every bad value is a message. The
 * client is ours, but a request is still only JSON: its shape is checked before it is trusted.
 */
export function toSimulateRequest(
  params: unknown,
): ide.SimulateRequest | { readonly message: string } {
  if (typeof params !== 'object' || params === null) {
    return { message: NOT_A_FLOW };
  }
  const { from, to, port, protocol } = params as Record<string, unknown>;
  if (
    typeof from !== 'string' ||
    typeof to !== 'string' ||
    (typeof port !== 'string' && typeof port !== 'number') ||
    (protocol !== undefined && typeof protocol !== 'string')
  ) {
    return { message: NOT_A_FLOW };
  }
  const upper = (protocol ?? 'TCP').toUpperCase();
  if (!PROTOCOLS.includes(upper)) {
    return { message: `Protocol "${protocol}" is not one of TCP, UDP or SCTP.` };
  }
  const number = typeof port === 'number' ? port : /^\d+$/.test(port) ? Number(port) : undefined;
  if (number !== undefined && !(Number.isInteger(number) && number >= 1 && number <= 65535)) {
    return { message: `Port ${port} is not a whole number between 1 and 65535.` };
  }
  return { from, to, port: number ?? port, protocol: upper as Protocol };
}

const NOT_A_FLOW = 'A flow needs a source, a destination and a port.';
