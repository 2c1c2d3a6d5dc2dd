import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { analyzeFile, analyzeWorkspace } from '../../../server/src/engine';
import type { World } from '../../../server/src/engine/analysis/evaluate-workspace';
import { complete } from '../../../server/src/engine/ide/complete/complete';

const WORLD_TEXT = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: retail
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
        tier: front
    spec:
      containers:
        - name: web
          ports:
            - name: http
              containerPort: 8080
`;

function world(): World {
  const file = analyzeFile('file:///world.yaml', WORLD_TEXT, { maxFileSize: 1_000_000 });
  return analyzeWorkspace([file], { dataplane: 'gke-dataplane-v2' }).world;
}

/** Completes at the `|` of `marked`; returns the labels, and the text after applying `pick`. */
function at(marked: string, pick?: string): { labels: string[]; applied?: string } {
  const offset = marked.indexOf('|');
  const text = marked.replace('|', '');
  const items = complete(text, offset, world());
  const chosen = items.find((item) => item.label === pick);
  const applied =
    chosen &&
    text.slice(0, chosen.span.start) +
      chosen.insertText.replace(/\$\{\d+[:|]([^}|,]*)[^}]*\}|\$\d/g, '$1') +
      text.slice(chosen.span.end);
  return { labels: items.map((item) => item.label), ...(applied === undefined ? {} : { applied }) };
}

const POLICY =
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  namespace: shop\n';

void describe('completion', () => {
  void it('offers the fields of spec that are not written yet, with a list skeleton', () => {
    const result = at(`${POLICY}spec:\n  podSelector: {}\n  ing|\n  egress: []\n`, 'ingress');
    assert.deepEqual(result.labels, ['policyTypes', 'ingress']);
    assert.match(result.applied ?? '', /\n {2}ingress:\n {4}- \n {2}egress: \[\]/);
  });

  void it('offers enum values: protocol, policyTypes items, operator, expect', () => {
    assert.deepEqual(
      at(`${POLICY}spec:\n  ingress:\n    - ports:\n        - protocol: |\n`).labels,
      ['TCP', 'UDP', 'SCTP'],
    );
    assert.deepEqual(at(`${POLICY}spec:\n  policyTypes:\n    - |\n`).labels, ['Ingress', 'Egress']);
    assert.deepEqual(at(`${POLICY}spec:\n  policyTypes: [Ingress, E|]\n`).labels, [
      'Ingress',
      'Egress',
    ]);
    const operator = at(
      `${POLICY}spec:\n  podSelector:\n    matchExpressions:\n      - key: app\n        operator:|\n`,
      'Exists',
    );
    assert.match(operator.applied ?? '', /operator: Exists\n/);
    const flows = 'apiVersion: netpol-lens.dev/v1alpha1\nkind: SampleFlows\nspec:\n  flows:\n';
    assert.deepEqual(at(`${flows}    - expect: |\n`).labels, ['allow', 'deny']);
  });

  void it('offers label keys and values from the world inside selectors', () => {
    const keys = at(
      `${POLICY}spec:\n  podSelector:\n    matchLabels:\n      app: web\n      |\n`,
      'tier',
    );
    assert.deepEqual(keys.labels, ['tier']);
    assert.doesNotThrow(() => parse((keys.applied ?? '').replace('tier: ', 'tier: front')));
    assert.deepEqual(
      at(`${POLICY}spec:\n  podSelector:\n    matchLabels:\n      tier: |\n`).labels,
      ['front'],
    );
    const peer = `${POLICY}spec:\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              |`;
    assert.ok(at(peer).labels.includes('kubernetes.io/metadata.name'));
    const names = `${POLICY}spec:\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: |`;
    assert.deepEqual(at(names).labels, ['shop']);
    const values = `${POLICY}spec:\n  podSelector:\n    matchExpressions:\n      - key: app\n        operator: In\n        values:\n          - |\n`;
    assert.deepEqual(at(values).labels, ['web']);
  });

  void it('offers namespaces, endpoint references and named ports', () => {
    assert.deepEqual(at(`${POLICY.replace('namespace: shop', 'namespace: |')}spec: {}\n`).labels, [
      'shop',
    ]);
    const flows = 'apiVersion: netpol-lens.dev/v1alpha1\nkind: SampleFlows\nspec:\n  flows:\n';
    assert.deepEqual(at(`${flows}    - from: shop/|\n`).labels, [
      'shop/web',
      'shop/deployment/web',
    ]);
    assert.deepEqual(at(`${flows}    - to: shop/web\n      port: |\n`).labels, ['http', '8080']);
    assert.deepEqual(at(`${flows}    - port: |\n      to: shop/web\n`).labels, ['http', '8080']);
    const number = at(`${flows}    - port: |\n      to: shop/web\n`, '8080');
    assert.match(number.applied ?? '', /port: 8080\n/);
  });

  void it('offers document snippets in an empty document and after ---', () => {
    const first = at('|', 'NetworkPolicy: allow DNS egress');
    assert.equal(first.labels.length, 7);
    const policy: unknown = parse(first.applied ?? '');
    assert.deepEqual((policy as { spec: { policyTypes: string[] } }).spec.policyTypes, ['Egress']);
    const after = at(`kind: A\n---\nSam|`, 'SampleFlows');
    const flows = parse((after.applied ?? '').split('---\n')[1] ?? '') as { kind: string };
    assert.equal(flows.kind, 'SampleFlows');
    assert.deepEqual(at(`kind: A\n---\nkind: B\n|`).labels, ['apiVersion']);
  });

  void it('survives lines that do not parse', () => {
    assert.deepEqual(at(`${POLICY}spec:\n  podSelector: {\n  policyTypes: [|`).labels, [
      'Ingress',
      'Egress',
    ]);
    assert.deepEqual(at(`${POLICY}spec:\n  - : :\n  ingress:\n    - fr|`).labels, [
      'from',
      'ports',
    ]);
  });
});

void describe('completion of a key already written', () => {
  void it('replaces the name alone when its colon follows', () => {
    const result = at(`${POLICY}spec:\n  podSel|ectr: {}\n`, 'podSelector');
    assert.match(result.applied ?? '', /\n {2}podSelector: \{\}\n$/);
  });
});

const CLUSTER =
  'apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n  name: guard\n';
const ADMIN =
  'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: guard\n';

void describe('completion in tiered cluster policies', () => {
  void it('offers the fields of spec, a rule, a peer and a protocol', () => {
    assert.deepEqual(at(`${CLUSTER}spec:\n  |`).labels, [
      'tier',
      'priority',
      'subject',
      'ingress',
      'egress',
    ]);
    assert.deepEqual(at(`${CLUSTER}spec:\n  ingress:\n    - |`).labels, [
      'name',
      'action',
      'from',
      'protocols',
    ]);
    assert.deepEqual(at(`${CLUSTER}spec:\n  egress:\n    - to:\n        - |`).labels, [
      'namespaces',
      'pods',
      'networks',
      'nodes',
      'domainNames',
    ]);
    const protocol = `${CLUSTER}spec:\n  ingress:\n    - protocols:\n        - udp:\n            destinationPort:\n              |`;
    assert.deepEqual(at(protocol).labels, ['number', 'range']);
    assert.deepEqual(at(`${ADMIN}spec:\n  ingress:\n    - ports:\n        - |`).labels, [
      'portNumber',
      'portRange',
      'namedPort',
    ]);
  });

  void it('offers tier, action, protocol and operator values', () => {
    assert.deepEqual(at(`${CLUSTER}spec:\n  tier: |`).labels, ['Admin', 'Baseline']);
    const tier = at(`${CLUSTER}spec:\n  ti|\n`, 'tier');
    assert.match(tier.applied ?? '', /\n {2}tier: Admin\n/);
    assert.deepEqual(at(`${CLUSTER}spec:\n  egress:\n    - action: |`).labels, [
      'Accept',
      'Deny',
      'Pass',
    ]);
    assert.deepEqual(at(`${ADMIN}spec:\n  egress:\n    - action: |`).labels, [
      'Allow',
      'Deny',
      'Pass',
    ]);
    const portProtocol = `${ADMIN}spec:\n  ingress:\n    - ports:\n        - portRange:\n            protocol: |`;
    assert.deepEqual(at(portProtocol).labels, ['TCP', 'UDP', 'SCTP']);
    // The CRD leaves the operator a free string; the four an implementation accepts are offered.
    const operator = `${CLUSTER}spec:\n  subject:\n    namespaces:\n      matchExpressions:\n        - key: team\n          operator: |`;
    assert.deepEqual(at(operator).labels, ['In', 'NotIn', 'Exists', 'DoesNotExist']);
  });

  void it("offers the workspace's named ports for destinationNamedPort and namedPort", () => {
    const v1alpha2 = at(
      `${CLUSTER}spec:\n  egress:\n    - protocols:\n        - destinationNamedPort: |`,
      'http',
    );
    assert.deepEqual(v1alpha2.labels, ['http']);
    assert.match(v1alpha2.applied ?? '', /destinationNamedPort: http$/);
    const portText = `${CLUSTER}spec:\n  egress:\n    - protocols:\n        - destinationNamedPort: `;
    const [http] = complete(portText, portText.length, world());
    assert.equal(http?.detail, '8080/TCP on 1 pod');
    assert.deepEqual(at(`${ADMIN}spec:\n  ingress:\n    - ports:\n        - namedPort: |`).labels, [
      'http',
    ]);
    assert.deepEqual(at(`${CLUSTER}spec:\n  egress:\n    - name: |`).labels, []);
  });

  void it('offers namespace labels in the subject and in namespaces peers', () => {
    const subject = at(
      `${CLUSTER}spec:\n  subject:\n    namespaces:\n      matchLabels:\n        |`,
    );
    assert.deepEqual(subject.labels, ['kubernetes.io/metadata.name', 'team']);
    const value = `${CLUSTER}spec:\n  subject:\n    namespaces:\n      matchLabels:\n        team: |`;
    assert.deepEqual(at(value).labels, ['retail']);
    const peer = `${CLUSTER}spec:\n  ingress:\n    - action: Accept\n      from:\n        - namespaces:\n            matchExpressions:\n              - key: |`;
    assert.deepEqual(at(peer).labels, ['kubernetes.io/metadata.name', 'team']);
    const egress = `${ADMIN}spec:\n  egress:\n    - to:\n        - namespaces:\n            matchLabels:\n              kubernetes.io/metadata.name: |`;
    assert.deepEqual(at(egress).labels, ['shop']);
  });

  void it('offers pod labels in a pods selector and namespace labels beside them', () => {
    const pods = `${CLUSTER}spec:\n  subject:\n    pods:\n      podSelector:\n        matchLabels:\n          |`;
    assert.deepEqual(at(pods).labels, ['app', 'tier']);
    const values = `${CLUSTER}spec:\n  egress:\n    - to:\n        - pods:\n            podSelector:\n              matchExpressions:\n                - key: tier\n                  operator: In\n                  values:\n                    - |`;
    assert.deepEqual(at(values).labels, ['front']);
    const namespaces = `${CLUSTER}spec:\n  ingress:\n    - from:\n        - pods:\n            namespaceSelector:\n              matchLabels:\n                |`;
    assert.deepEqual(at(namespaces).labels, ['kubernetes.io/metadata.name', 'team']);
    const nodes = `${CLUSTER}spec:\n  egress:\n    - to:\n        - nodes:\n            matchLabels:\n              |`;
    assert.deepEqual(at(nodes).labels, []);
  });
});
