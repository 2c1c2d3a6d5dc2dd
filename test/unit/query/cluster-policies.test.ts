import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterSelectionAt, lensesOf, subjectPods, workloadAt } from '../../../server/src/engine';
import { analyze, offsetOf, WORLD, WORLD_URI } from './fixture';

const CLUSTER = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: shop-guard }
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces:
      matchLabels: { team: shop }
  ingress:
    - name: monitoring
      action: Accept
      from:
        - pods:
            namespaceSelector: { matchLabels: { team: ops } }
            podSelector: { matchLabels: { app: prometheus } }
  egress:
    - action: Deny
      to:
        - networks: [203.0.113.0/24]
        - domainNames: ["*.example.com"]
`;
const CLUSTER_URI = 'file:///w/cluster.yaml';

const analysis = analyze({ [WORLD_URI]: WORLD, [CLUSTER_URI]: CLUSTER });

describe('tiered cluster policies in the editor', () => {
  it('a lens per cluster policy, whose subject names the pods it applies to', () => {
    const lenses = lensesOf(analysis, CLUSTER_URI);
    assert.equal(lenses.length, 1);
    const [lens] = lenses;
    assert.ok(lens?.kind === 'cluster-policy');
    assert.equal(lens.span.start, 0);
    assert.deepEqual(
      subjectPods(analysis.world, lens.policy).map((pod) => pod.name),
      ['api', 'web'],
    );
  });

  it('the subject under the cursor: its pods and namespaces', () => {
    const found = clusterSelectionAt(analysis, CLUSTER_URI, offsetOf(CLUSTER, 'team: shop'));
    assert.ok(found);
    assert.equal(found.peer, undefined);
    assert.equal(found.span.start, CLUSTER.indexOf('subject:'));
    assert.deepEqual(found.namespaces, ['shop']);
    assert.equal(found.pods.length, 2);
  });

  it('a peer under the cursor: the pods it matches', () => {
    const found = clusterSelectionAt(analysis, CLUSTER_URI, offsetOf(CLUSTER, 'app: prometheus'));
    assert.deepEqual(found?.peer, { direction: 'ingress', ruleIndex: 0, peerIndex: 0 });
    assert.deepEqual(
      found?.pods.map((pod) => `${pod.namespace}/${pod.name}`),
      ['ops/prometheus'],
    );
  });

  it('a networks peer matches pods by address; domain names leave the field description', () => {
    const networks = clusterSelectionAt(analysis, CLUSTER_URI, offsetOf(CLUSTER, '203.0.113'));
    assert.deepEqual(networks?.pods, []);
    assert.equal(networks?.namespaces, undefined);
    assert.equal(
      clusterSelectionAt(analysis, CLUSTER_URI, offsetOf(CLUSTER, 'example.com')),
      undefined,
    );
    assert.equal(
      clusterSelectionAt(analysis, CLUSTER_URI, offsetOf(CLUSTER, 'priority')),
      undefined,
    );
  });

  it('a workload lists the cluster policies that select it, per direction, in tier order', () => {
    const found = workloadAt(analysis, WORLD_URI, offsetOf(WORLD, 'name: api', 0, 7));
    assert.deepEqual(
      found?.tiers.ingress.admin.map((policy) => policy.name),
      ['shop-guard'],
    );
    assert.deepEqual(found?.tiers.egress.baseline, []);
    const prometheus = workloadAt(analysis, WORLD_URI, offsetOf(WORLD, 'prometheus', 0, 2));
    assert.deepEqual(prometheus?.tiers.ingress.admin, []);
  });
});
