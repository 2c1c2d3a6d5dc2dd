import type { ExplainedRecord } from '../logs/read/explain-records';
import type { PlacedEndpoint } from '../logs/read/place-endpoint';
import type { RecordPolicy } from '../logs/types';
import { describeRule } from './describe';
import { summarizeDirection } from './summarize';
import { plural } from './plural';

/**
 * One sentence on a record: what production did, what the workspace decides now and why, or why
 * the workspace cannot say. `production denied this; your policies now allow it (ingress allowed
 * by shop/web-to-api rule 1)`.
 */
export function explainRecord(explained: ExplainedRecord): string {
  const { record } = explained;
  const direction = record.connection.direction;
  const did = `Production ${record.disposition === 'allow' ? 'allowed' : 'denied'} this at ${direction}${attempts(record.count)}${listed(record.policies)}`;
  if (explained.decision === 'unknown') {
    return `${did}; the workspace cannot decide it: ${undecidedReason(explained)}.`;
  }
  const side = explained.verdict![direction];
  const why = summarizeDirection(side);
  // A side no policy isolates writes no record: the workspace lacks what production has.
  const unlogged =
    side.reason === 'not-isolated'
      ? `; no policy isolates ${reference(direction === 'egress' ? explained.source : explained.destination)} for ${direction}, so GKE would write no such record`
      : '';
  if (explained.agrees) {
    const also = explained.decision === 'allow' ? 'allow it too' : 'deny it too';
    const others = differentPolicies(record.policies, side.allowedBy.map(describeRule));
    return `${did}; your policies ${also} (${why})${others}${unlogged}.`;
  }
  const now = explained.decision === 'allow' ? 'now allow it' : 'now deny it';
  return `${did}; your policies ${now} (${why})${unlogged}.`;
}

function attempts(count: number): string {
  return count > 1 ? ` (${count} attempts in one record)` : '';
}

function listed(policies: readonly RecordPolicy[] | undefined): string {
  return policies?.length ? `, by ${policies.map(describeRecordPolicy).join(', ')}` : '';
}

function differentPolicies(
  policies: readonly RecordPolicy[] | undefined,
  rules: readonly string[],
): string {
  if (!policies?.length || rules.length === 0) {
    return '';
  }
  const named = new Set(policies.map(describeRecordPolicy));
  const ours = new Set(rules.map((rule) => rule.split(' ')[0]!));
  const same = named.size === ours.size && [...named].every((name) => ours.has(name));
  return same ? '' : `, though the record names ${[...named].join(', ')}`;
}

function describeRecordPolicy(policy: RecordPolicy): string {
  const name = policy.name ?? '?';
  return policy.namespace === undefined ? name : `${policy.namespace}/${name}`;
}

function undecidedReason(explained: ExplainedRecord): string {
  const { record } = explained;
  switch (explained.undecided) {
    case 'unplaced': {
      const missing = [explained.source, explained.destination].filter((end) => !end.placed);
      return missing.map(describeUnplaced).join('; ');
    }
    case 'protocol':
      return `its protocol is ${record.connection.protocol}, which no NetworkPolicy port names`;
    case 'no-port':
      return 'it has no destination port';
    case 'no-side':
      return `its ${record.connection.direction} side is ${reference(record.connection.direction === 'egress' ? explained.source : explained.destination)}, not a pod of the workspace`;
    case undefined:
      return 'no reason';
  }
}

function describeUnplaced(endpoint: PlacedEndpoint): string {
  if (endpoint.placed) {
    return endpoint.reference;
  }
  return endpoint.why === 'node'
    ? `the node ${endpoint.reference} is not a pod`
    : `${endpoint.reference} is not in the workspace (no Pod of that name, and no workload whose pods are named so)`;
}

function reference(endpoint: PlacedEndpoint): string {
  return endpoint.reference;
}

/** `3 records: 2 agree, 1 disagree, 0 undecided`, the summary of a records file read. */
export function summarizeRecords(records: readonly Pick<ExplainedRecord, 'agrees'>[]): string {
  const count = (agrees: boolean | null) =>
    records.filter((record) => record.agrees === agrees).length;
  return `${plural(records.length, 'record')}: ${count(true)} agree, ${count(false)} disagree, ${count(null)} undecided`;
}
