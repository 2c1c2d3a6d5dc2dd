import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Dataplane, Verdict } from '../../../server/src/engine/analysis/evaluate-workspace';
import { WORLD, documents, policy, verdictOf } from './fixture';

const POLICIES = documents(
  policy('shop', 'block', {
    podSelector: { matchLabels: { app: 'api' } },
    ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }, { namespaceSelector: {} }] }],
  }),
  policy('ops', 'agent', { podSelector: {}, policyTypes: ['Egress'] }),
);
const YAML = documents(WORLD, POLICIES);

const notes = (verdict: Verdict) =>
  [verdict.egress, verdict.ingress].flatMap((side) =>
    side.notes.map(
      (note) =>
        `${side.direction} ${note.code}${note.rule ? ` ${note.rule.policy.name}[${note.rule.ruleIndex}][${note.rule.peerIndex}]` : ''}`,
    ),
  );

const cases: [string, Dataplane, string[]][] = [
  ['shop/web -> shop/api 9000', 'gke-dataplane-v2', ['ingress ipblock-ignores-pod-ip block[0][0]']],
  ['shop/web -> shop/api 9000', 'kubernetes', ['ingress ipblock-matches-pod-ip block[0][0]']],
  [
    'ops/agent -> shop/api 9000',
    'gke-dataplane-v2',
    [
      'egress host-network-not-isolated',
      'ingress ipblock-ignores-host-network block[0][0]',
      'ingress selector-ignores-host-network block[0][1]',
    ],
  ],
  [
    'ops/agent -> shop/api 9000',
    'kubernetes',
    [
      'egress host-network-as-pod',
      'ingress ipblock-matches-pod-ip block[0][0]',
      'ingress host-network-as-pod block[0][1]',
    ],
  ],
  ['203.0.113.1 -> shop/api 9000', 'gke-dataplane-v2', []],
];

for (const [flow, dataplane, expected] of cases) {
  void test(`profile notes: ${flow} [${dataplane}]`, () => {
    assert.deepEqual(notes(verdictOf(YAML, flow, dataplane)), expected);
  });
}
