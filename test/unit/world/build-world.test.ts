import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildWorld } from '../../../server/src/engine/world/build-world';
import { loadFiles, loadObjects } from '../evaluate/load';

const podOf = (world: ReturnType<typeof buildWorld>, namespace: string, name: string) =>
  world.pods.find((pod) => pod.namespace === namespace && pod.name === name);

void test('namespaces: declared labels plus kubernetes.io/metadata.name, annotations kept', () => {
  const world = buildWorld(
    loadObjects(`apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: { team: shop }
  annotations: { policy.network.gke.io/enable-deny-logging: "true" }
`),
  );
  const shop = world.namespaces.get('shop');
  assert.deepEqual(shop?.labels, { team: 'shop', 'kubernetes.io/metadata.name': 'shop' });
  assert.equal(shop?.annotations['policy.network.gke.io/enable-deny-logging'], 'true');
  assert.ok(shop?.origin);
});

void test('a namespace used by an object but never declared exists with the name label only', () => {
  const world = buildWorld(
    loadObjects(`apiVersion: v1
kind: Pod
metadata: { name: p, namespace: ghost }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: np, namespace: other }
spec: { podSelector: {} }
---
apiVersion: v1
kind: Pod
metadata: { name: q }
`),
  );
  assert.deepEqual([...world.namespaces.keys()], ['default', 'ghost', 'other']);
  assert.deepEqual(world.namespaces.get('ghost'), {
    name: 'ghost',
    labels: { 'kubernetes.io/metadata.name': 'ghost' },
    annotations: {},
  });
  assert.equal(podOf(world, 'default', 'q')?.namespace, 'default');
});

void test('pods: labels, container ports with protocol default TCP, IPs, host network, node and owner', () => {
  const world = buildWorld(
    loadObjects(`apiVersion: v1
kind: Pod
metadata:
  name: api-7d9f
  generateName: api-
  namespace: shop
  labels: { app: api, version: 2 }
  ownerReferences:
    - { apiVersion: apps/v1, kind: ReplicaSet, name: api-7d9, controller: true }
spec:
  nodeName: node-a
  hostNetwork: true
  containers:
    - name: a
      ports: [{ name: http, containerPort: 8080 }, { containerPort: 53, protocol: UDP }]
    - name: b
      ports: [{ name: sig, containerPort: 7000, protocol: SCTP }, { containerPort: 1, protocol: ICMP }]
status:
  podIP: 10.1.2.3
  podIPs: [{ ip: 10.1.2.3 }, { ip: "fd00:0:0::7" }]
`),
  );
  const pod = podOf(world, 'shop', 'api-7d9f');
  assert.deepEqual(pod?.labels, { app: 'api', version: '2' });
  assert.deepEqual(pod?.ports, [
    { name: 'http', containerPort: 8080, protocol: 'TCP' },
    { containerPort: 53, protocol: 'UDP' },
    { name: 'sig', containerPort: 7000, protocol: 'SCTP' },
  ]);
  assert.equal(pod?.ip, '10.1.2.3');
  assert.deepEqual(pod?.ips, ['10.1.2.3', 'fd00::7']);
  assert.equal(pod?.ipAssigned, false);
  assert.equal(pod?.hostNetwork, true);
  assert.equal(pod?.nodeName, 'node-a');
  assert.deepEqual(pod?.owner, { kind: 'ReplicaSet', name: 'api-7d9' });
  assert.equal(pod?.generateName, 'api-');
  assert.deepEqual(world.podsByIp.get('fd00::7'), [pod]);
  assert.deepEqual(world.podsByLabel.get('app=api'), [pod]);
});

void test('workloads: one representative pod each, CronJob through jobTemplate', () => {
  const template = `template:
      metadata: { labels: { app: LABEL } }
      spec: { containers: [{ name: c, ports: [{ name: http, containerPort: 80 }] }] }`;
  const kinds = [
    ['apps/v1', 'Deployment'],
    ['apps/v1', 'StatefulSet'],
    ['apps/v1', 'DaemonSet'],
    ['apps/v1', 'ReplicaSet'],
    ['batch/v1', 'Job'],
  ];
  const texts = kinds.map(
    ([apiVersion, kind]) =>
      `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: ${kind!.toLowerCase()}, namespace: w }\nspec:\n    ${template.replace('LABEL', kind!)}\n`,
  );
  texts.push(`apiVersion: batch/v1
kind: CronJob
metadata: { name: cron, namespace: w }
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        metadata: { labels: { app: CronJob } }
        spec: { containers: [{ name: c, ports: [{ name: http, containerPort: 80 }] }] }
`);
  const world = buildWorld(loadObjects(texts.join('---\n')));
  assert.equal(world.pods.length, 6);
  for (const pod of world.pods) {
    assert.equal(pod.labels['app'], pod.workload?.kind);
    assert.equal(pod.name, pod.workload?.name);
    assert.deepEqual(pod.ports, [{ name: 'http', containerPort: 80, protocol: 'TCP' }]);
  }
});

void test('kind: List items become separate objects', () => {
  const world = buildWorld(
    loadObjects(`apiVersion: v1
kind: List
items:
  - { apiVersion: v1, kind: Namespace, metadata: { name: a } }
  - { apiVersion: v1, kind: Pod, metadata: { name: p, namespace: a } }
  - { apiVersion: v1, kind: Pod, metadata: { name: q, namespace: a } }
`),
  );
  assert.deepEqual(
    world.pods.map((pod) => [pod.name, pod.origin.path]),
    [
      ['p', ['items', 1]],
      ['q', ['items', 2]],
    ],
  );
  assert.ok(world.namespaces.get('a')?.origin);
});

void test('IPs are assigned from 10.244.0.0/16 by namespace/name, skipping taken ones, whatever the order', () => {
  const pod = (namespace: string, name: string, ip?: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata: { name: ${name}, namespace: ${namespace} }\n${ip ? `status: { podIP: ${ip} }\n` : ''}`;
  const files = {
    'file:///a.yaml': [pod('b', 'x'), pod('a', 'z')].join('---\n'),
    'file:///b.yaml': [pod('a', 'y', '10.244.0.2'), pod('a', 'w')].join('---\n'),
  };
  const world = buildWorld(loadFiles(files));
  const reversed = buildWorld(loadFiles(files).reverse());
  const ips = (built: typeof world) =>
    built.pods.map((entry) => `${entry.namespace}/${entry.name}=${entry.ip}`);
  assert.deepEqual(ips(world), [
    'a/w=10.244.0.1',
    'a/y=10.244.0.2',
    'a/z=10.244.0.3',
    'b/x=10.244.0.4',
  ]);
  assert.deepEqual(ips(reversed), ips(world));
  assert.equal(podOf(world, 'a', 'w')?.ipAssigned, true);
});

void test('objects it cannot read are skipped, never thrown on', () => {
  const world = buildWorld(
    loadObjects(`apiVersion: v1
kind: Pod
metadata: { name: p, labels: [1, 2] }
spec: { containers: "no", hostNetwork: "yes" }
status: { podIP: not-an-ip, podIPs: 5 }
---
apiVersion: v1
kind: Pod
metadata: "nothing"
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: d }
spec: { template: 7 }
`),
  );
  assert.deepEqual(
    world.pods.map((pod) => [pod.name, pod.hostNetwork, pod.ipAssigned]),
    [
      ['d', false, true],
      ['p', false, true],
    ],
  );
});
