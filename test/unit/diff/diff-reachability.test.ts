import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile, analyzeWorkspace, DEFAULT_MAX_FILE_SIZE } from '../../../server/src/engine';
import type { WorkspaceAnalysis } from '../../../server/src/engine';
import { diffReachability } from '../../../server/src/engine/ide/diff/diff-reachability';
import type { ReachabilityDiff } from '../../../server/src/engine/ide/diff/diff-reachability';
import { diffPairs } from '../../../server/src/engine/ide/diff/diff-pairs';

const WORLD = `apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, ports: [{ name: http, containerPort: 80 }] }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: api, image: api, ports: [{ name: http, containerPort: 8080 }] }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: batch, namespace: shop }
spec:
  template:
    metadata: { labels: { app: batch } }
    spec: { containers: [{ name: batch, image: batch }] }
`;

const DENY_API = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-deny, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  policyTypes: [Ingress]
`;

const WEB_TO_API = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-to-api, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
    - from: [{ podSelector: { matchLabels: { role: client } } }]
      ports: [{ port: http }]
`;

const FLOWS = `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: shop }
spec:
  flows:
    - { name: web calls api, from: shop/web, to: shop/api, port: http }
    - { from: shop/batch, to: shop/web, port: 80 }
`;

function analyse(files: Record<string, string>): WorkspaceAnalysis {
  const analyses = Object.entries(files).map(([name, text]) =>
    analyzeFile(`file:///${name}`, text, { maxFileSize: DEFAULT_MAX_FILE_SIZE }),
  );
  return analyzeWorkspace(analyses, { dataplane: 'gke-dataplane-v2' });
}

function diff(before: Record<string, string>, after: Record<string, string>): ReachabilityDiff {
  return diffReachability(analyse(before), analyse(after), { dataplane: 'gke-dataplane-v2' });
}

function pairs(result: ReachabilityDiff, which: 'opened' | 'closed'): string[] {
  return diffPairs(result, Infinity)[which].map(
    (pair) => `${pair.from} -> ${pair.to}:${pair.port.containerPort}`,
  );
}

describe('diffReachability', () => {
  it('finds nothing between identical versions', () => {
    const files = { 'world.yaml': WORLD, 'policy.yaml': DENY_API, 'flows.yaml': FLOWS };
    const result = diff(files, files);
    assert.deepEqual([result.opened, result.closed, result.flows], [[], [], []]);
  });

  it('closes every connection to a pod a new default-deny isolates', () => {
    const result = diff({ 'world.yaml': WORLD }, { 'world.yaml': WORLD, 'policy.yaml': DENY_API });
    assert.deepEqual(pairs(result, 'closed'), [
      'shop/api -> shop/api:8080',
      'shop/batch -> shop/api:8080',
      'shop/web -> shop/api:8080',
    ]);
    assert.deepEqual(pairs(result, 'opened'), []);
    assert.equal(result.closedPairs, 3);
    const { before, after } = result.verdicts(result.closed[0]!);
    assert.equal(before.allowed, true);
    assert.equal(after.ingress.reason, 'no-rule-matches');
    assert.equal(after.ingress.isolatedBy[0]?.name, 'api-deny');
  });

  it('opens what a removed policy denied', () => {
    const result = diff({ 'world.yaml': WORLD, 'policy.yaml': DENY_API }, { 'world.yaml': WORLD });
    assert.equal(result.openedPairs, 3);
    assert.deepEqual(pairs(result, 'closed'), []);
    assert.equal(result.verdicts(result.opened[0]!).after.ingress.reason, 'not-isolated');
  });

  it('opens the one pair a new allow admits, and names its rule', () => {
    const allowWeb = WEB_TO_API.replace('role: client', 'app: web');
    const result = diff(
      { 'world.yaml': WORLD, 'policy.yaml': DENY_API },
      { 'world.yaml': WORLD, 'policy.yaml': `${DENY_API}---\n${allowWeb}` },
    );
    assert.deepEqual(pairs(result, 'opened'), ['shop/web -> shop/api:8080']);
    const { after } = result.verdicts(result.opened[0]!);
    assert.equal(after.ingress.allowedBy[0]?.policy.name, 'web-to-api');
    assert.equal(after.ingress.allowedBy[0]?.ruleIndex, 0);
  });

  it('opens a connection when a label change moves a pod into a selector', () => {
    const policy = `${DENY_API}---\n${WEB_TO_API}`;
    const relabelled = WORLD.replace(
      'labels: { app: batch }',
      'labels: { app: batch, role: client }',
    );
    const result = diff(
      { 'world.yaml': WORLD, 'policy.yaml': policy },
      { 'world.yaml': relabelled, 'policy.yaml': policy },
    );
    assert.deepEqual(pairs(result, 'opened'), ['shop/batch -> shop/api:8080']);
    assert.deepEqual(pairs(result, 'closed'), []);
  });

  it('opens what an Admin Pass hands down to a NetworkPolicy that allows it', () => {
    const shop = '{ namespaces: { matchLabels: { kubernetes.io/metadata.name: shop } } }';
    const denyAll = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: deny-into-shop }
spec:
  tier: Admin
  priority: 20
  subject: ${shop}
  ingress:
    - { name: deny-all, action: Deny, from: [{ namespaces: {} }] }
`;
    const passWeb = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: pass-web }
spec:
  tier: Admin
  priority: 10
  subject: ${shop}
  ingress:
    - name: web-to-namespace-policies
      action: Pass
      from: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: web } } } }]
`;
    const policies = `${DENY_API}---\n${WEB_TO_API.replace('role: client', 'app: web')}`;
    const base = { 'world.yaml': WORLD, 'policy.yaml': policies, 'cluster.yaml': denyAll };
    const result = diff(base, { ...base, 'cluster.yaml': `${denyAll}---\n${passWeb}` });
    // The Pass reaches the NetworkPolicy tier: web-to-api admits web to the API; web itself is
    // isolated by no NetworkPolicy, so web reaches it too. batch is not passed: still denied.
    assert.deepEqual(pairs(result, 'opened'), [
      'shop/web -> shop/api:8080',
      'shop/web -> shop/web:80',
    ]);
    assert.deepEqual(pairs(result, 'closed'), []);
    const { before, after } = result.verdicts(result.opened[0]!);
    assert.equal(before.ingress.tiers?.decision?.policy.name, 'deny-into-shop');
    assert.deepEqual(
      after.ingress.tiers?.passes.map((pass) => [pass.policy.name, pass.ruleName]),
      [['pass-web', 'web-to-namespace-policies']],
    );
    assert.equal(after.ingress.allowedBy[0]?.policy.name, 'web-to-api');
  });

  it('lists the sample flows whose verdict changed, and only those', () => {
    const result = diff(
      { 'world.yaml': WORLD, 'flows.yaml': FLOWS },
      { 'world.yaml': WORLD, 'flows.yaml': FLOWS, 'policy.yaml': DENY_API },
    );
    assert.deepEqual(
      result.flows.map((change) => [
        change.after.name,
        change.before.verdict.allowed,
        change.after.verdict.allowed,
      ]),
      [['web calls api', true, false]],
    );
  });

  it('compares only workloads and ports of both versions, and names the others', () => {
    const extra = `${WORLD}---
apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: shop, labels: { app: debug } }
spec: { containers: [{ name: d, image: busybox, ports: [{ containerPort: 22 }] }] }
`;
    const morePorts = WORLD.replace(
      'ports: [{ name: http, containerPort: 8080 }]',
      'ports: [{ name: http, containerPort: 8080 }, { containerPort: 9090 }]',
    );
    const result = diff(
      { 'world.yaml': extra },
      { 'world.yaml': morePorts, 'policy.yaml': DENY_API },
    );
    assert.deepEqual(
      result.removed.map((pod) => pod.name),
      ['debug'],
    );
    assert.deepEqual(result.added, []);
    assert.deepEqual(pairs(result, 'closed'), [
      'shop/api -> shop/api:8080',
      'shop/batch -> shop/api:8080',
      'shop/web -> shop/api:8080',
    ]);
  });

  it('weighs a change by the pods alike in both versions', () => {
    const replicas = `${WORLD}---
apiVersion: v1
kind: Pod
metadata: { name: web-2, namespace: shop, labels: { app: web } }
spec: { containers: [{ name: web, image: nginx, ports: [{ name: http, containerPort: 80 }] }] }
`;
    const result = diff({ 'world.yaml': replicas }, { 'world.yaml': replicas, 'p.yaml': DENY_API });
    assert.equal(result.closedPairs, 4);
    assert.ok(result.closed.some((change) => change.sources.length === 2));
    assert.deepEqual(pairs(result, 'closed'), [
      'shop/api -> shop/api:8080',
      'shop/batch -> shop/api:8080',
      'shop/web -> shop/api:8080',
      'shop/web-2 -> shop/api:8080',
    ]);
  });
});
