import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, Hover } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startSession } from './harness';
import type { Session } from './harness';

const WORLD = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: api, image: api, ports: [{ name: http, containerPort: 8080 }] }] }
`;

const POLICY = `# Only web reaches the API.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-from-web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
    - from: [{ podSelector: { matchLabels: { app: web } } }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-all, namespace: shop }
spec: { podSelector: {} }
`;

const FLOWS = `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: shop }
spec:
  flows:
    - name: web calls api
      from: shop/web
      to: shop/api
      port: http
    - from: shop/api
      to: shop/web
      port: 80
      expect: allow
`;

const uris = {
  world: 'file:///w/world.yaml',
  policy: 'file:///w/policy.yaml',
  flows: 'file:///w/flows.yaml',
};

describe('language server: code lenses', () => {
  let session: Session;
  before(async () => {
    session = await startSession();
    await session.open(uris.world, WORLD);
    await session.open(uris.policy, POLICY);
    await session.open(uris.flows, FLOWS);
  });
  after(() => session.close());

  const lenses = (uri: string): Promise<CodeLens[]> =>
    session.client.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  const resolve = (lens: CodeLens): Promise<CodeLens> =>
    session.client.sendRequest('codeLens/resolve', lens);

  it('above each policy: the pods it selects, resolved with their locations', async () => {
    const found = await lenses(uris.policy);
    const document = TextDocument.create(uris.policy, 'yaml', 1, POLICY);
    assert.deepEqual(
      found.map((lens) => lens.range.start),
      [
        document.positionAt(POLICY.indexOf('apiVersion')),
        document.positionAt(POLICY.lastIndexOf('apiVersion')),
      ],
    );
    const [first, second] = await Promise.all(found.map(resolve));
    assert.equal(first?.command?.title, 'selects 1 pod in shop');
    assert.equal(first?.command?.command, 'netpol.showSelectedPods');
    const world = TextDocument.create(uris.world, 'yaml', 1, WORLD);
    const name = WORLD.indexOf('api', WORLD.indexOf('name: api'));
    assert.deepEqual(first?.command?.arguments, [
      {
        uri: uris.policy,
        policy: 'shop/api-from-web',
        pods: [
          {
            ref: 'shop/api',
            namespace: 'shop',
            name: 'api',
            kind: 'Deployment',
            labels: { app: 'api' },
            location: {
              uri: uris.world,
              range: { start: world.positionAt(name), end: world.positionAt(name + 3) },
            },
          },
        ],
      },
    ]);
    assert.equal(second?.command?.title, 'selects 2 pods in shop');
  });

  it('above each flow: its verdict, opening the log preview, and Simulate', async () => {
    const found = await lenses(uris.flows);
    const document = TextDocument.create(uris.flows, 'yaml', 1, FLOWS);
    const verdicts = found.filter((lens) => lens.command?.command === 'netpol.showLogPreview');
    assert.deepEqual(
      verdicts.map((lens) => lens.range.start),
      [
        document.positionAt(FLOWS.indexOf('name: web calls')),
        document.positionAt(FLOWS.indexOf('from: shop/api')),
      ],
    );
    assert.equal(
      verdicts[0]?.command?.title,
      'allow · egress not isolated · ingress allowed by shop/api-from-web rule 1',
    );
    assert.match(verdicts[1]?.command?.title ?? '', /^deny \(expected allow\) · /);
    assert.deepEqual(verdicts[0]?.command?.arguments, [{ uri: uris.flows }]);
    const simulate = found.filter((lens) => lens.command?.command === 'netpol.simulateFlow');
    assert.equal(simulate.length, 2);
    assert.deepEqual(simulate[0]?.range, verdicts[0]?.range);
    const argument = simulate[0]?.command?.arguments?.[0] as {
      from: string;
      port: string;
      protocol: string;
    };
    assert.deepEqual(
      [argument.from, typeof argument.port, argument.protocol],
      ['shop/web', 'string', 'TCP'],
    );
  });
});

const CLUSTER = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: shop-guard }
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces: { matchLabels: { kubernetes.io/metadata.name: shop } }
  ingress:
    - action: Deny
      from: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: web } } } }]
`;

describe('language server: tiered cluster policies', () => {
  let session: Session;
  const uri = 'file:///w/cluster.yaml';
  before(async () => {
    session = await startSession();
    await session.open(uris.world, WORLD);
    await session.open(uri, CLUSTER);
  });
  after(() => session.close());

  it('a lens above each: its tier and priority, and the pods it applies to', async () => {
    const found: CodeLens[] = await session.client.sendRequest('textDocument/codeLens', {
      textDocument: { uri },
    });
    assert.equal(found.length, 1);
    const resolved: CodeLens = await session.client.sendRequest('codeLens/resolve', found[0]);
    assert.equal(resolved.command?.title, 'Admin 10 · applies to 2 pods in 1 namespace');
    assert.equal(resolved.command?.command, 'netpol.showSelectedPods');
  });

  it('a hover on a peer lists the pods it matches', async () => {
    const document = TextDocument.create(uri, 'yaml', 1, CLUSTER);
    const hover: Hover | null = await session.client.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: document.positionAt(CLUSTER.indexOf('app: web')),
    });
    const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(value, /ClusterNetworkPolicy shop-guard: ingress rule 1, peer 1/);
    assert.match(value, /`shop\/web` · Deployment/);
  });
});
