import type { Origin } from './source';

/** Which policy a verdict, a record or a problem speaks of, and where it was written. */
export interface PolicyRef {
  readonly kind: 'NetworkPolicy';
  readonly namespace: string;
  readonly name: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly origin: Origin;
}
