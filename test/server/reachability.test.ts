import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { reachabilityCellRequest, reachabilityRequest } from '../../server/src/protocol';
import type { ReachabilityResult } from '../../server/src/protocol';
import { startSession } from './harness';
import type { Session } from './harness';

const WORLD = `apiVersion: apps/v1
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
`;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-from-web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
    - from: [{ podSelector: { matchLabels: { app: web } } }]
`;

function allowed(result: ReachabilityResult, row: number, column: number): boolean {
  const bit = row * result.columns + column;
  return (Buffer.from(result.cells, 'base64')[bit >>> 3]! & (1 << (bit & 7))) !== 0;
}

function indexOf(result: ReachabilityResult, name: string): number {
  return result.classes.findIndex((podClass) => podClass.pods.includes(name));
}

describe('language server: reachability', () => {
  let session: Session;
  before(async () => {
    session = await startSession();
    await session.open('file:///w/world.yaml', WORLD);
    await session.open('file:///w/policy.yaml', POLICY);
  });
  after(() => session.close());

  it('sends the matrix by class, with isolation and one bit per cell', async () => {
    const result = await session.client.sendRequest(reachabilityRequest, {});
    assert.ok(result !== null && result.unchanged !== true);
    const api = indexOf(result, 'api');
    const web = indexOf(result, 'web');
    assert.deepEqual(result.classes[api]?.ports, [{ port: 8080, name: 'http', protocol: 'TCP' }]);
    assert.equal(result.classes[api]?.ingressIsolated, true);
    assert.equal(result.classes[web]?.ingressIsolated, false);
    // Columns follow the classes: each class's ports in turn.
    const apiColumn = result.classes
      .slice(0, api)
      .reduce((sum, each) => sum + each.ports.length, 0);
    assert.equal(allowed(result, web, apiColumn), true);
    assert.equal(allowed(result, api, apiColumn), false);
    assert.equal(result.columns, 2);
  });

  it('says when the client already has the current matrix', async () => {
    const first = await session.client.sendRequest(reachabilityRequest, {});
    const again = await session.client.sendRequest(reachabilityRequest, { known: first!.version });
    assert.deepEqual(again, { version: first!.version, unchanged: true });
  });

  it('explains a denied cell and links the isolating policy', async () => {
    const result = (await session.client.sendRequest(
      reachabilityRequest,
      {},
    )) as ReachabilityResult;
    const api = indexOf(result, 'api');
    const apiColumn = result.classes
      .slice(0, api)
      .reduce((sum, each) => sum + each.ports.length, 0);
    const cell = await session.client.sendRequest(reachabilityCellRequest, {
      version: result.version,
      row: api,
      column: apiColumn,
    });
    assert.equal(cell?.allowed, false);
    assert.equal(cell?.from, 'shop/api');
    assert.equal(cell?.to, 'shop/api');
    assert.match(cell.summary, /^deny: /);
    assert.deepEqual(
      cell?.links.map((link) => [link.label, link.uri, link.range.start.line]),
      [['shop/api-from-web', 'file:///w/policy.yaml', 2]],
    );
  });

  it('follows an edit: the new matrix, and null for a cell of the old one', async () => {
    const before = (await session.client.sendRequest(
      reachabilityRequest,
      {},
    )) as ReachabilityResult;
    await session.change('file:///w/policy.yaml', POLICY.replace('app: web', 'app: nobody'));
    const after = await session.client.sendRequest(reachabilityRequest, { known: before.version });
    assert.ok(after !== null && after.unchanged !== true);
    const api = indexOf(after, 'api');
    const web = indexOf(after, 'web');
    const apiColumn = after.classes.slice(0, api).reduce((sum, each) => sum + each.ports.length, 0);
    assert.equal(allowed(after, web, apiColumn), false);
    const stale = await session.client.sendRequest(reachabilityCellRequest, {
      version: before.version,
      row: 0,
      column: 0,
    });
    assert.equal(stale, null);
    const bad = await session.client.sendRequest(reachabilityCellRequest, {
      version: after.version,
      row: 99,
      column: -1,
    });
    assert.equal(bad, null);
  });
});

const CLUSTER = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: guard-api }
spec:
  tier: Admin
  priority: 5
  subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: api } } } }
  ingress:
    - name: no-web
      action: Deny
      from: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: web } } } }]
`;

describe('language server: reachability with tiered cluster policies', () => {
  let session: Session;
  before(async () => {
    session = await startSession();
    await session.open('file:///w/world.yaml', WORLD);
    await session.open('file:///w/policy.yaml', POLICY);
    await session.open('file:///w/cluster.yaml', CLUSTER);
  });
  after(() => session.close());

  it('an Admin Deny closes a cell NetworkPolicy opens, and the cell links its rule', async () => {
    const result = (await session.client.sendRequest(
      reachabilityRequest,
      {},
    )) as ReachabilityResult;
    const api = indexOf(result, 'api');
    const web = indexOf(result, 'web');
    const apiColumn = result.classes
      .slice(0, api)
      .reduce((sum, each) => sum + each.ports.length, 0);
    assert.equal(allowed(result, web, apiColumn), false);
    const cell = await session.client.sendRequest(reachabilityCellRequest, {
      version: result.version,
      row: web,
      column: apiColumn,
    });
    assert.match(
      cell?.summary ?? '',
      /ingress denied by ClusterNetworkPolicy guard-api \(Admin, priority 5\) rule 1 'no-web'/,
    );
    assert.deepEqual(
      cell?.links.map((link) => [link.label, link.uri, link.range.start.line]),
      [
        [
          "ClusterNetworkPolicy guard-api (Admin, priority 5) rule 1 'no-web'",
          'file:///w/cluster.yaml',
          8,
        ],
      ],
    );
  });
});
