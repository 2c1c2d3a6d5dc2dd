import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, DocumentSymbol, Location, Range } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startSession } from './harness';
import type { Session } from './harness';

const WORLD = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: api, image: api }] }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
spec: { containers: [{ name: web, image: nginx }] }
`;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-ingress
  namespace: shop
spec:
  podSelector: { matchLabels: { app: api } }
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - podSelector: { matchLabels: { app: web } }
      ports:
        - port: 8080
  egress:
    - {}
`;

const CLUSTER = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: guard }
spec:
  tier: Admin
  priority: 10
  subject: { namespaces: {} }
  ingress:
    - name: from-web
      action: Accept
      from: [{ pods: { podSelector: { matchLabels: { app: web } } } }]
  egress:
    - action: Deny
      to: [{ networks: [203.0.113.0/24] }]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: { name: default }
spec:
  subject: { namespaces: {} }
  ingress:
    - action: Deny
      from: [{ namespaces: {} }]
`;

const FLOWS = `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: shop }
spec:
  flows:
    - name: web calls api
      from: shop/web
      to: shop/deployment/api
      port: 8080
    - from: shop/api
      to: shop/web
      port: 80
`;

describe('language server: symbols and definitions', () => {
  let session: Session;
  let folder: string;
  const uri = (name: string) => pathToFileURL(join(folder, name)).toString();
  before(async () => {
    // The world stays on disk, unopened: definitions must reach files the editor has not opened.
    folder = mkdtempSync(join(tmpdir(), 'netpol-symbols-'));
    writeFileSync(join(folder, 'world.yaml'), WORLD);
    session = await startSession(folder);
    await session.open(uri('policy.yaml'), POLICY);
    const hasVerdict = (found: Diagnostic[]) =>
      found.some((diagnostic) => diagnostic.code === 'flow-verdict');
    // The folder loads in the background: wait until the flows resolve against its world.
    if (!hasVerdict(await session.open(uri('flows.yaml'), FLOWS))) {
      await session.diagnostics(uri('flows.yaml'), hasVerdict);
    }
  });
  after(() => {
    session.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const symbols = (name: string): Promise<DocumentSymbol[]> =>
    session.client.sendRequest('textDocument/documentSymbol', {
      textDocument: { uri: uri(name) },
    });

  const rangeOf = (text: string, needle: string, from = 0): Range => {
    const document = TextDocument.create('file:///x', 'yaml', 1, text);
    const start = text.indexOf(needle, from);
    return { start: document.positionAt(start), end: document.positionAt(start + needle.length) };
  };

  it('outlines a policy with its rules', async () => {
    const [policy] = await symbols('policy.yaml');
    assert.equal(policy?.name, 'api-ingress');
    assert.equal(policy?.detail, 'NetworkPolicy · shop');
    assert.deepEqual(policy?.selectionRange, rangeOf(POLICY, 'api-ingress'));
    assert.deepEqual(policy?.range.start, { line: 0, character: 0 });
    assert.deepEqual(
      policy?.children?.map((rule) => [rule.name, rule.detail]),
      [
        ['ingress rule 1', 'from 1 peer · 1 port'],
        ['egress rule 1', 'to anywhere · all ports'],
      ],
    );
    assert.deepEqual(policy?.children?.[0]?.selectionRange, rangeOf(POLICY, 'from'));
    assert.deepEqual(
      policy?.children?.[1]?.range,
      rangeOf(POLICY, '{}', POLICY.indexOf('egress:')),
    );
  });

  it('outlines tiered cluster policies with tier, priority, and each rule with its action', async () => {
    await session.open(uri('cluster.yaml'), CLUSTER);
    const [admin, baseline] = await symbols('cluster.yaml');
    assert.deepEqual(
      [admin?.name, admin?.detail],
      ['guard', 'ClusterNetworkPolicy · Admin · priority 10'],
    );
    assert.deepEqual(
      admin?.children?.map((rule) => [rule.name, rule.detail]),
      [
        ['from-web', 'Accept · ingress rule 1'],
        ['egress rule 1', 'Deny'],
      ],
    );
    assert.deepEqual(admin?.children?.[0]?.selectionRange, rangeOf(CLUSTER, 'from-web'));
    assert.deepEqual(
      [baseline?.name, baseline?.detail, baseline?.children?.map((rule) => rule.detail)],
      ['default', 'BaselineAdminNetworkPolicy · Baseline', ['Deny']],
    );
  });

  it('goes from selectors to the objects they select, several at once', async () => {
    const at = async (text: string, name: string, needle: string): Promise<unknown> =>
      session.client.sendRequest('textDocument/definition', {
        textDocument: { uri: uri(name) },
        position: TextDocument.create(uri(name), 'yaml', 1, text).positionAt(
          text.indexOf(needle) + 2,
        ),
      });
    await session.open(uri('cluster.yaml'), CLUSTER);
    const worldName = (name: string) => ({
      uri: uri('world.yaml'),
      range: rangeOf(WORLD, name, WORLD.indexOf(`name: ${name}`)),
    });
    assert.deepEqual(await at(POLICY, 'policy.yaml', 'app: api'), [worldName('api')]);
    assert.deepEqual(await at(CLUSTER, 'cluster.yaml', 'namespaces: {}'), [
      worldName('api'),
      worldName('web'),
    ]);
    assert.deepEqual(await at(CLUSTER, 'cluster.yaml', 'app: web'), [worldName('web')]);
    assert.equal(await at(CLUSTER, 'cluster.yaml', '203.0.113'), null);
  });

  it('outlines the flows of a SampleFlows document', async () => {
    const [flows] = await symbols('flows.yaml');
    assert.equal(flows?.name, 'shop');
    assert.deepEqual(
      flows?.children?.map((flow) => [flow.name, flow.detail]),
      [
        ['web calls api', 'shop/web -> shop/deployment/api:8080/TCP'],
        ['shop/api -> shop/web', '80/TCP'],
      ],
    );
    assert.deepEqual(flows?.children?.[0]?.selectionRange, rangeOf(FLOWS, 'web calls api'));
  });

  it("goes from a flow's endpoint to the workload, in an unopened file", async () => {
    const flows = TextDocument.create(uri('flows.yaml'), 'yaml', 1, FLOWS);
    const at = async (needle: string): Promise<Location | null> =>
      session.client.sendRequest('textDocument/definition', {
        textDocument: { uri: uri('flows.yaml') },
        position: flows.positionAt(FLOWS.indexOf(needle) + 2),
      });
    assert.deepEqual(await at('shop/deployment/api'), {
      uri: uri('world.yaml'),
      range: rangeOf(WORLD, 'api', WORLD.indexOf('name: api')),
    });
    assert.deepEqual(await at('to: shop/web'), {
      uri: uri('world.yaml'),
      range: rangeOf(WORLD, 'web', WORLD.indexOf('name: web')),
    });
    assert.equal(await at('port: 80\n'), null);
  });
});
