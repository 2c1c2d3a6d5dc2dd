import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createWorkspace } from '../../server/src/workspace';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  polcyTypes: [Ingress]
`;

const POD = `apiVersion: v1
kind: Pod
metadata: { name: api, namespace: shop, labels: { app: api } }
`;

/** A workspace whose published diagnostics arrive in `sent`; `next` waits for the next one. */
function workspaceWithLog() {
  const sent: PublishDiagnosticsParams[] = [];
  const waiters: ((params: PublishDiagnosticsParams) => void)[] = [];
  const connection = {
    sendDiagnostics: (params: PublishDiagnosticsParams) => {
      sent.push(params);
      waiters.splice(0).forEach((resolve) => resolve(params));
      return Promise.resolve();
    },
  } as unknown as Connection;
  const next = () => new Promise<PublishDiagnosticsParams>((resolve) => waiters.push(resolve));
  return { workspace: createWorkspace(connection), sent, next };
}

describe('loading a folder', () => {
  it('publishes an opened file’s own problems before the folder has loaded', async () => {
    const { workspace, sent, next } = workspaceWithLog();
    const uri = 'file:///ws/policy.yaml';
    await workspace.batch(async () => {
      const published = next();
      workspace.setText('file:///ws/read.yaml', POLICY, false);
      workspace.setDocument(TextDocument.create(uri, 'yaml', 1, POLICY));
      // The load cannot end before this publish: it comes while the folder is still loading.
      const early = await published;
      assert.equal(early.uri, uri);
      assert.equal(early.version, 1);
      assert.deepEqual(
        early.diagnostics.map((diagnostic) => diagnostic.code),
        ['unknown-field'],
      );
      // Files read from disk wait for the whole analysis.
      assert.deepEqual(
        sent.map((params) => params.uri),
        [uri],
      );
      workspace.setText('file:///ws/pods.yaml', POD, false);
    });
    // Then the whole workspace: the same file again, now with the cross-file checks.
    const final = sent.filter((params) => params.uri === uri).at(-1)!;
    assert.deepEqual(final.diagnostics.map((diagnostic) => diagnostic.code).sort(), [
      'selects-nothing',
      'unknown-field',
    ]);
    assert.equal(final.version, 1);
  });
});
