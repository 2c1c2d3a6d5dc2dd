import { ide, present } from '../engine';
import { allowFlowRequest } from '../protocol';
import type { AllowFlowResult } from '../protocol';
import { runSafe } from '../run-safe';
import { findAllowFlowChange } from './allow-flow';
import type { FeatureContext } from './context';
import { isAnalysed } from './reachability';
import { toSimulateRequest } from './simulate';

/**
 * `netpol/allowFlow`: "Allow this flow" for a flow that is not a sample flow (a record of
 * production's, a simulated flow), simulated as Simulate Flow does and fixed as the quick fix is.
 */
export function registerAllowFlow(context: FeatureContext): void {
  const { connection } = context;
  connection.onRequest(allowFlowRequest, (params) =>
    runSafe<AllowFlowResult>(
      connection,
      'allow flow',
      { ok: false, code: 'internal', message: 'Internal error.' },
      () => answerAllowFlow(context, params),
    ),
  );
}

export async function answerAllowFlow(
  context: FeatureContext,
  params: unknown,
): Promise<AllowFlowResult> {
  const request = toSimulateRequest(params);
  if ('message' in request) {
    return { ok: false, code: 'bad-request', message: request.message };
  }
  // The edit appends to the files as the editor has them: analyse what the debounce still holds.
  if (context.documents.all().some((document) => !isAnalysed(context, document))) {
    context.workspace.flush();
  }
  const analysis = context.workspace.analysis();
  if (analysis === undefined) {
    return {
      ok: false,
      code: 'not-ready',
      message: 'The workspace is still being analysed; try again in a moment.',
    };
  }
  const result = ide.simulateFlow(analysis, request);
  if ('problems' in result) {
    const message = result.problems.map((problem) => problem.message).join(' ');
    return { ok: false, code: 'unresolved', message };
  }
  const { flow, verdict } = result.simulation;
  const summary = present.summarizeVerdict(verdict);
  if (verdict.allowed) {
    return {
      ok: false,
      code: 'allowed',
      message: `The workspace already allows this flow (${summary}).`,
    };
  }
  const change = await findAllowFlowChange(context, analysis, {
    from: request.from,
    to: request.to,
    port: request.port,
    protocol: flow.protocol,
    flow,
    verdict,
  });
  if (change === undefined) {
    return {
      ok: false,
      code: 'no-fix',
      message: `No new NetworkPolicy allows this flow (${summary}).`,
    };
  }
  return { ok: true, ...change };
}
