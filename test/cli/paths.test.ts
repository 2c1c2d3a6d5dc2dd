import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './run-cli';

// A policy with one error (an unknown field), so that a run shows whether it was checked.
const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p, namespace: shop }
spec:
  podSelector: {}
  ingres: []
`;

interface CheckJson {
  problems: { file: string; code: string }[];
}

function codes(stdout: string): string[] {
  return (JSON.parse(stdout) as CheckJson).problems.map((problem) => problem.code);
}

describe('netpol-lens check: what a path is (issue 15)', () => {
  let work: string;
  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'netpol-paths-'));
  });
  after(() => {
    chmodSync(path.join(work, 'locked', 'secret'), 0o755);
    rmSync(work, { recursive: true, force: true });
  });

  it('refuses a named pipe instead of waiting for a writer', () => {
    const fifo = path.join(work, 'a.yaml');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const run = runCli('check', fifo);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /named pipe/);
    const simulate = runCli('simulate', fifo, '--from', 'a/b', '--to', 'a/c', '--port', '80');
    assert.equal(simulate.status, 2);
    rmSync(fifo);
  });

  it('passes over a named pipe in a folder and checks the rest', () => {
    const folder = path.join(work, 'with-pipe');
    mkdirSync(folder);
    assert.equal(spawnSync('mkfifo', [path.join(folder, 'pipe.yaml')]).status, 0);
    writeFileSync(path.join(folder, 'policy.yaml'), POLICY);
    const run = runCli('check', folder, '--format', 'json');
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(codes(run.stdout), ['unknown-field']);
  });

  it('refuses a device instead of reading it without end', () => {
    const run = runCli('check', '/dev/zero');
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'netpol-lens: Cannot read /dev/zero: it is a device, not a file.\n');
  });

  it('reports a file over the size limit without reading it', () => {
    const file = path.join(work, 'huge.yaml');
    const descriptor = openSync(file, 'w');
    ftruncateSync(descriptor, 600_000_000);
    closeSync(descriptor);
    const run = runCli('check', file, '--format', 'json');
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(codes(run.stdout), ['file-too-large']);
    rmSync(file);
  });

  it('follows a symbolic link to a policy in a folder, once, past link loops', () => {
    const real = path.join(work, 'real');
    const links = path.join(work, 'links');
    mkdirSync(real);
    mkdirSync(links);
    writeFileSync(path.join(real, 'policy.yaml'), POLICY);
    symlinkSync(path.join(real, 'policy.yaml'), path.join(links, 'policy.yaml'));
    symlinkSync(links, path.join(links, 'up'));
    symlinkSync(path.join(links, 'loop.yaml'), path.join(links, 'loop.yaml'));
    const run = runCli('check', links, '--format', 'json');
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(codes(run.stdout), ['unknown-field']);
    assert.match(run.stderr, /skipping .*loop\.yaml: too many symbolic links/);
  });

  it('says why a given path cannot be read', () => {
    const loop = path.join(work, 'self.yaml');
    symlinkSync(loop, loop);
    const looped = runCli('check', loop);
    assert.equal(looped.status, 2);
    assert.match(looped.stderr, /too many symbolic links/);
    const missing = runCli('check', path.join(work, 'missing.yaml'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file or folder/);
  });

  it('refuses an empty path instead of checking the current folder', () => {
    const run = runCli('check', '');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /empty path/);
  });

  it('skips a folder it may not read, with a warning, and checks the rest', () => {
    const locked = path.join(work, 'locked');
    mkdirSync(path.join(locked, 'secret'), { recursive: true });
    writeFileSync(path.join(locked, 'secret', 'hidden.yaml'), POLICY);
    writeFileSync(path.join(locked, 'policy.yaml'), POLICY);
    chmodSync(path.join(locked, 'secret'), 0);
    const run = runCli('check', locked, '--format', 'json');
    assert.equal(run.status, 1, run.stderr);
    // Root reads any folder; anyone else is refused this one.
    if (canRead(path.join(locked, 'secret'))) {
      // Both copies of the policy are read, so each also warns that the other exists.
      assert.deepEqual(codes(run.stdout), [
        'duplicate-object',
        'unknown-field',
        'duplicate-object',
        'unknown-field',
      ]);
    } else {
      assert.deepEqual(codes(run.stdout), ['unknown-field']);
      assert.match(run.stderr, /skipping .*secret: permission denied/);
    }
  });
});

function canRead(folder: string): boolean {
  try {
    accessSync(folder, constants.R_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
