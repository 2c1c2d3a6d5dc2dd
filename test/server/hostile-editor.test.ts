import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { FileChangeType, MessageType } from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver/node';
import { createFakeFiles } from './fake-files';
import type { FakeFiles } from './fake-files';
import { startSession } from './harness';
import type { Session } from './harness';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  polcyTypes: [Ingress]
`;

// The same policy opened under several names is a duplicate of itself (duplicate-object): these
// tests are about positions and URIs, so they leave that warning out.
const own = (diagnostics: Diagnostic[]) =>
  diagnostics.filter((diagnostic) => diagnostic.code !== 'duplicate-object');
const codes = (diagnostics: Diagnostic[]) => own(diagnostics).map((diagnostic) => diagnostic.code);

describe('language server: positions it cannot trust', () => {
  let session: Session;
  before(async () => {
    session = await startSession();
  });
  after(() => session.close());

  /** What the server publishes for `text` opened afresh under another name. */
  async function fresh(text: string): Promise<Diagnostic[]> {
    return own(await session.open(`untitled:fresh-${Math.random()}`, text));
  }

  it('clamps fractional, negative and far ranges and drops those without numbers', async () => {
    const uri = 'untitled:ranges.yaml';
    await session.open(uri, POLICY);
    const changes = [
      // A fractional line is floored: the comment goes before line 1.
      {
        range: { start: { line: 1.5, character: 0 }, end: { line: 1.5, character: 0 } },
        text: '# a\n',
      },
      // Negative numbers are 0.
      {
        range: { start: { line: -3, character: -1 }, end: { line: 0, character: 0 } },
        text: '# b\n',
      },
      // Past the last line is the end of the text.
      {
        range: { start: { line: 999, character: 4 }, end: { line: 1e9, character: 1e9 } },
        text: '# c\n',
      },
      // Without a character, the change cannot be placed: it is dropped.
      { range: { start: { line: 0 }, end: { line: 0, character: 0 } }, text: 'garbage' },
      { range: { start: { line: 0, character: null }, end: { line: 0, character: 0 } }, text: 'x' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    ];
    const lines = POLICY.split('\n');
    const expected = ['# b', lines[0], '# a', ...lines.slice(1)].join('\n') + '# c\n';
    const published = session.diagnostics(uri, (_d, version) => version === 2);
    await session.client.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: changes,
    });
    const diagnostics = await published;
    assert.deepEqual(own(diagnostics), await fresh(expected));
    // The copy stays whole: a later ordinary change lands where the editor means it.
    const fixed = expected.replace('polcyTypes', 'policyTypes');
    const line = expected.split('\n').findIndex((text) => text.includes('polcyTypes'));
    const next = session.diagnostics(uri, (_d, version) => version === 3);
    await session.client.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [
        {
          range: { start: { line, character: 2 }, end: { line, character: 12 } },
          text: 'policyTypes',
        },
      ],
    });
    assert.deepEqual(own(await next), await fresh(fixed));
    assert.deepEqual(codes(await fresh(fixed)), []);
  });
});

describe('language server: URIs that are not local paths', () => {
  let session: Session;
  before(async () => {
    session = await startSession('/nonexistent-netpol-lens-folder');
  });
  after(() => session.close());

  it('analyses a file on a network share or with an encoded slash as it is open', async () => {
    for (const uri of ['file://fileserver/share/x.yaml', 'file:///ws/a%2Fb.yaml']) {
      assert.deepEqual(codes(await session.open(uri, POLICY)), ['unknown-field'], uri);
    }
    // And analysis of everything else goes on.
    assert.deepEqual(codes(await session.open('file:///ws/other.yaml', POLICY)), ['unknown-field']);
    await session.client.sendNotification('textDocument/didClose', {
      textDocument: { uri: 'file://fileserver/share/x.yaml' },
    });
    assert.deepEqual(await session.diagnostics('file://fileserver/share/x.yaml'), []);
  });
});

const isFixed = (diagnostics: Diagnostic[]) => !codes(diagnostics).includes('unknown-field');
const FIXED = POLICY.replace('polcyTypes', 'policyTypes');

describe('language server: the editor and the disk race', () => {
  const folder = path.join(path.sep, 'ws-races');
  const file = path.join(folder, 'policy.yaml');
  const uri = pathToFileURL(file).toString();
  let files: FakeFiles;
  let session: Session;
  before(async () => {
    files = createFakeFiles({ [file]: POLICY });
    session = await startSession(folder, { runtime: files.runtime });
    await session.published(uri);
  });
  after(() => session.close());

  /** Resolves once everything the server did before now has been published. */
  async function settled(): Promise<void> {
    await session.open(`untitled:sentinel-${Math.random()}`, '');
  }

  const open = (text: string, version: number) =>
    session.client.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version, text },
    });
  const close = () =>
    session.client.sendNotification('textDocument/didClose', { textDocument: { uri } });
  const changed = (type: number) =>
    session.client.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri, type }],
    });

  it('keeps the unsaved text of a document closed and opened again at once', async () => {
    assert.equal(isFixed(await session.open(uri, FIXED)), true);
    files.hold(true);
    // The close starts a read of the saved text; the reopen comes before it is done.
    const reopened = session.diagnostics(uri, (_d, version) => version === 2);
    await close();
    await open(FIXED, 2);
    await files.waiting(1);
    assert.equal(isFixed(await reopened), true);
    files.release();
    files.hold(false);
    await settled();
    assert.equal(session.latest(uri)?.version, 2);
    assert.equal(isFixed(session.latest(uri)!.diagnostics), true);
    await close();
    await session.published(uri, (d, version) => version === 0 && !isFixed(d));
  });

  it('keeps a document opened while a watched change is read', async () => {
    files.hold(true);
    await changed(FileChangeType.Changed);
    await files.waiting(1);
    await open(FIXED, 3);
    files.release();
    files.hold(false);
    await settled();
    assert.equal(session.latest(uri)?.version, 3);
    assert.equal(isFixed(session.latest(uri)!.diagnostics), true);
    await close();
    await session.published(uri, (d, version) => version === 0 && !isFixed(d));
  });

  it('keeps the newer of two reads of a file changed twice', async () => {
    files.hold(true);
    await changed(FileChangeType.Changed);
    await files.waiting(1);
    files.write(file, FIXED);
    await changed(FileChangeType.Changed);
    await files.waiting(2);
    // The newer read is done first; the older one, done last, must not win.
    const [older, newer] = files.pending;
    files.release(newer);
    files.release(older);
    files.hold(false);
    await session.published(uri, (d, version) => version === 0 && isFixed(d));
    await settled();
    assert.equal(isFixed(session.latest(uri)!.diagnostics), true);
  });
});

describe('language server: documents opened and closed while the folder loads', () => {
  const folder = path.join(path.sep, 'ws-ghosts');
  const big = path.join(folder, 'big.yaml');
  const ghost = pathToFileURL(path.join(folder, 'ghost.yaml')).toString();
  const untitled = 'untitled:ghost';
  let files: FakeFiles;
  let session: Session;
  before(async () => {
    files = createFakeFiles({ [big]: POLICY });
    files.hold(true);
    session = await startSession(folder, { runtime: files.runtime });
  });
  after(() => session.close());

  it('get their empty diagnostics once closed', async () => {
    await files.waiting(1);
    for (const each of [ghost, untitled]) {
      assert.equal(isFixed(await session.open(each, POLICY)), false);
      await session.client.sendNotification('textDocument/didClose', {
        textDocument: { uri: each },
      });
    }
    // The closed file is read from disk (it is not there); then the big file arrives.
    await files.waiting(2);
    files.release(files.pending.find((read) => read.file !== big));
    files.hold(false);
    files.release();
    await session.published(pathToFileURL(big).toString(), (d) => !isFixed(d));
    await session.open('untitled:sentinel', '');
    assert.deepEqual(session.latest(ghost)?.diagnostics, []);
    assert.deepEqual(session.latest(untitled)?.diagnostics, []);
  });
});

const WORLD = `apiVersion: v1
kind: Pod
metadata: { name: client, namespace: shop, labels: { app: client } }
status: { podIP: 10.8.0.10 }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: server-from-cidr, namespace: shop }
spec:
  podSelector: { matchLabels: { app: server } }
  ingress: [{ from: [{ ipBlock: { cidr: 10.8.0.0/24 } }] }]
`;

const SERVER_POD = `apiVersion: v1
kind: Pod
metadata: { name: server, namespace: shop, labels: { app: server } }
`;

const FLOWS = `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: f }
spec:
  flows:
    - { from: shop/client, to: shop/server, port: 80 }
`;

describe('language server: settings it cannot use', () => {
  const folder = path.join(path.sep, 'ws-settings');
  const flows = pathToFileURL(path.join(folder, 'flows.yaml')).toString();
  const vendor = pathToFileURL(path.join(folder, 'vendor', 'bad.yaml')).toString();
  const verdict = (diagnostics: Diagnostic[]) =>
    diagnostics.find((diagnostic) => diagnostic.code === 'flow-verdict')?.message ?? '';
  let files: FakeFiles;
  let session: Session;
  before(async () => {
    files = createFakeFiles({
      [path.join(folder, 'world.yaml')]: WORLD,
      [path.join(folder, 'server.yaml')]: SERVER_POD,
      [path.join(folder, 'flows.yaml')]: FLOWS,
      [path.join(folder, 'vendor', 'bad.yaml')]: POLICY,
    });
    // What VS Code's settings editor leaves after "Add Item".
    session = await startSession(folder, {
      runtime: files.runtime,
      settings: { exclude: ['**/node_modules/**', ''] },
    });
  });
  after(() => session.close());

  it('leaves out an empty glob, says so, and loads the folder', { timeout: 20_000 }, async () => {
    // Both pods are known: the flow is evaluated, under GKE's profile denied.
    assert.match(verdict(await session.published(flows, (d) => verdict(d) !== '')), /^deny/);
    assert.equal(isFixed(await session.published(vendor)), false);
    const [warning] = session.messages;
    assert.equal(warning?.type, MessageType.Warning);
    assert.match(warning.message, /""/);
  });

  it('applies values and file filter of a change together', { timeout: 20_000 }, async () => {
    const both = Promise.all([
      session.diagnostics(flows, (d) => /^allow/.test(verdict(d))),
      session.diagnostics(vendor, (d) => d.length === 0),
    ]);
    await session.configure({ dataplane: 'kubernetes', exclude: ['vendor/**', ''] });
    await both;
  });

  it('reads the folder again', { timeout: 20_000 }, async () => {
    // A change the watcher did not report: the server sees it when the settings change. The
    // server pod no longer matches the policy, so under GKE's profile too the flow is allowed.
    files.write(path.join(folder, 'server.yaml'), SERVER_POD.replace('app: server', 'app: other'));
    const allowed = session.diagnostics(flows, (d) => /^allow/.test(verdict(d)));
    await session.configure({ exclude: ['vendor/**'] });
    await allowed;
  });
});
