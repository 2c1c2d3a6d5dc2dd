import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { analyzeFile, analyzeWorkspace, DEFAULT_MAX_FILE_SIZE } from '../../../server/src/engine';
import type { Dataplane, Problem } from '../../../server/src/engine';
import { SNIPPETS } from '../../../server/src/engine/ide/complete/snippets';

const WORLD = `apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: v1
kind: Namespace
metadata: { name: monitoring }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
spec: { containers: [{ name: web, image: nginx }] }
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: shop, labels: { app: api } }
spec: { containers: [{ name: api, image: api, ports: [{ containerPort: 8080 }] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: prometheus, namespace: monitoring, labels: { app: prometheus } }
spec: { containers: [{ name: prometheus, image: prom }] }
`;

/** A snippet's body with every placeholder replaced by its default. */
function expand(label: string): string {
  const snippet = SNIPPETS.find((candidate) => candidate.label === label);
  assert.ok(snippet, label);
  return snippet.body.replace(/\$\{\d+[:|]([^}|,]*)[^}]*\}/g, '$1');
}

/**
 * The errors and warnings of the workspace made of the world, the snippet and optional flows (a
 * flow's verdict is a hint; a failed expectation is an error).
 */
function problemsWith(snippet: string, flows: string, dataplane: Dataplane): Problem[] {
  const texts = { 'file:///world.yaml': WORLD, 'file:///snippet.yaml': snippet };
  const files = Object.entries(
    flows === '' ? texts : { ...texts, 'file:///flows.yaml': flows },
  ).map(([uri, text]) => analyzeFile(uri, text, { maxFileSize: DEFAULT_MAX_FILE_SIZE }));
  return [...analyzeWorkspace(files, { dataplane }).problems.values()]
    .flat()
    .filter((problem) => problem.severity === 'error' || problem.severity === 'warning');
}

function flowsOf(...flows: string[]): string {
  return `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: expected }
spec:
  flows:
${flows.map((flow) => `    - ${flow}\n`).join('')}`;
}

const ADMIN = 'ClusterNetworkPolicy: Admin tier, always admit monitoring';
const BASELINE = 'ClusterNetworkPolicy: Baseline default deny with a DNS carve-out';

void describe('tiered cluster policy snippets', () => {
  void it('each analyses with no problem under the kubernetes profile', () => {
    for (const label of [ADMIN, BASELINE]) {
      assert.deepEqual(
        problemsWith(expand(label), '', 'kubernetes').map((problem) => problem.code),
        [],
        label,
      );
    }
  });

  void it('under gke-dataplane-v2, only the warning that GKE documents no support', () => {
    for (const label of [ADMIN, BASELINE]) {
      const codes = problemsWith(expand(label), '', 'gke-dataplane-v2').map(
        (problem) => problem.code,
      );
      assert.deepEqual([...new Set(codes)], ['dataplane-v2-cluster-policy'], label);
    }
  });

  void it('Admin: accepts from monitoring even where a NetworkPolicy isolates the pod', () => {
    const isolate = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-all, namespace: shop }
spec: { podSelector: {}, policyTypes: [Ingress] }
`;
    const policy = parse(expand(ADMIN)) as { spec: { tier: string; priority: number } };
    assert.deepEqual([policy.spec.tier, policy.spec.priority], ['Admin', 10]);
    const flows = flowsOf(
      '{ from: monitoring/prometheus, to: shop/api, port: 8080, expect: allow }',
      '{ from: shop/web, to: shop/api, port: 8080, expect: deny }',
    );
    const codes = problemsWith(`${expand(ADMIN)}---\n${isolate}`, flows, 'kubernetes');
    assert.deepEqual(
      codes.map((problem) => problem.code),
      [],
    );
  });

  void it('Baseline: denies what nothing admits, but lets pods query kube-dns', () => {
    const flows = flowsOf(
      '{ from: shop/web, to: kube-system/kube-dns, port: 53, protocol: UDP, expect: allow }',
      '{ from: shop/web, to: kube-system/kube-dns, port: 53, protocol: TCP, expect: allow }',
      '{ from: shop/web, to: shop/api, port: 8080, expect: deny }',
      '{ from: shop/web, to: 203.0.113.9, port: 443, expect: deny }',
    );
    const problems = problemsWith(expand(BASELINE), flows, 'kubernetes');
    assert.deepEqual(
      problems.map((problem) => problem.code),
      [],
    );
  });
});
