import type { Direction } from '../evaluate/verdict';

export type Disposition = 'allow' | 'deny';

/** `connection.protocol` as anetd spells it: ICMPv6, SCTP and anything else are `unknown`. */
export type RecordProtocol = 'tcp' | 'udp' | 'icmp' | 'unknown';

export interface RecordConnection {
  readonly src_ip: string;
  readonly dest_ip: string;
  readonly src_port?: number;
  readonly dest_port?: number;
  readonly protocol: RecordProtocol;
  readonly direction: Direction;
}

/** One `policies[]` item; every field is omitted when empty (docs/gke-logging.md §2.2). */
export interface RecordPolicy {
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
}

/** `src` or `dest`: pod fields for a pod, `instance` for anything else. */
export interface RecordEndpoint {
  readonly pod_name?: string;
  readonly node_name?: string;
  readonly workload_kind?: string;
  readonly workload_name?: string;
  readonly pod_namespace?: string;
  readonly namespace?: string;
  readonly instance?: string;
}

/** One line of `/var/log/network/policy_action.log`, as data. */
export interface PolicyActionRecord {
  readonly connection: RecordConnection;
  readonly disposition: Disposition;
  /** Only on allow records with at least one policy; never `[]`. */
  readonly policies?: readonly RecordPolicy[];
  readonly src: RecordEndpoint;
  readonly dest: RecordEndpoint;
  readonly count: number;
  /** The node that wrote the record; absent when anetd's `logNodeName` is off. */
  readonly node_name?: string;
  readonly timestamp: string;
}

/** Why a side of a flow writes no record. */
export type NotLoggedReason =
  | 'no-side' // an endpoint outside the cluster has no side of its own
  | 'host-network' // the side is a host-network pod: node traffic is not logged
  | 'not-reached' // egress denied the connection, so ingress never sees it
  | 'not-isolated' // no policy isolates that side: no verdict, no log
  | 'logging-off' // no NetworkLogging in effect
  | 'disposition-off' // allow.log or deny.log is false
  | 'not-delegated' // delegation is on and the annotation is missing
  | 'no-policy-attributed' // allowed, but no policy allowed it
  | 'cluster-policy'; // a tiered cluster policy decided, a kind GKE's policy logging does not know

/**
 * Record fields that the workspace did not give and the preview made up: an address netpol-lens
 * assigned, the name of a workload's representative pod (real ones carry the controller's
 * suffixes), the source port, the node and the time.
 */
export type PlaceholderField =
  'src_ip' | 'dest_ip' | 'src_port' | 'src.pod_name' | 'dest.pod_name' | 'node_name' | 'timestamp';

/** The annotation that would make a not-delegated side log. */
export type AnnotationFix =
  | {
      readonly target: 'policies';
      readonly annotation: string;
      readonly policies: readonly RecordPolicy[];
    }
  | { readonly target: 'namespace'; readonly annotation: string; readonly namespace: string };

export interface LoggedEntry {
  readonly direction: Direction;
  readonly logged: true;
  readonly record: PolicyActionRecord;
  /** The record's exact compact JSON, as the node file holds it (without the newline). */
  readonly line: string;
  readonly placeholders: readonly PlaceholderField[];
}

export interface NotLoggedEntry {
  readonly direction: Direction;
  readonly logged: false;
  readonly reason: NotLoggedReason;
  readonly message: string;
  readonly fix?: AnnotationFix;
}

export type LogPreviewEntry = LoggedEntry | NotLoggedEntry;

/** Both sides of one connection, in the order it meets them: egress, then ingress. */
export type LogPreview = readonly [LogPreviewEntry, LogPreviewEntry];

export interface PreviewOptions {
  /** anetd's `logNodeName` setting (default true). Google's own tests turn it off. */
  readonly logNodeName?: boolean;
  /** Cluster name used in placeholder node names (default `cluster`). */
  readonly clusterName?: string;
  /** Time of the connection's first packet, RFC 3339; default a placeholder derived from the flow. */
  readonly timestamp?: string;
  /** The client's ephemeral port; default a placeholder derived from the flow. */
  readonly sourcePort?: number;
  /** Denied attempts merged into one deny record in the 5 s window (default 1). */
  readonly denyCount?: number;
}
