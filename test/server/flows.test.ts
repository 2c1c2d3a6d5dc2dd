import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Hover } from 'vscode-languageserver/node';
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
---
apiVersion: networking.gke.io/v1alpha1
kind: NetworkLogging
metadata: { name: default }
spec: { cluster: { allow: { log: true }, deny: { log: true } } }
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
      expect: allow
`;

const verdictOf = (diagnostics: Diagnostic[]) =>
  diagnostics.find((diagnostic) => diagnostic.code === 'flow-verdict')?.message ?? '';

describe('language server: sample flows', () => {
  let session: Session;
  before(async () => {
    session = await startSession();
    await session.open('file:///w/world.yaml', WORLD);
    await session.open('file:///w/policy.yaml', POLICY);
  });
  after(() => session.close());

  it("puts the verdict on the flow's first line as a hint", async () => {
    const diagnostics = await session.open('file:///w/flows.yaml', FLOWS);
    const verdict = diagnostics.find((diagnostic) => diagnostic.code === 'flow-verdict');
    assert.ok(verdict, JSON.stringify(diagnostics));
    assert.equal(verdict.severity, 4);
    assert.match(verdict.message, /^allow: /);
    assert.equal(verdict.range.start.line, 5);
    assert.equal(verdict.range.end.line, 5);
    assert.ok(!diagnostics.some((diagnostic) => diagnostic.severity === 1));
  });

  it('re-evaluates the flows of another file when a policy changes', async () => {
    const next = session.diagnostics('file:///w/flows.yaml', (d) =>
      verdictOf(d).startsWith('deny'),
    );
    await session.change(
      'file:///w/policy.yaml',
      POLICY.replace('app: web } }', 'app: nobody } }'),
    );
    const diagnostics = await next;
    const failed = diagnostics.find((diagnostic) => diagnostic.code === 'flow-expectation-failed');
    assert.ok(failed, JSON.stringify(diagnostics));
    assert.equal(failed.severity, 1);
    assert.equal(failed.range.start.line, 9);
  });

  it("re-evaluates when a workload's labels change", async () => {
    const next = session.diagnostics('file:///w/flows.yaml', (d) =>
      verdictOf(d).startsWith('allow'),
    );
    await session.change(
      'file:///w/world.yaml',
      WORLD.replace('labels: { app: web }', 'labels: { app: nobody }'),
    );
    await next;
  });

  it('hovers a flow with its explanation and log preview', async () => {
    const hover: Hover | null = await session.client.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///w/flows.yaml' },
      position: { line: 7, character: 10 },
    });
    const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(value, /^\*\*allow\*\*/);
    assert.match(value, /Log preview/);
    assert.match(value, /"disposition": "allow"/);
  });

  it('answers netpol/logPreview for a SampleFlows file', async () => {
    const preview: { text: string; flowCount: number } = await session.client.sendRequest(
      'netpol/logPreview',
      {
        uri: 'file:///w/flows.yaml',
      },
    );
    assert.equal(preview.flowCount, 1);
    assert.match(preview.text, /web calls api/);
    assert.match(preview.text, /"disposition":"allow"/);
  });

  it('answers netpol/simulateFlow, and a clear error for a bad reference', async () => {
    const good: { ok: boolean; text?: string } = await session.client.sendRequest(
      'netpol/simulateFlow',
      {
        from: 'shop/api',
        to: 'shop/web',
        port: '8080',
      },
    );
    assert.equal(good.ok, true);
    assert.match(good.text ?? '', /^allow/);
    const bad: { ok: boolean; message?: string } = await session.client.sendRequest(
      'netpol/simulateFlow',
      {
        from: 'shop/wbe',
        to: 'shop/api',
        port: 'http',
      },
    );
    assert.equal(bad.ok, false);
    assert.match(bad.message ?? '', /shop\/web/);
  });
});

describe('language server: what a flow hover says about the workspace', () => {
  let session: Session;
  before(async () => {
    session = await startSession();
    await session.open('file:///w/world.yaml', WORLD);
    await session.open('file:///w/policy.yaml', POLICY);
  });
  after(() => session.close());

  const hoverFlow = async (line: number) => {
    const hover: Hover | null = await session.client.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///w/flows.yaml' },
      position: { line, character: 8 },
    });
    return (hover?.contents as { value: string } | undefined)?.value ?? '';
  };

  it('says when a policy the verdict used is defined twice, and when the DNS is assumed', async () => {
    const copy = POLICY.split('---\n')[0]!;
    const duplicated = session.diagnostics('file:///w/copy.yaml', (d) =>
      d.some((diagnostic) => diagnostic.code === 'duplicate-object'),
    );
    await session.open('file:///w/copy.yaml', copy);
    const [warning] = await duplicated;
    assert.equal(warning?.relatedInformation?.[0]?.location.uri, 'file:///w/policy.yaml');
    await session.open(
      'file:///w/flows.yaml',
      `${FLOWS}    - { from: shop/web, to: kube-system/kube-dns, port: 53, protocol: UDP }\n`,
    );
    assert.match(await hoverFlow(5), /shop\/api-from-web is defined more than once/);
    assert.match(await hoverFlow(10), /kube-system\/kube-dns is not in the workspace/);
  });
});
