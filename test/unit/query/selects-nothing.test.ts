import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, POLICY, POLICY_URI, WORLD, WORLD_URI } from './fixture';
import type { Problem } from '../../../server/src/engine';

const warnings = (problems: readonly Problem[] | undefined) =>
  (problems ?? []).filter((problem) => problem.code === 'selects-nothing');

describe('selects-nothing', () => {
  it('warns on the selector key of a peer that matches no pod', () => {
    const analysis = analyze({ [WORLD_URI]: WORLD, [POLICY_URI]: POLICY });
    const found = warnings(analysis.problems.get(POLICY_URI));
    const start = POLICY.lastIndexOf('podSelector');
    assert.deepEqual(
      found.map((problem) => ({ ...problem, message: undefined })),
      [
        {
          code: 'selects-nothing',
          severity: 'warning',
          message: undefined,
          span: { start, end: start + 'podSelector'.length },
        },
      ],
    );
  });

  it('warns on spec.podSelector when the namespace has pods and none match', () => {
    const policy = POLICY.replace('{ app: api }', '{ app: apx }');
    const found = warnings(
      analyze({ [WORLD_URI]: WORLD, [POLICY_URI]: policy }).problems.get(POLICY_URI),
    );
    const start = policy.indexOf('podSelector');
    assert.ok(found.some((problem) => problem.span.start === start));
  });

  it('says nothing in a workspace without pods', () => {
    assert.deepEqual(warnings(analyze({ [POLICY_URI]: POLICY }).problems.get(POLICY_URI)), []);
  });

  it('says nothing about namespaces the workspace does not describe', () => {
    const policy = POLICY.replace('namespace: shop }', 'namespace: elsewhere }').replace(
      '{ team: ops }',
      '{ team: unknown }',
    );
    const found = warnings(
      analyze({ [WORLD_URI]: WORLD, [POLICY_URI]: policy }).problems.get(POLICY_URI),
    );
    assert.deepEqual(found, []);
  });
});
