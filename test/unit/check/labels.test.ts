import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, policy, spanOf } from './helpers';

void describe('names', () => {
  void it('accepts DNS-1123 names and namespaces', () => {
    assert.deepEqual(
      check(policy('  podSelector: {}\n', '  name: allow.web-1\n  namespace: shop-2\n')),
      [],
    );
  });

  void it('reports a name that is not a DNS-1123 subdomain', () => {
    const text = policy('  podSelector: {}\n', '  name: Allow_Web\n');
    assert.deepEqual(check(text), [{ code: 'invalid-name', span: spanOf(text, 'Allow_Web') }]);
  });

  void it('reports a namespace that is not a DNS-1123 label', () => {
    const dotted = policy('  podSelector: {}\n', '  name: a\n  namespace: shop.prod\n');
    assert.deepEqual(check(dotted), [
      { code: 'invalid-namespace', span: spanOf(dotted, 'shop.prod') },
    ]);
    const long = 'n'.repeat(64);
    const tooLong = policy('  podSelector: {}\n', `  name: a\n  namespace: ${long}\n`);
    assert.deepEqual(check(tooLong), [{ code: 'invalid-namespace', span: spanOf(tooLong, long) }]);
  });
});

void describe('labels', () => {
  void it('accepts prefixed keys and empty values', () => {
    const text = policy(
      '  podSelector:\n    matchLabels: {app.kubernetes.io/name: web, tier: ""}\n',
      '  name: a\n  labels: {example.com/team: net_ops.1}\n',
    );
    assert.deepEqual(check(text), []);
  });

  void it('reports invalid label keys in metadata and in matchLabels, on the key', () => {
    const text = policy(
      '  podSelector:\n    matchLabels: {-app: web}\n',
      '  name: a\n  labels: {Example.com/team: x}\n',
    );
    assert.deepEqual(check(text), [
      { code: 'invalid-label-key', span: spanOf(text, 'Example.com/team') },
      { code: 'invalid-label-key', span: spanOf(text, '-app') },
    ]);
  });

  void it('reports label names longer than 63 characters and empty prefixes', () => {
    const long = 'k'.repeat(64);
    const text = policy(`  podSelector:\n    matchLabels: {${long}: a, /x: b}\n`);
    assert.deepEqual(check(text), [
      { code: 'invalid-label-key', span: spanOf(text, long) },
      { code: 'invalid-label-key', span: spanOf(text, '/x') },
    ]);
  });

  void it('reports invalid label values, in matchLabels and in expression values', () => {
    const text = policy(
      '  podSelector:\n    matchLabels: {app: web!}\n    matchExpressions:\n      - {key: tier, operator: In, values: [front, -back]}\n',
    );
    assert.deepEqual(check(text), [
      { code: 'invalid-label-value', span: spanOf(text, 'web!') },
      { code: 'invalid-label-value', span: spanOf(text, '-back') },
    ]);
  });

  void it('reports an invalid expression key on its value', () => {
    const text = policy(
      '  podSelector:\n    matchExpressions:\n      - {key: "a b", operator: Exists}\n',
    );
    assert.deepEqual(check(text), [{ code: 'invalid-label-key', span: spanOf(text, '"a b"') }]);
  });

  void it('reports invalid annotation keys', () => {
    const text = policy(
      '  podSelector: {}\n',
      '  name: a\n  annotations: {"bad key": x, example.com/ok: y}\n',
    );
    assert.deepEqual(check(text), [
      { code: 'invalid-annotation-key', span: spanOf(text, '"bad key"') },
    ]);
  });
});

void describe('selector operators', () => {
  void it('reports In without values, on the operator', () => {
    const text = policy(
      '  podSelector:\n    matchExpressions:\n      - {key: tier, operator: In}\n',
    );
    assert.deepEqual(check(text), [{ code: 'selector-values-required', span: spanOf(text, 'In') }]);
  });

  void it('reports NotIn with an empty list, on the values key', () => {
    const text = policy(
      '  podSelector:\n    matchExpressions:\n      - {key: tier, operator: NotIn, values: []}\n',
    );
    assert.deepEqual(check(text), [
      { code: 'selector-values-required', span: spanOf(text, 'values') },
    ]);
  });

  void it('reports Exists or DoesNotExist with values, on the values key', () => {
    const text = policy(
      '  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchExpressions:\n              - {key: env, operator: DoesNotExist, values: [prod]}\n',
    );
    assert.deepEqual(check(text), [
      { code: 'selector-values-forbidden', span: spanOf(text, 'values') },
    ]);
  });

  void it('accepts consistent operators and values', () => {
    const text = policy(
      '  podSelector:\n    matchExpressions:\n      - {key: a, operator: In, values: [x]}\n      - {key: b, operator: Exists}\n      - {key: c, operator: DoesNotExist, values: []}\n',
    );
    assert.deepEqual(check(text), []);
  });

  void it('reports a null values list with In once, as no values', () => {
    const text = policy(
      '  podSelector:\n    matchExpressions:\n      - key: a\n        operator: In\n        values:\n',
    );
    assert.deepEqual(check(text), [{ code: 'selector-values-required', span: spanOf(text, 'In') }]);
  });
});
