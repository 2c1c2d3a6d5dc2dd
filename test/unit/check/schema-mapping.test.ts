import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, policy, problemsOf, spanOf } from './helpers';

void describe('schema problems', () => {
  void it('reports a misspelt field on its key, suggesting the nearest name', () => {
    const text = policy(
      '  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelecter: {}\n',
    );
    assert.deepEqual(check(text), [
      { code: 'unknown-field', span: spanOf(text, 'namespaceSelecter') },
    ]);
  });

  void it('suggests the nearest field name in the message', () => {
    const text = policy(
      '  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelecter: {}\n',
    );
    assert.match(problemsOf(text)[0]?.message ?? '', /"namespaceSelector"/);
  });

  void it('reports unknown metadata fields', () => {
    const text = policy('  podSelector: {}\n', '  name: web\n  labelz: {}\n');
    assert.deepEqual(check(text), [{ code: 'unknown-field', span: spanOf(text, 'labelz') }]);
  });

  void it('reports a missing required field on the parent key', () => {
    const text = policy('  ingress: []\n');
    assert.deepEqual(check(text), [{ code: 'missing-field', span: spanOf(text, 'spec') }]);
  });

  void it('reports a missing field of a list item on its first key, in one problem', () => {
    const text = policy('  podSelector:\n    matchExpressions:\n      - values: [a]\n');
    assert.deepEqual(check(text), [{ code: 'missing-field', span: spanOf(text, 'values') }]);
  });

  void it('reports a missing top-level field on kind', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: a\n';
    assert.deepEqual(check(text), [{ code: 'missing-field', span: spanOf(text, 'kind') }]);
  });

  void it('reports a string where a list belongs exactly once, on the value', () => {
    const text = policy('  podSelector: {}\n  ingress: "everything"\n');
    assert.deepEqual(check(text), [{ code: 'wrong-type', span: spanOf(text, '"everything"') }]);
  });

  void it('does not report the children of a value of the wrong type', () => {
    const text = policy('  podSelector: {}\n  ingress:\n    from: [{namespaceSelecter: {}}]\n');
    assert.deepEqual(check(text), [
      { code: 'wrong-type', span: spanOf(text, 'from: [{namespaceSelecter: {}}]\n') },
    ]);
  });

  void it('reads a null spec as the API server does: an empty podSelector, no error', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec: null\n';
    assert.deepEqual(check(text), []);
  });

  void it('reports a spec that is not a map once', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec: 3\n';
    assert.deepEqual(check(text), [{ code: 'wrong-type', span: spanOf(text, '3') }]);
  });

  void it('reports an unquoted number as a label value', () => {
    const text = policy('  podSelector:\n    matchLabels:\n      tier: 3\n');
    assert.deepEqual(check(text), [{ code: 'wrong-type', span: spanOf(text, '3') }]);
  });

  void it('reports a value outside an enum, once', () => {
    const text = policy('  podSelector: {}\n  policyTypes: [ingress]\n');
    assert.deepEqual(check(text), [{ code: 'invalid-value', span: spanOf(text, 'ingress') }]);
  });

  void it('reports a number of the wrong type for an enum as a type error only', () => {
    const text = policy('  podSelector: {}\n  ingress:\n    - ports:\n        - protocol: 6\n');
    assert.deepEqual(check(text), [{ code: 'wrong-type', span: spanOf(text, '6') }]);
  });

  void it('reports more than two policyTypes', () => {
    const text = policy('  podSelector: {}\n  policyTypes: [Ingress, Egress, Egress]\n');
    assert.deepEqual(check(text), [
      { code: 'too-many-items', span: spanOf(text, '[Ingress, Egress, Egress]') },
      { code: 'duplicate-policy-type', span: spanOf(text, 'Egress', 1) },
    ]);
  });

  void it("reports a malformed timestamp and accepts kubectl's null one", () => {
    const bad = policy('  podSelector: {}\n', '  name: a\n  creationTimestamp: yesterday\n');
    assert.deepEqual(check(bad), [{ code: 'invalid-format', span: spanOf(bad, 'yesterday') }]);
    assert.deepEqual(
      check(policy('  podSelector: {}\n', '  name: a\n  creationTimestamp: null\n')),
      [],
    );
  });

  void it('accepts a complete, valid policy', () => {
    const text = policy(
      [
        '  podSelector: {matchLabels: {app: web}}',
        '  policyTypes: [Ingress, Egress]',
        '  ingress:',
        '    - from:',
        '        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}',
        '          podSelector: {matchExpressions: [{key: tier, operator: In, values: [front]}]}',
        '        - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}',
        '      ports: [{port: 8080}, {port: http, protocol: TCP}]',
        '  egress:',
        '    - to: [{podSelector: {}}]',
        '',
      ].join('\n'),
    );
    assert.deepEqual(check(text), []);
  });
});
