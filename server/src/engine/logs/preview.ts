import type { Direction, Endpoint, Flow, Verdict } from '../evaluate/verdict';
import type { Namespace, Pod } from '../world/types';
import type { LoggingConfig } from './config';
import { decideSide } from './decide';
import { endpointIp, toRecordEndpoint, toRecordIp } from './endpoint';
import { placeholderInstant, placeholderNodeName, placeholderSourcePort } from './placeholders';
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
 * source's node, then the ingress side on the destination's node (reference §2.5). Each side is
 * either a record with its exact file line, or the reason it writes none.
 */
export function previewLogs(
  flow: Flow,
  verdict: Verdict,
  config: LoggingConfig,
  namespaces: ReadonlyMap<string, Namespace>,
  options: PreviewOptions = {},
): LogPreview {
  const preview = (direction: Direction): LogPreviewEntry => {
    const decision = decideSide(direction, flow, verdict, config, namespaces);
    return decision.logged
      ? toLoggedEntry(flow, direction, decision.disposition, decision.policies, options)
      : decision;
  };
  return [preview('egress'), preview('ingress')];
}

function toLoggedEntry(
  flow: Flow,
  direction: Direction,
  disposition: Disposition,
  policies: readonly RecordPolicy[] | undefined,
  options: PreviewOptions,
): LogPreviewEntry {
  const placeholders: PlaceholderField[] = [];
  const connection = toConnection(flow, direction, options, placeholders);
  const nodes = placeNodes(flow, direction, options.clusterName ?? 'cluster');
  const logNodeName = options.logNodeName ?? true;
  if (logNodeName && nodes.placeholder) {
    placeholders.push('node_name');
  }
  if (options.timestamp === undefined) {
    placeholders.push('timestamp');
  }
  const instant =
    options.timestamp === undefined ? placeholderInstant(flow) : parseTimestamp(options.timestamp);
  const record: PolicyActionRecord = {
    connection,
    disposition,
    ...(disposition === 'allow' && policies?.length ? { policies } : {}),
    src: toRecordEndpoint(flow.source, nodes.isLocal(flow.source)),
    dest: toRecordEndpoint(flow.destination, nodes.isLocal(flow.destination)),
    count: disposition === 'deny' ? (options.denyCount ?? 1) : 1,
    ...(logNodeName ? { node_name: nodes.loggingNode } : {}),
    timestamp: formatTimestamp(instant),
  };
  return { direction, logged: true, record, line: toRecordLine(record), placeholders };
}

interface NodePlacement {
  /** The node that writes the record: the enforcing pod's. */
  readonly loggingNode: string;
  /** Whether the logging node's name is made up. */
  readonly placeholder: boolean;
  readonly isLocal: (endpoint: Endpoint) => boolean;
}

/** Where the pods run: their `spec.nodeName`, else a stable placeholder node per pod. */
function placeNodes(flow: Flow, direction: Direction, clusterName: string): NodePlacement {
  const local = direction === 'egress' ? flow.source : flow.destination;
  if (local.kind !== 'pod') {
    throw new Error('A logged side is always a pod.');
  }
  const nodeOf = (pod: Pod): string => pod.nodeName ?? placeholderNodeName(pod, clusterName);
  const loggingNode = nodeOf(local.pod);
  return {
    loggingNode,
    placeholder: local.pod.nodeName === undefined,
    isLocal: (endpoint) => endpoint.kind === 'pod' && nodeOf(endpoint.pod) === loggingNode,
  };
}

function toConnection(
  flow: Flow,
  direction: Direction,
  options: PreviewOptions,
  placeholders: PlaceholderField[],
): RecordConnection {
  const protocol = toRecordProtocol(flow.protocol);
  const connection = {
    src_ip: toRecordIp(endpointIp(flow.source)),
    dest_ip: toRecordIp(endpointIp(flow.destination)),
  };
  // anetd reads ports only from TCP and UDP headers; other protocols log none (reference §2.2).
  if (protocol === 'unknown') {
    return { ...connection, protocol, direction };
  }
  if (options.sourcePort === undefined) {
    placeholders.push('src_port');
  }
  const sourcePort = options.sourcePort ?? placeholderSourcePort(flow);
  // Go's `omitempty` drops a zero port; the record says what the line says.
  return {
    ...connection,
    ...(sourcePort === 0 ? {} : { src_port: sourcePort }),
    ...(flow.port === 0 ? {} : { dest_port: flow.port }),
    protocol,
    direction,
  };
}

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
