import type { Severity } from '../../core/problem';

/** What a records file gets: its problems, and each record that does not agree. */
export const RECORD_RULES: readonly {
  readonly code: 'record-malformed' | 'record-disagrees' | 'record-unplaced' | 'record-undecided';
  readonly severity: Severity;
  readonly summary: string;
}[] = [
  {
    code: 'record-malformed',
    severity: 'error',
    summary:
      'An entry of a records file is not JSON, or not a policy-action record; the rest is still read.',
  },
  {
    code: 'record-disagrees',
    severity: 'warning',
    summary:
      "A real record's disposition differs from what the workspace's policies now decide at its side.",
  },
  {
    code: 'record-unplaced',
    severity: 'information',
    summary:
      "A real record names a pod that is neither a Pod nor a workload's pod in the workspace.",
  },
  {
    code: 'record-undecided',
    severity: 'information',
    summary:
      'A real record the workspace cannot decide (ICMP, no destination port, or its side is not a pod).',
  },
];
