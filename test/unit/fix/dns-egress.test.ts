import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { analyzeFile, analyzeWorkspace } from '../../../server/src/engine';
import type { ClusterDns, Problem } from '../../../server/src/engine';
import { applyEdits } from './apply-edits';

const WORLD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: coredns
  namespace: kube-system
spec:
  template:
    metadata:
      labels:
        k8s-app: kube-dns
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: web
`;

const HEAD = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-egress
  namespace: shop
spec:
  podSelector: {}
`;

function dnsProblems(policies: string, world = WORLD, clusterDns?: ClusterDns): Problem[] {
  const files = [
    analyzeFile('file:///world.yaml', world, { maxFileSize: 1_000_000 }),
    analyzeFile('file:///policy.yaml', policies, { maxFileSize: 1_000_000 }),
  ];
  const analysis = analyzeWorkspace(files, { dataplane: 'gke-dataplane-v2', clusterDns });
  return (analysis.problems.get('file:///policy.yaml') ?? []).filter(
    (problem) => problem.code === 'egress-blocks-dns',
  );
}

function assertFixed(text: string): string {
  const [problem] = dnsProblems(text);
  const fix = problem?.fixes?.[0];
  assert.ok(fix, 'a fix');
  const result = applyEdits(text, fix.edits);
  assert.ok(
    parseAllDocuments(result).every((document) => document.errors.length === 0),
    result,
  );
  assert.deepEqual(dnsProblems(result), []);
  return result;
}

void describe('egress-blocks-dns', () => {
  void it('stays silent when an Admin cluster policy accepts DNS before NetworkPolicy is asked', () => {
    const text = `${HEAD}  policyTypes:\n    - Egress\n`;
    const admin = `---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: dns }
spec:
  tier: Admin
  priority: 1
  subject: { namespaces: {} }
  egress:
    - action: Accept
      to: [{ namespaces: { matchLabels: { kubernetes.io/metadata.name: kube-system } } }]
      protocols: [{ udp: { destinationPort: { number: 53 } } }]
`;
    assert.equal(dnsProblems(text).length, 1);
    assert.deepEqual(dnsProblems(text + admin), []);
    // An Admin Deny decides before any NetworkPolicy: a DNS rule there would not help.
    assert.deepEqual(dnsProblems(text + admin.replace('Accept', 'Deny')), []);
  });

  void it('warns on the Egress entry of a default-deny-egress policy', () => {
    const text = `${HEAD}  policyTypes:\n    - Egress\n`;
    const problems = dnsProblems(text);
    const start = text.indexOf('Egress');
    assert.deepEqual(
      problems.map((problem) => problem.span),
      [{ start, end: start + 'Egress'.length }],
    );
    assert.match(assertFixed(text), / {2}egress:\n {4}- to:\n {8}- namespaceSelector:/);
  });

  void it('adds the rule to `egress: []` and to a block list of rules', () => {
    assertFixed(`${HEAD}  policyTypes: [Ingress, Egress]\n  egress: []\n`);
    const withRule = `${HEAD}  policyTypes:\n  - Egress\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n`;
    assert.match(assertFixed(withRule), /\n {2}- to:\n {6}- namespaceSelector:/);
  });

  void it('stays quiet when DNS is allowed, or when no pod is selected', () => {
    const allowed = `${HEAD}  policyTypes: [Egress]\n  egress:\n    - ports:\n        - port: 53\n          protocol: UDP\n`;
    assert.deepEqual(dnsProblems(allowed), []);
    const none = `${HEAD.replace('podSelector: {}', 'podSelector: {matchLabels: {app: none}}')}  policyTypes: [Egress]\n`;
    assert.deepEqual(dnsProblems(none), []);
  });

  void it("warns without kube-dns in the workspace, against GKE's, and its fix satisfies it", () => {
    const withoutDns = WORLD.split('---\n')[1] ?? '';
    const denyAll = `${HEAD}  policyTypes: [Egress]\n`;
    const [problem] = dnsProblems(denyAll, withoutDns);
    assert.match(problem?.message ?? '', /kube-system\/kube-dns \(not in the workspace/);
    const fixed = applyEdits(denyAll, problem!.fixes![0]!.edits);
    assert.deepEqual(dnsProblems(fixed, withoutDns), []);
    // DNS on another port only, as acs-security-demos allows it: every pod loses DNS on GKE.
    const only5353 = `${HEAD}  policyTypes: [Egress]\n  egress:\n    - ports:\n        - port: 5353\n          protocol: UDP\n`;
    assert.equal(dnsProblems(only5353, withoutDns).length, 1);
  });

  void it('follows netpol.clusterDns: CoreDNS labels, NodeLocal DNSCache ports', () => {
    const withoutDns = WORLD.split('---\n')[1] ?? '';
    const clusterDns = {
      namespace: 'dns',
      name: 'node-local-dns',
      labels: { 'k8s-app': 'node-local-dns' },
      ports: [{ name: 'dns', containerPort: 5353, protocol: 'UDP' as const }],
    };
    const only5353 = `${HEAD}  policyTypes: [Egress]\n  egress:\n    - ports:\n        - port: 5353\n          protocol: UDP\n`;
    assert.deepEqual(dnsProblems(only5353, withoutDns, clusterDns), []);
    const [problem] = dnsProblems(`${HEAD}  policyTypes: [Egress]\n`, withoutDns, clusterDns);
    assert.match(problem?.message ?? '', /dns\/node-local-dns .* on UDP port 5353/);
    const fixed = applyEdits(`${HEAD}  policyTypes: [Egress]\n`, problem!.fixes![0]!.edits);
    assert.match(fixed, /k8s-app: node-local-dns/);
    assert.deepEqual(dnsProblems(fixed, withoutDns, clusterDns), []);
  });
});
