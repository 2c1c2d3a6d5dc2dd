import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './run-cli';

describe('netpol-lens check on hostile input (issue 15)', () => {
  let work: string;
  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'netpol-hostile-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('refuses a document of a million entries with one warning', () => {
    const file = path.join(work, 'million.yaml');
    writeFileSync(file, 'a: b\n'.repeat(999_999));
    const run = runCli('check', file, '--format', 'json');
    assert.equal(run.status, 0, run.stderr);
    const { problems } = JSON.parse(run.stdout) as { problems: { code: string }[] };
    assert.deepEqual(
      problems.map((problem) => problem.code),
      ['document-too-large'],
    );
  });

  it('prints at most 500 problems of a file, then counts the rest, and still fails', () => {
    const file = path.join(work, 'duplicates.yaml');
    writeFileSync(file, 'a: b\n'.repeat(2000));
    const run = runCli('check', file, '--format', 'json');
    assert.equal(run.status, 1, run.stderr);
    const { problems } = JSON.parse(run.stdout) as { problems: { code: string }[] };
    assert.equal(problems.length, 501);
    assert.equal(problems.filter((problem) => problem.code === 'too-many-problems').length, 1);
  });
});
