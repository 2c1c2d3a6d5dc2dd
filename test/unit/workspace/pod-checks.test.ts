import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeTexts, analyzeVersions, problemsOf } from './helpers';

const WORLD = 'file:///ws/world.yaml';
const POLICIES = 'file:///ws/policies.yaml';

const EXPORTER = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: node-exporter, namespace: monitoring }
spec:
  template:
    metadata: { labels: { app: node-exporter } }
    spec:
      hostNetwork: true
      containers: [{ name: e, ports: [{ name: metrics, containerPort: 9100 }] }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: prometheus, namespace: monitoring }
spec:
  template:
    metadata: { labels: { app: prometheus } }
    spec: { containers: [{ name: p, ports: [{ name: web, containerPort: 9090 }] }] }
`;

const EXPORTER_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: node-exporter, namespace: monitoring }
spec:
  podSelector: { matchLabels: { app: node-exporter } }
  ingress:
    - from: [{ podSelector: { matchLabels: { app: prometheus } } }]
      ports: [{ port: metrics }]
`;

describe('dataplane-v2-host-network', () => {
  it('warns on a policy whose selected pods all use the host network', () => {
    const texts = { [WORLD]: EXPORTER, [POLICIES]: EXPORTER_POLICY };
    const found = problemsOf(analyzeTexts(texts), texts, POLICIES, 'dataplane-v2-host-network');
    assert.deepEqual(
      found.map(({ severity, text }) => ({ severity, text })),
      [{ severity: 'warning', text: 'podSelector' }],
    );
    assert.match(found[0]!.message, /monitoring\/node-exporter/);
  });

  it('says nothing when one selected pod is a pod network pod, or under the kubernetes profile', () => {
    const all = EXPORTER_POLICY.replace('{ matchLabels: { app: node-exporter } }', '{}');
    const texts = { [WORLD]: EXPORTER, [POLICIES]: all };
    assert.deepEqual(
      problemsOf(analyzeTexts(texts), texts, POLICIES, 'dataplane-v2-host-network'),
      [],
    );
    const kubernetes = { [WORLD]: EXPORTER, [POLICIES]: EXPORTER_POLICY };
    assert.deepEqual(
      problemsOf(
        analyzeTexts(kubernetes, 'kubernetes'),
        kubernetes,
        POLICIES,
        'dataplane-v2-host-network',
      ),
      [],
    );
  });

  it('follows edits of the pods incrementally', () => {
    const off = EXPORTER.replace('hostNetwork: true', 'hostNetwork: false');
    const last = analyzeVersions([
      { [WORLD]: EXPORTER, [POLICIES]: EXPORTER_POLICY },
      { [WORLD]: off, [POLICIES]: EXPORTER_POLICY },
      { [WORLD]: EXPORTER, [POLICIES]: EXPORTER_POLICY },
    ]);
    assert.equal(
      problemsOf(last, { [POLICIES]: EXPORTER_POLICY }, POLICIES, 'dataplane-v2-host-network')
        .length,
      1,
    );
  });
});

const SHOP = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
spec:
  containers:
    - name: c
      ports: [{ name: http, containerPort: 8080 }, { name: dns, containerPort: 53, protocol: UDP }]
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: shop, labels: { app: api } }
spec: { containers: [{ name: c, ports: [{ name: grpc, containerPort: 9000 }] }] }
`;

const SHOP_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Ingress, Egress]
  ingress:
    - ports: [{ port: http }, { port: htp }, { port: dns }]
  egress:
    - to: [{ podSelector: { matchLabels: { app: api } } }]
      ports: [{ port: grpc }, { port: http }]
    - to: [{ ipBlock: { cidr: 10.0.0.0/8 } }]
      ports: [{ port: grpc }]
`;

describe('unmatched-named-port', () => {
  it("warns on a rule's named port that no destination it reaches defines for its protocol", () => {
    const texts = { [WORLD]: SHOP, [POLICIES]: SHOP_POLICY };
    const found = problemsOf(analyzeTexts(texts), texts, POLICIES, 'unmatched-named-port');
    // Ingress: web has no "htp", and "dns" only on UDP; egress: api has no "http". The ipBlock
    // rule reaches no pod on GKE Dataplane V2, so it says nothing.
    assert.deepEqual(
      found.map(({ text }) => text),
      ['htp', 'dns', 'http'],
    );
    assert.match(found[1]!.message, /no destination pod of this rule has a TCP port named "dns"/i);
    assert.match(found[1]!.message, /"dns" is a UDP port/);
  });

  it('says nothing in a workspace without pods', () => {
    const texts = { [POLICIES]: SHOP_POLICY };
    assert.deepEqual(problemsOf(analyzeTexts(texts), texts, POLICIES, 'unmatched-named-port'), []);
  });

  it('follows edits of pods and policies incrementally', () => {
    const renamed = SHOP.replace('name: grpc', 'name: rpc');
    const relabelled = SHOP.replace('labels: { app: api }', 'labels: { app: apx }');
    const fixed = SHOP_POLICY.replace('{ port: htp }, ', '');
    const versions = [
      { [WORLD]: SHOP, [POLICIES]: SHOP_POLICY },
      { [WORLD]: renamed, [POLICIES]: SHOP_POLICY },
      { [WORLD]: SHOP, [POLICIES]: SHOP_POLICY },
      { [WORLD]: relabelled, [POLICIES]: SHOP_POLICY },
      { [WORLD]: SHOP, [POLICIES]: fixed },
    ];
    const last = analyzeVersions(versions);
    assert.deepEqual(
      problemsOf(last, versions.at(-1)!, POLICIES, 'unmatched-named-port').map(({ text }) => text),
      ['dns', 'http'],
    );
    analyzeVersions(versions, 'kubernetes');
  });
});
