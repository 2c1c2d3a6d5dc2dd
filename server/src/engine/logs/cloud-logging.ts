import type { PolicyActionRecord } from './types';

export interface CloudLoggingOptions {
  readonly projectId?: string;
  readonly location?: string;
  readonly clusterName?: string;
  /** Used when the record has no `node_name` (anetd's `logNodeName` off). */
  readonly nodeName?: string;
  /** Keep `timestamp` inside `jsonPayload` too (default false: Fluent Bit moves it out). */
  readonly keepPayloadTimestamp?: boolean;
}

export interface CloudLoggingEntry {
  readonly logName: string;
  readonly resource: {
    readonly type: 'k8s_node';
    readonly labels: {
      readonly project_id: string;
      readonly location: string;
      readonly cluster_name: string;
      readonly node_name: string;
    };
  };
  readonly timestamp: string;
  readonly jsonPayload: Readonly<Record<string, unknown>>;
}

export interface CloudLoggingView {
  readonly entry: CloudLoggingEntry;
  /** Which parts of the envelope are unconfirmed, in one sentence. */
  readonly note: string;
}

export const CLOUD_LOGGING_NOTE =
  'Unconfirmed: the logging agent probably moves the record timestamp to the entry timestamp and drops it from jsonPayload; insertId, severity and receiveTimestamp are not shown.';

/**
 * The record as a Cloud Logging entry (docs/gke-logging.md §2.1): `policy-action` log of a `k8s_node`
 * resource, with the record's fields under `jsonPayload`.
 */
export function toCloudLoggingEntry(
  record: PolicyActionRecord,
  options: CloudLoggingOptions = {},
): CloudLoggingView {
  const projectId = options.projectId ?? 'PROJECT_ID';
  const { timestamp, ...withoutTimestamp } = record;
  const entry: CloudLoggingEntry = {
    logName: `projects/${projectId}/logs/policy-action`,
    resource: {
      type: 'k8s_node',
      labels: {
        project_id: projectId,
        location: options.location ?? 'LOCATION',
        cluster_name: options.clusterName ?? 'CLUSTER_NAME',
        node_name: record.node_name ?? options.nodeName ?? 'NODE_NAME',
      },
    },
    timestamp,
    jsonPayload: options.keepPayloadTimestamp ? { ...record } : withoutTimestamp,
  };
  return { entry, note: CLOUD_LOGGING_NOTE };
}
