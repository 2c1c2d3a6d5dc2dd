import { evaluateFlow } from '../../evaluate/evaluate-flow';
import type { Dataplane, Flow, Verdict } from '../../evaluate/verdict';
import type { RecordEndpoint } from '../types';
import type { ClusterPolicy } from '../../model/cluster-policy';
import type { NetworkPolicy } from '../../model/types';
import type { Protocol, World } from '../../world/types';
import { placeEndpoint } from './place-endpoint';
import type { PlacedEndpoint } from './place-endpoint';
import { readRecords } from './read-records';
import type { ReadRecord, RecordProblem, RecordsRead } from './read-records';

/** What records are read against: the workspace's policies and world, under one profile. */
export interface RecordsSubject {
  readonly policies: readonly NetworkPolicy[];
  readonly clusterPolicies?: readonly ClusterPolicy[];
  readonly world: World;
  readonly dataplane: Dataplane;
}

/** Why the workspace cannot decide a record. */
export type UndecidedReason =
  | 'unplaced' // an endpoint is not in the workspace
  | 'protocol' // ICMP or a protocol GKE logs as unknown: no NetworkPolicy port names it
  | 'no-port' // a TCP or UDP record without a destination port
  | 'no-side'; // the record's side is not a pod of the workspace

export interface ExplainedRecord extends ReadRecord {
  readonly source: PlacedEndpoint;
  readonly destination: PlacedEndpoint;
  /** The record's connection as a flow of the workspace, when both ends are placed. */
  readonly flow?: Flow;
  readonly verdict?: Verdict;
  /** The workspace's decision at the record's side, for the record's direction. */
  readonly decision: 'allow' | 'deny' | 'unknown';
  /** Whether the decision is the record's disposition; null when unknown. */
  readonly agrees: boolean | null;
  readonly undecided?: UndecidedReason;
}

export interface RecordsExplanation {
  readonly format: RecordsRead['format'];
  readonly records: readonly ExplainedRecord[];
  readonly problems: readonly RecordProblem[];
}

/**
 * Reads real policy-action records and decides each against the workspace: the endpoints placed
 * among its pods and workloads, the flow evaluated, the record's side compared with the record's
 * disposition. Records repeat the same connections, so placements and verdicts are shared.
 */
export function explainRecords(subject: RecordsSubject, text: string): RecordsExplanation {
  return explainReadRecords(subject, readRecords(text));
}

/**
 * The same for records already read: reading a large file is most of the work, and its records
 * stay what they are while the policies they are read against change.
 */
export function explainReadRecords(subject: RecordsSubject, read: RecordsRead): RecordsExplanation {
  const place = placer(subject.world);
  const verdicts = new Map<string, Verdict>();
  const decide = (flow: Flow, key: string): Verdict => {
    let verdict = verdicts.get(key);
    if (verdict === undefined) {
      verdict = evaluateFlow(subject.policies, subject.world, flow, {
        dataplane: subject.dataplane,
        clusterPolicies: subject.clusterPolicies,
      });
      verdicts.set(key, verdict);
    }
    return verdict;
  };
  const records = read.records.map((entry) => explainOne(entry, place, decide));
  return { format: read.format, records, problems: read.problems };
}

function explainOne(
  entry: ReadRecord,
  place: (endpoint: RecordEndpoint) => PlacedEndpoint,
  decide: (flow: Flow, key: string) => Verdict,
): ExplainedRecord {
  const { connection } = entry.record;
  const source = place(entry.record.src);
  const destination = place(entry.record.dest);
  // Built field by field: a node file has hundreds of thousands of records.
  const explained = (
    decision: ExplainedRecord['decision'],
    agrees: boolean | null,
    flow?: Flow,
    verdict?: Verdict,
    undecided?: UndecidedReason,
  ): ExplainedRecord => ({
    index: entry.index,
    line: entry.line,
    span: entry.span,
    record: entry.record,
    source,
    destination,
    flow,
    verdict,
    decision,
    agrees,
    undecided,
  });
  if (!source.placed || !destination.placed) {
    return explained('unknown', null, undefined, undefined, 'unplaced');
  }
  const protocol = toProtocol(connection.protocol);
  if (protocol === undefined) {
    return explained('unknown', null, undefined, undefined, 'protocol');
  }
  // Go omits a zero port, and a record read as written may still hold one.
  if (!connection.dest_port) {
    return explained('unknown', null, undefined, undefined, 'no-port');
  }
  const flow: Flow = {
    source: source.endpoint,
    destination: destination.endpoint,
    port: connection.dest_port,
    protocol,
  };
  const verdict = decide(
    flow,
    `${source.reference} ${destination.reference} ${flow.port} ${protocol}`,
  );
  const side = connection.direction === 'egress' ? source : destination;
  if (side.endpoint.kind !== 'pod') {
    return explained('unknown', null, flow, verdict, 'no-side');
  }
  const decision = verdict[connection.direction].allowed ? 'allow' : 'deny';
  return explained(decision, decision === entry.record.disposition, flow, verdict);
}

/** Places endpoints once per distinct endpoint: a node file names the same few again and again. */
function placer(world: World): (endpoint: RecordEndpoint) => PlacedEndpoint {
  const placed = new Map<string, PlacedEndpoint>();
  return (endpoint) => {
    const key = `${endpoint.instance}\u0000${endpoint.namespace ?? endpoint.pod_namespace}\u0000${endpoint.pod_name}\u0000${endpoint.workload_kind}\u0000${endpoint.workload_name}\u0000${endpoint.node_name}`;
    let found = placed.get(key);
    if (found === undefined) {
      found = placeEndpoint(world, endpoint);
      placed.set(key, found);
    }
    return found;
  };
}

function toProtocol(protocol: string): Protocol | undefined {
  return protocol === 'tcp' ? 'TCP' : protocol === 'udp' ? 'UDP' : undefined;
}
