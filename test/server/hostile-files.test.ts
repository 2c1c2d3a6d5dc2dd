import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startSession } from './harness';
import type { Session } from './harness';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p, namespace: shop }
spec:
  podSelector: {}
  ingres: []
`;

// The link and its target hold one policy under two names, which also warns as a duplicate
// object: beside the point of these tests, so left out.
const codes = (diagnostics: { code?: number | string }[]) =>
  diagnostics.map((diagnostic) => diagnostic.code).filter((code) => code !== 'duplicate-object');

// Real files on disk: a named pipe and a file far over the size limit, read by the server's own
// reader (issue 15).
describe('language server: files that are not what they seem', () => {
  let work: string;
  let elsewhere: string;
  let session: Session;
  before(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'netpol-server-hostile-'));
    writeFileSync(path.join(work, 'policy.yaml'), POLICY);
    const huge = openSync(path.join(work, 'huge.yaml'), 'w');
    ftruncateSync(huge, 600_000_000);
    closeSync(huge);
    // The link's target is outside the folder: the link is the only way to it.
    elsewhere = mkdtempSync(path.join(tmpdir(), 'netpol-server-elsewhere-'));
    writeFileSync(path.join(elsewhere, 'linked.yml'), POLICY);
    symlinkSync(path.join(elsewhere, 'linked.yml'), path.join(work, 'link.yaml'));
    session = await startSession(work);
  });
  after(() => {
    session.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('reports a file over the size limit without reading it', async () => {
    const uri = pathToFileURL(path.join(work, 'huge.yaml')).toString();
    const diagnostics = await session.diagnostics(uri, (list) => list.length > 0);
    assert.deepEqual(codes(diagnostics), ['file-too-large']);
  });

  it('analyses a policy through a symbolic link when the folder loads', async () => {
    const uri = pathToFileURL(path.join(work, 'link.yaml')).toString();
    const diagnostics = await session.diagnostics(uri, (list) => list.length > 0);
    assert.deepEqual(codes(diagnostics), ['unknown-field']);
  });

  it('passes over a named pipe announced by the watcher and goes on analysing', async () => {
    const pipe = path.join(work, 'pipe.yaml');
    assert.equal(spawnSync('mkfifo', [pipe]).status, 0);
    const policy = pathToFileURL(path.join(work, 'policy.yaml')).toString();
    await session.diagnostics(policy, (list) => codes(list).includes('unknown-field'));
    writeFileSync(path.join(work, 'policy.yaml'), POLICY.replace('ingres', 'ingress'));
    const fixed = session.diagnostics(policy, (list) => !codes(list).includes('unknown-field'));
    // Both in one event, the pipe first: the policy's update must not wait behind it.
    await session.client.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: pathToFileURL(pipe).toString(), type: 1 },
        { uri: policy, type: 2 },
      ],
    });
    assert.deepEqual(codes(await fixed), []);
  });
});
