import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { endpointAtRequest, endpointsRequest } from '../../server/src/protocol';
import { startSession } from './harness';
import type { Session } from './harness';

const WORLD = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, ports: [{ name: http, containerPort: 8080 }] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: debug } }
spec: { containers: [{ name: dns, image: dns, ports: [{ containerPort: 53, protocol: UDP }] }] }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: data }
spec:
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: pg }] }
`;

const URI = 'file:///w/world.yaml';

describe('language server: endpoints', () => {
  let session: Session;
  before(async () => {
    session = await startSession();
    await session.open(URI, WORLD);
  });
  after(() => session.close());

  it('lists pods and workloads by namespace with their container ports', async () => {
    const result = await session.client.sendRequest(endpointsRequest, {});
    assert.deepEqual(
      result.namespaces.map((group) => group.name),
      ['data', 'shop'],
    );
    const shop = result.namespaces[1]?.endpoints ?? [];
    const deployment = shop.find((endpoint) => endpoint.kind === 'Deployment');
    assert.deepEqual(deployment?.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const pod = shop.find((endpoint) => endpoint.kind === 'Pod');
    assert.deepEqual(pod?.ports, [{ port: 53, protocol: 'UDP' }]);
    assert.equal(result.namespaces[0]?.endpoints[0]?.ref, 'data/db');
  });

  it('names a workload by kind when a pod shares its name', async () => {
    const result = await session.client.sendRequest(endpointsRequest, {});
    const refs = result.namespaces[1]?.endpoints.map((endpoint) => endpoint.ref).sort();
    assert.deepEqual(refs, ['shop/deployment/web', 'shop/web']);
  });

  it('answers which workload a position is in, and null outside any', async () => {
    const line = WORLD.slice(0, WORLD.indexOf('kind: StatefulSet')).split('\n').length - 1;
    const inside = await session.client.sendRequest(endpointAtRequest, {
      uri: URI,
      position: { line: line + 3, character: 4 },
    });
    assert.equal(inside?.ref, 'data/db');
    const other = await session.client.sendRequest(endpointAtRequest, {
      uri: 'file:///w/elsewhere.yaml',
      position: { line: 0, character: 0 },
    });
    assert.equal(other, null);
  });
});
