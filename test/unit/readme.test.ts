import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../server/src/engine';

const README = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
const MANIFEST = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'),
) as {
  contributes: { configuration: { properties: Record<string, unknown> } };
};

describe('README', () => {
  it('lists every problem code the engine reports', () => {
    const missing = ALL_RULES.filter((rule) => !README.includes(`| \`${rule.code}\` |`));
    assert.deepEqual(
      missing.map((rule) => rule.code),
      [],
    );
  });

  it('documents every setting the extension contributes', () => {
    const settings = Object.keys(MANIFEST.contributes.configuration.properties).filter(
      (name) => name !== 'netpol.trace.server',
    );
    const missing = settings.filter((name) => !README.includes(`| \`${name}\` |`));
    assert.deepEqual(missing, []);
  });
});
