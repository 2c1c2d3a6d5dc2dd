import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findYamlFiles, readFileText, UnreadableFile } from '../../server/src/read-file';
import type { Skipped } from '../../server/src/read-file';

// The one reader of the CLI and the server: a watched-file event for `pipe.yaml` must not wait
// for a writer, and a file must not be read past the limit.
describe('reading a file from disk', () => {
  let work: string;
  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'netpol-read-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('refuses a named pipe without waiting for a writer', async () => {
    const fifo = path.join(work, 'pipe.yaml');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    await assert.rejects(readFileText(fifo), (error: unknown) => {
      assert.ok(error instanceof UnreadableFile);
      assert.match(error.message, /named pipe/);
      return true;
    });
  });

  it('refuses a device and a folder', async () => {
    await assert.rejects(readFileText('/dev/zero'), /a device/);
    await assert.rejects(readFileText(work), /a folder/);
  });

  it('reads a file up to the limit and only tells the size of a larger one', async () => {
    const file = path.join(work, 'ten.yaml');
    writeFileSync(file, 'a: 123456\n');
    assert.deepEqual(await readFileText(file, 10), { text: 'a: 123456\n', invalidEncoding: false });
    assert.deepEqual(await readFileText(file, 9), {
      text: '',
      invalidEncoding: false,
      tooLarge: 10,
    });
  });

  it('reports bytes that are not UTF-8', async () => {
    const file = path.join(work, 'latin1.yaml');
    writeFileSync(file, Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    assert.equal((await readFileText(file)).invalidEncoding, true);
  });

  it('finds YAML files through links, each file and folder once, and reports link loops', async () => {
    const root = path.join(work, 'tree');
    mkdirSync(path.join(root, 'real'), { recursive: true });
    writeFileSync(path.join(root, 'real', 'a.yaml'), 'a: 1\n');
    symlinkSync(path.join(root, 'real', 'a.yaml'), path.join(root, 'link.yaml'));
    symlinkSync(root, path.join(root, 'real', 'up'));
    symlinkSync(path.join(root, 'loop.yaml'), path.join(root, 'loop.yaml'));
    const skipped: Skipped[] = [];
    const found = await findYamlFiles(root, (each) => skipped.push(each));
    // The file and the link to it are one file: the first in name order stands for it.
    assert.deepEqual(found, [path.join(root, 'link.yaml')]);
    assert.deepEqual(
      skipped.map((each) => path.basename(each.path)),
      ['loop.yaml'],
    );
  });
});
