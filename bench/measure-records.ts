import { ide } from '../server/src/engine';
import type { WorkspaceAnalysis } from '../server/src/engine';
import { toRecordLine } from '../server/src/engine/logs';
import type { PolicyActionRecord, RecordEndpoint } from '../server/src/engine/logs';
import type { Figure } from './stats';
import { timeRuns } from './stats';

// A busy day of one node's policy_action.log.
export const RECORD_COUNT = 100_000;

/**
 * explain-logs over a node file of RECORD_COUNT lines made from the workspace's own log preview,
 * with pods named as their controllers name them (`web-5d8f7c9b4-x2k4p`), so placing them takes
 * the pod-name path a real file takes.
 */
export function measureRecords(
  workspace: WorkspaceAnalysis,
  runs: number,
): { time: Figure; again: Figure; size: string } {
  const records = workspace.flows.flatMap((flow) =>
    flow.logs.flatMap((entry) => (entry.logged ? [entry.record] : [])),
  );
  if (records.length === 0) {
    return { time: { missing: 'no logged flow' }, again: { missing: 'no logged flow' }, size: '' };
  }
  const lines: string[] = [];
  for (let index = 0; index < RECORD_COUNT; index++) {
    lines.push(toRecordLine(asProduction(records[index % records.length]!, index, workspace)));
  }
  const text = `${lines.join('\n')}\n`;
  let agreeing = 0;
  const time = timeRuns(runs, () => {
    agreeing = ide
      .explainRecords(workspace, text)
      .records.filter((record) => record.agrees === true).length;
  });
  // What the editor asks after each pause in editing the policies: the records it read are kept.
  const read = ide.readRecords(text);
  const again = timeRuns(runs, () => ide.explainReadRecords(workspace, read));
  return {
    time: { samples: time },
    again: { samples: again },
    size: `${(text.length / 1e6).toFixed(1)} MB, ${records.length} distinct records, ${agreeing} agree`,
  };
}

function asProduction(
  record: PolicyActionRecord,
  index: number,
  workspace: WorkspaceAnalysis,
): PolicyActionRecord {
  const suffix = (index % 46_656).toString(36).padStart(3, '0');
  const rename = (endpoint: RecordEndpoint): RecordEndpoint => {
    const pod =
      endpoint.pod_name === undefined
        ? undefined
        : workspace.world.podsByNamespace
            .get(endpoint.pod_namespace ?? '')
            ?.find((candidate) => candidate.name === endpoint.pod_name);
    if (pod?.workload?.kind !== 'Deployment') {
      return endpoint;
    }
    return { ...endpoint, pod_name: `${pod.name}-5d8f7c9b4-x2${suffix}` };
  };
  return {
    ...record,
    connection: {
      ...record.connection,
      ...(record.connection.src_port === undefined ? {} : { src_port: 32768 + (index % 28_000) }),
    },
    src: rename(record.src),
    dest: rename(record.dest),
  };
}
