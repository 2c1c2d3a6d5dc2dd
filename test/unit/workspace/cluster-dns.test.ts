import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { present } from '../../../server/src/engine';
import { analyzeTexts, analyzeVersions } from './helpers';

const WORLD = 'file:///ws/world.yaml';
const POLICIES = 'file:///ws/policies.yaml';
const FLOWS = 'file:///ws/flows.yaml';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec: { template: { metadata: { labels: { app: web } } } }
`;

const KUBE_DNS = `apiVersion: v1
kind: Pod
metadata: { name: kube-dns-1, namespace: kube-system, labels: { k8s-app: kube-dns } }
spec: { containers: [{ name: d, ports: [{ name: dns, containerPort: 53, protocol: UDP }] }] }
`;

const EGRESS_53 = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: egress, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }
          podSelector: { matchLabels: { k8s-app: kube-dns } }
      ports: [{ port: 53, protocol: UDP }]
`;

const FLOWS_TEXT = `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: f }
spec:
  flows:
    - { from: shop/web, to: kube-system/kube-dns, port: dns, protocol: UDP }
    - { from: shop/web, to: kube-system/deployment/kube-dns, port: 53, protocol: TCP }
`;

describe('assumed cluster DNS', () => {
  it('lets a flow name kube-system/kube-dns without a manifest, and says it is assumed', () => {
    const texts = { [WORLD]: WEB, [POLICIES]: EGRESS_53, [FLOWS]: FLOWS_TEXT };
    const analysis = analyzeTexts(texts);
    assert.deepEqual(
      analysis.problems.get(FLOWS)?.filter((p) => p.severity === 'error'),
      [],
    );
    const [udp, tcp] = analysis.flows;
    assert.equal(udp?.verdict.allowed, true);
    assert.equal(udp?.flow.port, 53);
    assert.equal(tcp?.verdict.allowed, false);
    assert.match(
      present.explainVerdict(udp.verdict, udp.flow),
      /kube-system\/kube-dns is not in the workspace/,
    );
    // It is no pod of the workspace's listings.
    assert.equal(analysis.world.pods.length, 1);
    assert.equal(analysis.world.namespaces.has('kube-system'), false);
  });

  it('is not assumed when the workspace has a DNS pod', () => {
    const texts = { [WORLD]: `${WEB}---\n${KUBE_DNS}`, [POLICIES]: EGRESS_53 };
    assert.equal(analyzeTexts(texts).world.assumedDns, undefined);
  });

  it('follows the workspace and the setting incrementally', () => {
    const base = { [WORLD]: WEB, [POLICIES]: EGRESS_53, [FLOWS]: FLOWS_TEXT };
    const withDns = { ...base, [WORLD]: `${WEB}---\n${KUBE_DNS}` };
    const relabelled = {
      ...base,
      [WORLD]: `${WEB}---\n${KUBE_DNS.replace('k8s-app: kube-dns', 'k8s-app: other')}`,
    };
    const policyEdit = { ...base, [POLICIES]: EGRESS_53.replace('port: 53', 'port: 5353') };
    analyzeVersions([base, withDns, relabelled, base, policyEdit, base]);
    const coreDns = {
      namespace: 'kube-system',
      name: 'coredns',
      labels: { 'k8s-app': 'coredns' },
      ports: [{ containerPort: 53, protocol: 'UDP' as const }],
    };
    const last = analyzeVersions([base, policyEdit, base], 'gke-dataplane-v2', coreDns);
    assert.equal(last.world.assumedDns?.name, 'coredns');
  });
});
