import type { Dataplane, Flow, Verdict } from '../evaluate/verdict';
import type { Span } from '../span';
import type { Origin, Protocol } from '../world/types';

export type FlowProblemCode =
  'unknown-endpoint' | 'ambiguous-endpoint' | 'unknown-named-port' | 'named-port-external';

/** A reference that names no endpoint, or more than one. */
export interface UnresolvedEndpoint {
  readonly kind: 'unresolved';
  readonly code: 'unknown-endpoint' | 'ambiguous-endpoint';
  readonly message: string;
  /** The nearest known references, best first. */
  readonly suggestions: readonly string[];
}

/** One item of a SampleFlows document, as written, with the spans of its values. */
export interface SampleFlow {
  readonly uri: string;
  /** Absolute span of the whole item. */
  readonly span: Span;
  readonly origin: Origin;
  readonly name: string | null;
  readonly from: string;
  readonly to: string;
  readonly port: number | string;
  readonly protocol: Protocol;
  readonly expect: 'allow' | 'deny' | null;
  readonly expectLogged: boolean | null;
  /** Absolute spans of the values, for problems. */
  readonly spans: { readonly from: Span; readonly to: Span; readonly port: Span };
}

/**
 * One sample flow with its verdict. `from`, `to`, `port` and `protocol` echo the flow as written
 * (protocol defaulted to TCP); `expectLogged` is checked by the log preview, not here.
 */
export interface FlowResult extends Omit<SampleFlow, 'spans'> {
  readonly flow: Flow;
  readonly verdict: Verdict;
  readonly dataplane: Dataplane;
  /** False when `expect` is set and the verdict differs. */
  readonly ok: boolean;
}
