import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { parse } from 'yaml';
import { applyWorkspaceEdit } from './apply-text-edits';
import { startSession } from './harness';
import type { Session } from './harness';

const HEAD = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
`;

const KUBE_DNS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: coredns
  namespace: kube-system
spec:
  template:
    metadata:
      labels:
        k8s-app: kube-dns
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
---
apiVersion: v1
kind: Pod
metadata:
  name: db
  namespace: vault
`;

describe('code actions', () => {
  let session: Session;
  before(async () => {
    session = await startSession();
    await session.open('file:///w/world.yaml', KUBE_DNS);
  });
  after(() => session.close());

  async function actionsAt(uri: string, text: string, at: string, only?: string[]) {
    const offset = text.indexOf(at);
    const lines = text.slice(0, offset).split('\n');
    const position = { line: lines.length - 1, character: lines.at(-1)?.length ?? 0 };
    const diagnostics: Diagnostic[] = await session.open(uri, text);
    const actions: CodeAction[] = await session.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: position, end: position },
      context: { diagnostics, ...(only === undefined ? {} : { only }) },
    });
    return { actions, diagnostics };
  }

  /** Applies the action titled `title` and returns the codes of the diagnostics that follow. */
  async function apply(uri: string, text: string, action: CodeAction | undefined) {
    assert.ok(action);
    const result = applyWorkspaceEdit(text, uri, action.edit);
    const diagnostics = await session.change(uri, result);
    return { result, codes: diagnostics.map((diagnostic) => diagnostic.code) };
  }

  it('renames an unknown field, preferred, tied to its diagnostic', async () => {
    const text = `${HEAD}  podSelectr: {}\n`;
    const { actions } = await actionsAt('file:///w/typo.yaml', text, 'podSelectr');
    const fix = actions.find((action) => action.title.includes('podSelector'));
    assert.equal(fix?.kind, 'quickfix');
    assert.equal(fix?.isPreferred, true);
    assert.equal(fix?.diagnostics?.[0]?.code, 'unknown-field');
    assert.deepEqual((await apply('file:///w/typo.yaml', text, fix)).codes, []);
  });

  it('adds the missing policyTypes entry', async () => {
    // Its own name: policies of one name in two files are duplicates.
    const text = `${HEAD.replace('name: web', 'name: types')}  podSelector: {}\n  policyTypes:\n    - Ingress\n  ingress:\n    - {}\n  egress:\n    - {}\n`;
    const { actions } = await actionsAt('file:///w/types.yaml', text, 'egress:');
    const { result, codes } = await apply('file:///w/types.yaml', text, actions[0]);
    assert.deepEqual(codes, []);
    assert.deepEqual((parse(result) as { spec: { policyTypes: string[] } }).spec.policyTypes, [
      'Ingress',
      'Egress',
    ]);
  });

  it('adds a DNS egress rule to a default-deny-egress policy', async () => {
    // Its own namespace: the other tests' policies allow egress in shop.
    const text = `${HEAD.replace('shop', 'vault')}  podSelector: {}\n  policyTypes:\n    - Egress\n`;
    const { actions, diagnostics } = await actionsAt('file:///w/deny.yaml', text, 'Egress');
    assert.ok(
      diagnostics.some((diagnostic) => diagnostic.code === 'egress-blocks-dns'),
      JSON.stringify(diagnostics),
    );
    const fix = actions.find((action) => action.kind === 'quickfix');
    assert.deepEqual((await apply('file:///w/deny.yaml', text, fix)).codes, []);
  });

  it('combines two peers into one and splits them again, as refactorings', async () => {
    const text = `${HEAD.replace('name: web', 'name: peers')}  podSelector: {}\n  ingress:\n    - from:\n        - podSelector: {}\n        - namespaceSelector: {}\n`;
    const combine = await actionsAt('file:///w/peers.yaml', text, 'namespaceSelector', [
      'refactor',
    ]);
    assert.equal(combine.actions[0]?.kind, 'refactor.rewrite');
    const combined = await apply('file:///w/peers.yaml', text, combine.actions[0]);
    assert.deepEqual(combined.codes, []);
    assert.match(combined.result, /- podSelector: \{\}\n {10}namespaceSelector: \{\}\n$/);
    const split = await actionsAt('file:///w/peers.yaml', combined.result, 'namespaceSelector', [
      'refactor.rewrite',
    ]);
    assert.equal(
      (await apply('file:///w/peers.yaml', combined.result, split.actions[0])).result,
      text,
    );
  });
});
