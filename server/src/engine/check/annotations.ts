import { valueAt } from './read';

/** Turns on allow logging for a policy when NetworkLogging delegates allows (docs/gke-logging.md §1.4). */
export const ENABLE_LOGGING = 'policy.network.gke.io/enable-logging';
/** Turns on deny logging for a namespace when NetworkLogging delegates denies. */
export const ENABLE_DENY_LOGGING = 'policy.network.gke.io/enable-deny-logging';

/** GKE compares with the exact string "true"; anything else leaves logging off. */
export function isAnnotationOn(object: unknown, key: string): boolean {
  return valueAt(object, ['metadata', 'annotations', key]) === 'true';
}
