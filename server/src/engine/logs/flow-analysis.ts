import type { FlowResult } from '../evaluate/flow-result';
import type { World } from '../world/types';
import type { LoggingConfig } from './config';
import { checkExpectLogged } from './expect';
import { previewLogs } from './preview';
import type { LogPreview } from './types';

/** A sample flow with its verdict and its log preview. */
export interface FlowAnalysis extends FlowResult {
  readonly logs: LogPreview;
  /** False when `expectLogged` is set and the preview disagrees. */
  readonly loggedOk: boolean;
}

/** A sample flow's result with the records GKE would write for it under `logging`. */
export function analyzeFlow(
  result: FlowResult,
  logging: LoggingConfig,
  namespaces: World['namespaces'],
): FlowAnalysis {
  const logs = previewLogs(result.flow, result.verdict, logging, namespaces);
  const loggedOk = result.expectLogged === null || checkExpectLogged(logs, result.expectLogged);
  return { ...result, logs, loggedOk };
}
