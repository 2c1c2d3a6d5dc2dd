import type { Connection } from 'vscode-languageserver/node';
import { clampMaxFileSize, DEFAULT_MAX_FILE_SIZE, GKE_KUBE_DNS } from './engine';
import type { ClusterDns } from './engine';

export type FlowVerdictSeverity = 'information' | 'hint' | 'none';

export interface Settings {
  readonly dataplane: 'gke-dataplane-v2' | 'kubernetes';
  readonly maxFileSize: number;
  /** Globs, relative to a workspace folder, of the files to analyse. */
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** How the per-flow verdict is shown; `none` hides it (mismatches stay errors). */
  readonly flowVerdictSeverity: FlowVerdictSeverity;
  /** Where the cluster's logs are, for Cloud Logging queries; empty means a placeholder. */
  readonly gcp: { readonly project: string; readonly cluster: string; readonly location: string };
  /** The cluster DNS assumed when the workspace has no pod of it. */
  readonly clusterDns: ClusterDns;
}

export const DEFAULT_SETTINGS: Settings = {
  dataplane: 'gke-dataplane-v2',
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  include: ['**/*.{yaml,yml}'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  flowVerdictSeverity: 'hint',
  gcp: { project: '', cluster: '', location: '' },
  clusterDns: GKE_KUBE_DNS,
};

/** Reads `netpol.*`; anything missing or malformed keeps its default. */
export async function readSettings(connection: Connection, supported: boolean): Promise<Settings> {
  if (!supported) {
    return DEFAULT_SETTINGS;
  }
  const raw: unknown = await connection.workspace.getConfiguration('netpol');
  return toSettings(raw);
}

export function toSettings(raw: unknown): Settings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const maxFileSize = value['maxFileSize'];
  const severity = value['flowVerdictSeverity'];
  return {
    dataplane: value['dataplane'] === 'kubernetes' ? 'kubernetes' : 'gke-dataplane-v2',
    maxFileSize:
      typeof maxFileSize === 'number'
        ? clampMaxFileSize(maxFileSize)
        : DEFAULT_SETTINGS.maxFileSize,
    include: globs(value['include']) ?? DEFAULT_SETTINGS.include,
    exclude: globs(value['exclude']) ?? DEFAULT_SETTINGS.exclude,
    flowVerdictSeverity:
      severity === 'hint' || severity === 'none' || severity === 'information'
        ? severity
        : DEFAULT_SETTINGS.flowVerdictSeverity,
    gcp: toGcp(value['gcp']),
    clusterDns: toClusterDns(value['clusterDns']),
  };
}

/**
 * `netpol.clusterDns`: `namespace`, `name`, `labels` (strings) and `ports` (`port`, `protocol`,
 * optional `name`); each part that is missing or malformed keeps GKE's kube-dns value.
 */
export function toClusterDns(raw: unknown): ClusterDns {
  if (typeof raw !== 'object' || raw === null) {
    return GKE_KUBE_DNS;
  }
  const value = raw as Record<string, unknown>;
  const text = (key: string, fallback: string) =>
    typeof value[key] === 'string' && value[key].trim() !== '' ? value[key].trim() : fallback;
  const labels = value['labels'];
  const validLabels =
    typeof labels === 'object' &&
    labels !== null &&
    Object.values(labels).every((label) => typeof label === 'string');
  const ports = Array.isArray(value['ports']) ? value['ports'].flatMap(toDnsPort) : [];
  return {
    namespace: text('namespace', GKE_KUBE_DNS.namespace),
    name: text('name', GKE_KUBE_DNS.name),
    labels: validLabels ? (labels as Record<string, string>) : GKE_KUBE_DNS.labels,
    ports: ports.length > 0 ? ports : GKE_KUBE_DNS.ports,
  };
}

function toDnsPort(raw: unknown): ClusterDns['ports'][number][] {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const port = value['port'];
  const protocol = value['protocol'] ?? 'UDP';
  if (
    typeof port !== 'number' ||
    !Number.isInteger(port) ||
    port < 1 ||
    port > 65535 ||
    (protocol !== 'UDP' && protocol !== 'TCP')
  ) {
    return [];
  }
  const name = value['name'];
  return [
    typeof name === 'string'
      ? { name, containerPort: port, protocol }
      : { containerPort: port, protocol },
  ];
}

/** `netpol.gcp.*`: names are trimmed; anything not a string is unset. */
function toGcp(raw: unknown): Settings['gcp'] {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof value[key] === 'string' ? value[key].trim() : '');
  return { project: text('project'), cluster: text('cluster'), location: text('location') };
}

function globs(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
    ? value
    : undefined;
}
