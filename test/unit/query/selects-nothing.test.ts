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

describe('selects-nothing across namespaces', () => {
  const policyIn = (namespace: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: from-web, namespace: ${namespace} }
spec:
  podSelector: { matchLabels: { app: db } }
  ingress:
    - from:
        - podSelector: { matchLabels: { app: web } }
`;
  const world = ['alpha', 'beta']
    .map(
      (namespace) => `apiVersion: v1
kind: Pod
metadata: { name: db, namespace: ${namespace}, labels: { app: db } }
`,
    )
    .concat(
      `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: alpha, labels: { app: web } }
`,
    )
    .join('---\n');

  it('answers the same selectors in each policy’s own namespace', () => {
    const analysis = analyze({
      'file:///world.yaml': world,
      'file:///alpha.yaml': policyIn('alpha'),
      'file:///beta.yaml': policyIn('beta'),
    });
    assert.equal(warnings(analysis.problems.get('file:///alpha.yaml')).length, 0);
    // In beta, no pod is labelled app=web: the same peer matches nothing there.
    assert.equal(warnings(analysis.problems.get('file:///beta.yaml')).length, 1);
  });
});
