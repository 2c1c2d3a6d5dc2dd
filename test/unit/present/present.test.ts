import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  evaluateWorkspace,
  explainVerdict,
  summarizeVerdict,
} from '../../../server/src/engine/analysis/evaluate-workspace';
import type { Dataplane } from '../../../server/src/engine/analysis/evaluate-workspace';
import { WORLD, documents, policy } from '../evaluate/fixture';
import { loadObjects } from '../evaluate/load';

const GOLDEN = join(import.meta.dirname, 'golden');

const POLICIES = documents(
  policy('shop', 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
  policy('shop', 'allow-web', {
    podSelector: { matchLabels: { app: 'api' } },
    ingress: [
      { from: [{ ipBlock: { cidr: '10.0.0.0/24' } }] },
      {
        from: [
          { namespaceSelector: { matchLabels: { team: 'ops' } } },
          { podSelector: { matchLabels: { app: 'web' } } },
        ],
        ports: [{ port: 'metrics' }, { port: 'http' }],
      },
    ],
  }),
  policy('shop', 'web-egress', {
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Egress'],
    egress: [
      { to: [{ podSelector: { matchLabels: { app: 'api' } } }] },
      { ports: [{ protocol: 'UDP', port: 53 }] },
    ],
  }),
  policy('ops', 'agent', {
    podSelector: { matchLabels: { app: 'agent' } },
    policyTypes: ['Ingress'],
  }),
);

const FLOWS = `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: golden }
spec:
  flows:
    - { name: web calls the api, from: shop/web, to: shop/api, port: http }
    - { name: the api calls out, from: shop/api, to: 203.0.113.9, port: 443 }
    - { name: dns anywhere, from: shop/web, to: 198.51.100.1, port: 53, protocol: UDP }
    - { name: prom to web, from: ops/prom, to: shop/web, port: 8080 }
    - { name: agent to the api, from: ops/agent, to: shop/api, port: 9000 }
    - { name: outside to the agent, from: 203.0.113.9, to: ops/agent, port: 10250 }
`;

for (const dataplane of ['gke-dataplane-v2', 'kubernetes'] as Dataplane[]) {
  void test(`summaries and explanations match the golden file (${dataplane})`, () => {
    const { flows, problems } = evaluateWorkspace(loadObjects(documents(WORLD, POLICIES, FLOWS)), {
      dataplane,
    });
    assert.deepEqual(problems, []);
    const text = flows
      .map(
        (result) => `## ${result.name}\n${summarizeVerdict(result)}\n\n${explainVerdict(result)}\n`,
      )
      .join('\n');
    const file = join(GOLDEN, `${dataplane}.txt`);
    if (process.env['UPDATE_GOLDEN'] === '1') {
      writeFileSync(file, text);
    }
    assert.equal(text, readFileSync(file, 'utf8'));
  });
}

void test('a verdict alone can be summarized and explained', () => {
  const { flows } = evaluateWorkspace(loadObjects(documents(WORLD, POLICIES, FLOWS)), {
    dataplane: 'gke-dataplane-v2',
  });
  const first = flows[0]!;
  assert.equal(summarizeVerdict(first.verdict), summarizeVerdict(first));
  assert.match(explainVerdict(first.verdict), /^allow:\n/);
});

void test('a summary names four policies, and past four names three and counts the rest', () => {
  const isolating = (count: number) =>
    Array.from({ length: count }, (_, index) =>
      policy('shop', `deny-${index}`, { podSelector: {}, policyTypes: ['Ingress'] }),
    );
  const summaryWith = (count: number) => {
    const { flows } = evaluateWorkspace(
      loadObjects(documents(WORLD, documents(...isolating(count)), FLOWS)),
      { dataplane: 'gke-dataplane-v2' },
    );
    return summarizeVerdict(flows[0]!);
  };
  assert.match(
    summaryWith(4),
    /ingress denied: no rule of shop\/deny-0, shop\/deny-1, shop\/deny-2, shop\/deny-3 matches$/,
  );
  assert.match(
    summaryWith(6),
    /ingress denied: no rule of shop\/deny-0, shop\/deny-1, shop\/deny-2 and 3 more policies matches$/,
  );
});
