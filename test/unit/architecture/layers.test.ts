import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';
import { ENGINE, engineFiles } from './engine-files';

// The stages in the order data flows through them: a module may import its own stage and the
// ones before it, never one after. docs/architecture.md says why each sits where it does.
const LAYERS = [
  'core',
  'parse',
  'check',
  'model',
  'world',
  'flows',
  'evaluate',
  'logs',
  'present',
  'workspace-checks',
  'matrix',
  'analysis',
  'incremental',
  'ide',
  '(facade)',
];

function layerOf(path: string): string {
  const inside = relative(ENGINE, path);
  return inside.includes('/') ? inside.split('/')[0]! : '(facade)';
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/from '(\.[^']*)'/g)]
    .map((match) => normalize(join(dirname(path), match[1]!)))
    .map((target) => (isFolder(target) ? join(target, 'index') : target))
    .filter((target) => !relative(ENGINE, target).startsWith('..'));
}

describe('the engine layout', () => {
  const files = engineFiles();

  it('knows the layer of every engine folder', () => {
    const unknown = [...new Set(files.map(layerOf))].filter((layer) => !LAYERS.includes(layer));
    assert.deepEqual(unknown, []);
  });

  it('imports only from its own stage and the stages before it', () => {
    const backwards = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => LAYERS.indexOf(layerOf(target)) > LAYERS.indexOf(layerOf(file)))
        .map((target) => `${relative(ENGINE, file)} -> ${relative(ENGINE, target)}`),
    );
    assert.deepEqual(backwards, []);
  });

  it('keeps every earlier version out of the stages: only incremental/ takes a previous one', () => {
    const taking = files
      .filter((file) => !['incremental', '(facade)'].includes(layerOf(file)))
      .filter((file) => /\bprevious\??: /.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ENGINE, file));
    assert.deepEqual(taking, []);
  });

  it('makes problems only in parse/, check/ and workspace-checks/ (and core/, which counts the rest)', () => {
    // A problem written out: a literal severity followed by the message it carries.
    const literal = /severity: '(?:error|warning|information|hint)',\s*message/;
    const making = files
      .filter((file) => !['core', 'parse', 'check', 'workspace-checks'].includes(layerOf(file)))
      .filter((file) => literal.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ENGINE, file));
    assert.deepEqual(making, []);
  });
});
