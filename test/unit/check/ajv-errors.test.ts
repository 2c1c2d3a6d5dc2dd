import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorObject } from 'ajv';
import { toReports } from '../../../server/src/engine/check/ajv-to-problem';
import { toPath } from '../../../server/src/engine/check/error-filter';
import { check, policy, spanOf } from './helpers';

const OPTIONS = { kind: 'NetworkPolicy', unknownFieldSeverity: 'error' } as const;

function ajvError(
  keyword: string,
  instancePath: string,
  params: Record<string, unknown>,
): ErrorObject {
  return {
    keyword,
    instancePath,
    schemaPath: `#/x/${keyword}`,
    params,
    message: 'must NOT have fewer than 1 items',
  };
}

void describe('ajv errors', () => {
  void it('turns JSON pointers into paths, unescaping ~1 and ~0, with numbers for list indexes', () => {
    const data = { metadata: { labels: { 'a/b~c': 'x' } }, spec: { ingress: [{ from: [] }] } };
    assert.deepEqual(toPath('/metadata/labels/a~1b~0c', data), ['metadata', 'labels', 'a/b~c']);
    assert.deepEqual(toPath('/spec/ingress/0/from', data), ['spec', 'ingress', 0, 'from']);
    assert.deepEqual(toPath('', data), []);
  });

  void it('places a problem under a key with "/" on its value', () => {
    const text = policy('  podSelector:\n    matchLabels:\n      example.com/tier: 3\n');
    assert.deepEqual(check(text), [{ code: 'wrong-type', span: spanOf(text, '3') }]);
  });

  void it('reports keywords it has no words for as schema-violation', () => {
    const reports = toReports(
      [ajvError('minItems', '/spec/ingress', { limit: 1 })],
      { spec: { ingress: [] } },
      OPTIONS,
    );
    assert.deepEqual(
      reports.map(({ code, target }) => ({ code, target })),
      [{ code: 'schema-violation', target: { path: ['spec', 'ingress'], part: 'value' } }],
    );
  });

  void it('reports nothing for no errors', () => {
    assert.deepEqual(toReports([], {}, OPTIONS), []);
  });
});
