import type { LoggingConfig } from '../../../server/src/engine/logs';
import type { PlacedObject } from '../../../server/src/engine/core/source';

export function loggingOn(
  allow: { log: boolean; delegate?: boolean } = { log: true },
  deny: { log: boolean; delegate?: boolean } = { log: true },
): LoggingConfig {
  return {
    source: 'workspace',
    allow: { log: allow.log, delegate: allow.delegate ?? false },
    deny: { log: deny.log, delegate: deny.delegate ?? false },
    notes: [],
  };
}

export const LOGGING_NONE: LoggingConfig = {
  source: 'none',
  allow: { log: false, delegate: false },
  deny: { log: false, delegate: false },
  notes: [],
};

export function networkLogging(
  value: Record<string, unknown>,
  uri = 'file:///logging.yaml',
): PlacedObject {
  return {
    apiVersion: 'networking.gke.io/v1alpha1',
    kind: 'NetworkLogging',
    value: { apiVersion: 'networking.gke.io/v1alpha1', kind: 'NetworkLogging', ...value },
    path: [],
    locate: () => ({ start: 0, end: 0 }),
    uri,
    offset: 0,
  };
}
