import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_MAX_FILE_SIZE } from './engine';

export interface Settings {
  readonly dataplane: 'gke-dataplane-v2' | 'kubernetes';
  readonly maxFileSize: number;
}

export const DEFAULT_SETTINGS: Settings = {
  dataplane: 'gke-dataplane-v2',
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
};

/** Reads `netpol.*`; anything missing or malformed keeps its default. */
export async function readSettings(connection: Connection, supported: boolean): Promise<Settings> {
  if (!supported) {
    return DEFAULT_SETTINGS;
  }
  const raw: unknown = await connection.workspace.getConfiguration('netpol');
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    dataplane: value['dataplane'] === 'kubernetes' ? 'kubernetes' : 'gke-dataplane-v2',
    maxFileSize:
      typeof value['maxFileSize'] === 'number' && value['maxFileSize'] > 0
        ? value['maxFileSize']
        : DEFAULT_SETTINGS.maxFileSize,
  };
}
