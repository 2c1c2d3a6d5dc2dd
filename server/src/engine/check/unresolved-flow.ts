import type { PlacedProblem } from '../core/source';
import type { Span } from '../core/span';

/** Why a sample flow names no connection of the workspace. */
export type UnresolvedCode =
  'unknown-endpoint' | 'ambiguous-endpoint' | 'unknown-named-port' | 'named-port-external';

/** The problem of a sample flow whose endpoint or named port the world does not resolve. */
export function unresolvedFlow(
  uri: string,
  code: UnresolvedCode,
  message: string,
  span: Span,
): PlacedProblem {
  return { uri, problem: { code, severity: 'error', message, span } };
}
