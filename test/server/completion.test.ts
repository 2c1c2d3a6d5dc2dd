import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import type { CompletionList, Diagnostic } from 'vscode-languageserver/node';
import { applyCompletion } from './apply-text-edits';
import { startSession } from './harness';
import type { Session } from './harness';

const WORLD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          ports:
            - name: grpc
              containerPort: 9090
`;

describe('completion', () => {
  let session: Session;
  before(async () => {
    session = await startSession();
    await session.open('file:///w/world.yaml', WORLD);
  });
  after(() => session.close());

  async function completeAt(uri: string, marked: string, trigger?: string) {
    const text = marked.replace('|', '');
    await session.open(uri, text);
    const before = marked.slice(0, marked.indexOf('|')).split('\n');
    const list: CompletionList | null = await session.client.sendRequest(
      'textDocument/completion',
      {
        textDocument: { uri },
        position: { line: before.length - 1, character: before.at(-1)?.length ?? 0 },
        ...(trigger === undefined
          ? {}
          : { context: { triggerKind: 2, triggerCharacter: trigger } }),
      },
    );
    return { text, items: list?.items ?? [] };
  }

  it('completes a policy from a snippet in an empty file, which then checks clean', async () => {
    const { text, items } = await completeAt('file:///w/new.yaml', '|');
    const snippet = items.find((item) => item.label === 'NetworkPolicy: default-deny all');
    assert.ok(snippet, JSON.stringify(items.map((item) => item.label)));
    const result = applyCompletion(text, snippet);
    const diagnostics: Diagnostic[] = await session.change('file:///w/new.yaml', result);
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.code),
      [],
    );
  });

  it('completes fields with their schema descriptions', async () => {
    const marked = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: a\nspec:\n  podSelector: {}\n  eg|`;
    const { text, items } = await completeAt('file:///w/field.yaml', marked);
    const egress = items.find((item) => item.label === 'egress');
    assert.ok(egress);
    assert.match(JSON.stringify(egress.documentation), /outgoing traffic/);
    const result = applyCompletion(text, egress);
    assert.equal(result.split('\n').at(-1), '    - ');
  });

  it("completes endpoint references and the destination's named ports in SampleFlows", async () => {
    const flows = `apiVersion: netpol-lens.dev/v1alpha1\nkind: SampleFlows\nmetadata:\n  name: f\nspec:\n  flows:\n    - from: shop/api\n      to: shop/api\n      port:|\n`;
    const { text, items } = await completeAt('file:///w/flows.yaml', flows, ':');
    assert.deepEqual(
      items.map((item) => item.label),
      ['grpc', '9090'],
    );
    const result = applyCompletion(text, items[0]!);
    assert.equal(
      (parse(result) as { spec: { flows: { port: string }[] } }).spec.flows[0]?.port,
      'grpc',
    );
    const from = await completeAt(
      'file:///w/flows.yaml',
      flows.replace('from: shop/api', 'from: sh|'),
    );
    assert.deepEqual(
      from.items.map((item) => item.label),
      ['shop/api', 'shop/deployment/api'],
    );
  });

  it('completes pod labels of the workspace in a ClusterNetworkPolicy peer', async () => {
    const marked = `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n  name: c\nspec:\n  egress:\n    - to:\n        - pods:\n            podSelector:\n              matchLabels:\n                app: |`;
    const { text, items } = await completeAt('file:///w/cluster.yaml', marked, ' ');
    assert.deepEqual(
      items.map((item) => item.label),
      ['api'],
    );
    assert.match(applyCompletion(text, items[0]!), /app: api$/);
  });

  it('answers a typed space only after a key or a dash', async () => {
    const marked = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec:\n  podSelector:\n    matchLabels:\n      app: |`;
    const values = await completeAt('file:///w/space.yaml', marked, ' ');
    assert.deepEqual(
      values.items.map((item) => item.label),
      ['api'],
    );
    const indent = await completeAt('file:///w/space.yaml', `kind: NetworkPolicy\nspec:\n  |`, ' ');
    assert.deepEqual(indent.items, []);
  });
});
