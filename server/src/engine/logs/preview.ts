import type { Direction, Endpoint, Flow, Verdict } from '../evaluate/verdict';
import type { Namespace, Pod } from '../world/types';
import type { LoggingConfig } from './config';
import { decideSide } from './decide';
import { endpointIp, toRecordEndpoint, toRecordIp } from './endpoint';
import {
  endpointPlaceholders,
  placeholderNodeNameIn,
  placeholderPool,
  placeholderStamp,
} from './placeholders';
import { toRecordLine } from './record-line';
import { formatTimestamp, parseTimestamp } from './timestamp';
import type {
  Disposition,
  LogPreview,
  LogPreviewEntry,
  PlaceholderField,
  PolicyActionRecord,
  PreviewOptions,
  RecordConnection,
  RecordPolicy,
  RecordProtocol,
} from './types';

/**
 * The `policy-action` records GKE Dataplane V2 would write for one flow: the egress side on the
 * source's node, then the ingress side on the destination's node (docs/gke-logging.md §2.5). Each side is
 * either a record with its exact file line, or the reason it writes none.
 */
export function previewLogs(
  flow: Flow,
  verdict: Verdict,
  config: LoggingConfig,
  namespaces: ReadonlyMap<string, Namespace>,
  options: PreviewOptions = {},
): LogPreview {
  let stamp: FlowStamp | undefined;
  const preview = (direction: Direction): LogPreviewEntry => {
    const decision = decideSide(direction, flow, verdict, config, namespaces);
    if (!decision.logged) {
      return decision;
    }
    stamp ??= toFlowStamp(flow, options);
    return toLoggedEntry(flow, direction, decision.disposition, decision.policies, options, stamp);
  };
  return [preview('egress'), preview('ingress')];
}

/** What both sides of a flow share: the source port, the time and the node pool. */
interface FlowStamp {
  readonly sourcePort: number;
  readonly timestamp: string;
  readonly pool: string;
}

function toFlowStamp(flow: Flow, options: PreviewOptions): FlowStamp {
  const made = placeholderStamp(flow);
  const instant =
    options.timestamp === undefined ? made.instant : parseTimestamp(options.timestamp);
  return {
    sourcePort: options.sourcePort ?? made.sourcePort,
    timestamp: formatTimestamp(instant),
    pool: placeholderPool(options.clusterName ?? 'cluster'),
  };
}

function toLoggedEntry(
  flow: Flow,
  direction: Direction,
  disposition: Disposition,
  policies: readonly RecordPolicy[] | undefined,
  options: PreviewOptions,
  stamp: FlowStamp,
): LogPreviewEntry {
  const placeholders: PlaceholderField[] = [
    ...endpointPlaceholders(flow.source, 'src'),
    ...endpointPlaceholders(flow.destination, 'dest'),
  ];
  const connection = toConnection(flow, direction, options, stamp.sourcePort, placeholders);
  const nodes = placeNodes(flow, direction, stamp.pool);
  const logNodeName = options.logNodeName ?? true;
  if (logNodeName && nodes.placeholder) {
    placeholders.push('node_name');
  }
  if (options.timestamp === undefined) {
    placeholders.push('timestamp');
  }
  // Built field by field, in the Go struct's order: spreading optional fields is slow.
  const record: Writable<PolicyActionRecord> = { connection, disposition };
  if (disposition === 'allow' && policies?.length) {
    record.policies = policies;
  }
  record.src = toRecordEndpoint(flow.source, nodes.isLocal(flow.source));
  record.dest = toRecordEndpoint(flow.destination, nodes.isLocal(flow.destination));
  record.count = disposition === 'deny' ? (options.denyCount ?? 1) : 1;
  if (logNodeName) {
    record.node_name = nodes.loggingNode;
  }
  record.timestamp = stamp.timestamp;
  const complete = record as PolicyActionRecord;
  return { direction, logged: true, record: complete, line: toRecordLine(complete), placeholders };
}

interface NodePlacement {
  /** The node that writes the record: the enforcing pod's. */
  readonly loggingNode: string;
  /** Whether the logging node's name is made up. */
  readonly placeholder: boolean;
  readonly isLocal: (endpoint: Endpoint) => boolean;
}

/** Where the pods run: their `spec.nodeName`, else a stable placeholder node per pod. */
function placeNodes(flow: Flow, direction: Direction, pool: string): NodePlacement {
  const local = direction === 'egress' ? flow.source : flow.destination;
  if (local.kind !== 'pod') {
    throw new Error('A logged side is always a pod.');
  }
  const nodeOf = (pod: Pod): string => pod.nodeName ?? placeholderNodeNameIn(pool, pod);
  const loggingNode = nodeOf(local.pod);
  return {
    loggingNode,
    placeholder: local.pod.nodeName === undefined,
    isLocal: (endpoint) =>
      endpoint.kind === 'pod' &&
      (endpoint.pod === local.pod || nodeOf(endpoint.pod) === loggingNode),
  };
}

function toConnection(
  flow: Flow,
  direction: Direction,
  options: PreviewOptions,
  sourcePort: number,
  placeholders: PlaceholderField[],
): RecordConnection {
  const protocol = toRecordProtocol(flow.protocol);
  const connection: Writable<RecordConnection> = {
    src_ip: toRecordIp(endpointIp(flow.source)),
    dest_ip: toRecordIp(endpointIp(flow.destination)),
  };
  // anetd reads ports only from TCP and UDP headers; other protocols log none (docs/gke-logging.md §2.2).
  if (protocol !== 'unknown') {
    if (options.sourcePort === undefined) {
      placeholders.push('src_port');
    }
    // Go's `omitempty` drops a zero port; the record says what the line says.
    if (sourcePort !== 0) {
      connection.src_port = sourcePort;
    }
    if (flow.port !== 0) {
      connection.dest_port = flow.port;
    }
  }
  connection.protocol = protocol;
  connection.direction = direction;
  return connection as RecordConnection;
}

/** A record under construction: fields are added in the order the JSON shows them. */
type Writable<T> = { -readonly [K in keyof T]?: T[K] };

export function toRecordProtocol(protocol: Flow['protocol']): RecordProtocol {
  switch (protocol) {
    case 'TCP':
      return 'tcp';
    case 'UDP':
      return 'udp';
    default:
      return 'unknown';
  }
}
