import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
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
    // As the server does: settings first (an analysis of nothing), then the folder.
    workspace.configure(DEFAULT_SETTINGS, ['/ws']);
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
    // Then the whole workspace: the same file again, now with the cross-file checks (read.yaml
    // holds the same policy: a duplicate).
    const final = sent.filter((params) => params.uri === uri).at(-1)!;
    assert.deepEqual(final.diagnostics.map((diagnostic) => diagnostic.code).sort(), [
      'duplicate-object',
      'selects-nothing',
      'unknown-field',
    ]);
    assert.equal(final.version, 1);
  });
});

describe('publishing after an edit', () => {
  const flows = `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: flows }
spec:
  flows:
    - { from: shop/web, to: shop/api, port: 80 }
`;
  const web = POD.replace(/: api/g, ': web');

  it('sends the edited file at once, the others when the edits pause, unchanged ones not at all', (t) => {
    // Timers the test moves: the pause is mocked time, not waited for.
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { workspace, sent } = workspaceWithLog();
    const policy = 'file:///ws/policy.yaml';
    workspace.setText('file:///ws/pods.yaml', `${POD}---\n${web}`, false);
    workspace.setText('file:///ws/flows.yaml', flows, false);
    workspace.setDocument(TextDocument.create(policy, 'yaml', 1, POLICY));
    workspace.flush();
    t.mock.timers.tick(1000);
    assert.deepEqual(sent.map((params) => params.uri).sort(), [
      'file:///ws/flows.yaml',
      'file:///ws/pods.yaml',
      policy,
    ]);
    sent.splice(0);
    // A comment changes no verdict: only the policy file gets new diagnostics.
    workspace.setDocument(TextDocument.create(policy, 'yaml', 2, `# web\n${POLICY}`));
    workspace.flush();
    t.mock.timers.tick(1000);
    assert.deepEqual(
      sent.map((params) => [params.uri, params.version]),
      [[policy, 2]],
    );
    // Isolating the API denies the flow: the policy file at once, the flows file not yet.
    const isolating = POLICY.replace('app: web', 'app: api');
    workspace.setDocument(TextDocument.create(policy, 'yaml', 3, isolating));
    workspace.flush();
    assert.deepEqual(
      sent.slice(1).map((params) => [params.uri, params.version]),
      [[policy, 3]],
    );
    // The next keystroke comes before the pause: the flows file waits for it too.
    workspace.setDocument(TextDocument.create(policy, 'yaml', 4, `${isolating}# api\n`));
    workspace.flush();
    t.mock.timers.tick(1000);
    assert.deepEqual(
      sent.slice(2).map((params) => [params.uri, params.version]),
      [
        [policy, 4],
        ['file:///ws/flows.yaml', 0],
      ],
    );
    const verdict = sent.at(-1)!.diagnostics.find((d) => d.code === 'flow-verdict');
    assert.match(verdict!.message, /^deny/i);
  });
});

describe('ranged changes', () => {
  const THREE = [POLICY, POLICY.replace('name: web', 'name: api'), POD].join('---\n');

  /** The diagnostics a workspace that reads `text` afresh publishes for it. */
  function freshDiagnostics(uri: string, text: string) {
    const { workspace, sent } = workspaceWithLog();
    workspace.setDocument(TextDocument.create(uri, 'yaml', 1, text));
    workspace.flush();
    return sent.filter((params) => params.uri === uri).at(-1)!.diagnostics;
  }

  it('give after each change what the same text read afresh gives', () => {
    const { workspace, sent } = workspaceWithLog();
    const uri = 'file:///ws/policies.yaml';
    const document = TextDocument.create(uri, 'yaml', 1, THREE);
    workspace.setDocument(document);
    workspace.flush();
    // Typing inside a document, breaking and mending the marker between the two, adding one.
    const edits: [string, string][] = [
      // The same length on one line: the problems below keep their positions and diagnostics.
      ['name: web, namespace', 'name: wxb, namespace'],
      // The same length with a line break more: the problems below move down a line.
      ['name: wxb', 'name:\nwxb'],
      ['app: web', 'app: webby'],
      // The last character of the second marker: the first two documents become one.
      ['-\napiVersion: networking', '\napiVersion: networking'],
      ['--\napiVersion: networking', '---\napiVersion: networking'],
      ['polcyTypes', 'policyTypes'],
      ['name: api', 'name: api\n---\nkind: Namespace\napiVersion: v1\nmetadata: { name: x }'],
    ];
    edits.forEach(([from, to], index) => {
      const start = document.getText().indexOf(from);
      const change = {
        range: { start: document.positionAt(start), end: document.positionAt(start + from.length) },
        text: to,
      };
      workspace.noteChange(document, [change]);
      TextDocument.update(document, [change], index + 2);
      workspace.setDocument(document);
      workspace.flush();
      const published = sent.filter((params) => params.uri === uri).at(-1)!;
      assert.equal(published.version, index + 2);
      assert.deepEqual(published.diagnostics, freshDiagnostics(uri, document.getText()));
    });
  });
});
