import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile, DEFAULT_MAX_FILE_SIZE, ide } from '../../../server/src/engine';
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
    const lenses = ide.lensesOf(analysis, CLUSTER_URI);
    assert.equal(lenses.length, 1);
    const [lens] = lenses;
    assert.ok(lens?.kind === 'cluster-policy');
    assert.equal(lens.span.start, 0);
    assert.deepEqual(
      ide.subjectPods(analysis.world, lens.policy).map((pod) => pod.name),
      ['api', 'web'],
    );
  });

  it('the subject under the cursor: its pods and namespaces', () => {
    const found = ide.clusterSelectionAt(analysis, CLUSTER_URI, offsetOf(CLUSTER, 'team: shop'));
    assert.ok(found);
    assert.equal(found.peer, undefined);
    assert.equal(found.span.start, CLUSTER.indexOf('subject:'));
    assert.deepEqual(found.namespaces, ['shop']);
    assert.equal(found.pods.length, 2);
  });

  it('a peer under the cursor: the pods it matches', () => {
    const found = ide.clusterSelectionAt(
      analysis,
      CLUSTER_URI,
      offsetOf(CLUSTER, 'app: prometheus'),
    );
    assert.deepEqual(found?.peer, { direction: 'ingress', ruleIndex: 0, peerIndex: 0 });
    assert.deepEqual(
      found?.pods.map((pod) => `${pod.namespace}/${pod.name}`),
      ['ops/prometheus'],
    );
  });

  it('a networks peer matches pods by address; domain names leave the field description', () => {
    const networks = ide.clusterSelectionAt(analysis, CLUSTER_URI, offsetOf(CLUSTER, '203.0.113'));
    assert.deepEqual(networks?.pods, []);
    assert.equal(networks?.namespaces, undefined);
    assert.equal(
      ide.clusterSelectionAt(analysis, CLUSTER_URI, offsetOf(CLUSTER, 'example.com')),
      undefined,
    );
    assert.equal(
      ide.clusterSelectionAt(analysis, CLUSTER_URI, offsetOf(CLUSTER, 'priority')),
      undefined,
    );
  });

  it('a workload lists the cluster policies that select it, per direction, in tier order', () => {
    const found = ide.workloadAt(analysis, WORLD_URI, offsetOf(WORLD, 'name: api', 0, 7));
    assert.deepEqual(
      found?.tiers.ingress.admin.map((policy) => policy.name),
      ['shop-guard'],
    );
    assert.deepEqual(found?.tiers.egress.baseline, []);
    const prometheus = ide.workloadAt(analysis, WORLD_URI, offsetOf(WORLD, 'prometheus', 0, 2));
    assert.deepEqual(prometheus?.tiers.ingress.admin, []);
  });
});

const BASELINE = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: { name: default }
spec:
  subject: { namespaces: {} }
  ingress:
    - action: Allow
      from: [{ namespaces: {} }]
`;

describe('go to what a cluster policy selects', () => {
  const names = (offset: number) =>
    ide
      .selectionDefinitionAt(analysis, CLUSTER_URI, offset)
      ?.targets.map((target) => [target.uri, WORLD.slice(target.span.start, target.span.end)]);

  it('from the subject to its namespaces and pods, in file order', () => {
    assert.deepEqual(names(offsetOf(CLUSTER, 'team: shop')), [
      [WORLD_URI, 'shop'],
      [WORLD_URI, 'web'],
      [WORLD_URI, 'api'],
    ]);
  });

  it('from a pods peer to its namespace and pod; a networks peer to the pods in its CIDRs', () => {
    assert.deepEqual(names(offsetOf(CLUSTER, 'app: prometheus')), [
      [WORLD_URI, 'ops'],
      [WORLD_URI, 'prometheus'],
    ]);
    assert.deepEqual(names(offsetOf(CLUSTER, '203.0.113')), []);
    assert.equal(names(offsetOf(CLUSTER, 'example.com')), undefined);
    assert.equal(names(offsetOf(CLUSTER, 'priority')), undefined);
  });
});

describe('outline of tiered cluster policies', () => {
  const outline = (text: string) =>
    ide.outlineFile(analyzeFile(CLUSTER_URI, text, { maxFileSize: DEFAULT_MAX_FILE_SIZE }));

  it('a policy with its tier and priority, and a child per rule with its name and action', () => {
    const [item] = outline(CLUSTER);
    assert.ok(item?.kind === 'cluster-policy');
    assert.deepEqual(
      [item.policyKind, item.name, item.tier, item.priority],
      ['ClusterNetworkPolicy', 'shop-guard', 'Admin', 10],
    );
    assert.equal(item.nameSpan.start, CLUSTER.indexOf('shop-guard'));
    assert.deepEqual(
      item.children.map(
        (child) =>
          child.kind === 'cluster-rule' && [child.direction, child.index, child.name, child.action],
      ),
      [
        ['ingress', 0, 'monitoring', 'Accept'],
        ['egress', 0, null, 'Deny'],
      ],
    );
    const [named, unnamed] = item.children;
    assert.equal(named?.span.start, CLUSTER.indexOf('name: monitoring'));
    assert.deepEqual(named?.nameSpan, {
      start: CLUSTER.indexOf('monitoring'),
      end: CLUSTER.indexOf('monitoring') + 'monitoring'.length,
    });
    assert.equal(unnamed?.span.start, CLUSTER.indexOf('action: Deny'));
    assert.deepEqual(unnamed?.nameSpan, unnamed?.span);
  });

  it('v1alpha1: the tier from the kind, no priority, the action as written', () => {
    const [item] = outline(BASELINE);
    assert.ok(item?.kind === 'cluster-policy');
    assert.deepEqual(
      [item.policyKind, item.tier, item.priority],
      ['BaselineAdminNetworkPolicy', 'Baseline', null],
    );
    assert.deepEqual(
      item.children.map((child) => child.kind === 'cluster-rule' && child.action),
      ['Allow'],
    );
  });

  it('a rule without an action, or a spec that is not a map, still outlines', () => {
    const [broken] = outline(CLUSTER.replace('action: Deny', 'acton: Deny'));
    assert.ok(broken?.kind === 'cluster-policy');
    assert.equal(broken.children[1]?.kind === 'cluster-rule' && broken.children[1].action, null);
    const [empty] = outline(CLUSTER.slice(0, CLUSTER.indexOf('spec:')) + 'spec: 3\n');
    assert.ok(empty?.kind === 'cluster-policy');
    assert.deepEqual([empty.priority, empty.children], [null, []]);
  });
});
