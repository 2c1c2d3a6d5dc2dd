import type { Origin } from '../core/source';
import type { Span } from '../core/span';
import type { Protocol } from '../core/vocabulary';
import type { Pod } from '../world/types';

export type Endpoint =
  | {
      readonly kind: 'pod';
      readonly pod: Pod;
      /** The address the flow named, when it named the pod by one of its IPs. */
      readonly ip?: string;
    }
  | { readonly kind: 'external'; readonly ip: string };

/** One new connection, resolved against the world. */
export interface Flow {
  readonly source: Endpoint;
  readonly destination: Endpoint;
  readonly port: number;
  /** The named port as written, when the flow named one. */
  readonly portName?: string;
  readonly protocol: Protocol;
}

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
