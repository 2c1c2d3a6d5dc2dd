import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { load } from 'js-yaml';
import { parse } from 'yaml';
import { toScalar } from '../../../server/src/engine/ide/yaml-scalar';

// Both parsers the engine uses, and YAML 1.1's booleans, which older tools still apply.
function readsBack(value: string): void {
  const text = `key: ${toScalar(value)}\n`;
  assert.equal((parse(text) as { key: unknown }).key, value, text);
  assert.equal((load(text) as { key: unknown }).key, value, text);
  assert.equal((parse(text, { version: '1.1' }) as { key: unknown }).key, value, text);
}

describe('toScalar', () => {
  it('writes names, labels and references plain', () => {
    for (const value of ['web calls api', 'shop/deployment/api', 'app.kubernetes.io', 'v1.2']) {
      assert.equal(toScalar(value), value);
    }
  });

  it('quotes what YAML would read as another type or cut short', () => {
    for (const value of ['8080', '1e3', 'y', 'No', 'null', '~', '-x', 'a #b', 'a: b', 'end ', '']) {
      assert.equal(toScalar(value), JSON.stringify(value));
      readsBack(value);
    }
  });

  it('always reads back as the same string', () => {
    fc.assert(fc.property(fc.string(), (value) => readsBack(value)));
  });
});
