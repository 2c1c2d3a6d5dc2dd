import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, policy, spanOf } from './helpers';

void describe('peers', () => {
  void it('reports a peer that sets no field', () => {
    const text = policy('  podSelector: {}\n  ingress:\n    - from:\n        - {}\n');
    assert.deepEqual(check(text), [{ code: 'empty-peer', span: spanOf(text, '{}', 1) }]);
  });

  void it('accepts an empty from list, which allows every source', () => {
    assert.deepEqual(check(policy('  podSelector: {}\n  ingress:\n    - from: []\n')), []);
  });

  void it('reports a peer with only a misspelt field as the unknown field alone', () => {
    const text = policy('  podSelector: {}\n  ingress:\n    - from:\n        - podselector: {}\n');
    assert.deepEqual(check(text), [{ code: 'unknown-field', span: spanOf(text, 'podselector') }]);
  });

  void it('reports ipBlock combined with a selector, on the ipBlock key', () => {
    const text = policy(
      '  podSelector: {}\n  egress:\n    - to:\n        - ipBlock: {cidr: 10.0.0.0/8}\n          namespaceSelector: {}\n',
    );
    assert.deepEqual(check(text), [
      { code: 'ip-block-with-selector', span: spanOf(text, 'ipBlock') },
    ]);
  });

  void it('accepts ipBlock and a selector in separate peers', () => {
    const text = policy(
      '  podSelector: {}\n  egress:\n    - to:\n        - ipBlock: {cidr: 10.0.0.0/8}\n        - namespaceSelector: {}\n',
    );
    assert.deepEqual(check(text), []);
  });
});

void describe('policyTypes', () => {
  void it('warns about a repeated entry, on the repeat', () => {
    const text = policy('  podSelector: {}\n  policyTypes: [Egress, Egress]\n');
    assert.deepEqual(check(text), [
      { code: 'duplicate-policy-type', span: spanOf(text, 'Egress', 1) },
    ]);
  });

  void it('warns when ingress rules exist but policyTypes leaves Ingress out', () => {
    const text = policy('  podSelector: {}\n  policyTypes: [Egress]\n  ingress:\n    - {}\n');
    assert.deepEqual(check(text), [
      { code: 'policy-types-omits-direction', span: spanOf(text, 'ingress') },
    ]);
  });

  void it('warns when egress rules exist but policyTypes leaves Egress out', () => {
    const text = policy('  podSelector: {}\n  policyTypes: [Ingress]\n  egress:\n    - to: []\n');
    assert.deepEqual(check(text), [
      { code: 'policy-types-omits-direction', span: spanOf(text, 'egress') },
    ]);
  });

  void it('does not warn when policyTypes is absent or empty (it is defaulted), or rules are empty', () => {
    assert.deepEqual(check(policy('  podSelector: {}\n  egress:\n    - {}\n')), []);
    assert.deepEqual(
      check(policy('  podSelector: {}\n  policyTypes: []\n  egress:\n    - {}\n')),
      [],
    );
    assert.deepEqual(
      check(policy('  podSelector: {}\n  policyTypes: [Egress]\n  ingress: []\n')),
      [],
    );
  });

  void it('does not warn about directions when a policyTypes entry is itself invalid', () => {
    const text = policy('  podSelector: {}\n  policyTypes: [egress]\n  ingress:\n    - {}\n');
    assert.deepEqual(check(text), [{ code: 'invalid-value', span: spanOf(text, 'egress') }]);
  });
});
