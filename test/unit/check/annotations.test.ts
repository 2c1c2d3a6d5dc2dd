import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, policy, spanIn, spanOf } from './helpers';

const ALLOW = 'policy.network.gke.io/enable-logging';
const DENY = 'policy.network.gke.io/enable-deny-logging';

function namespace(annotations: string): string {
  return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations:\n${annotations}`;
}

function annotatedPolicy(annotations: string): string {
  return policy('  podSelector: {}\n', `  name: web\n  annotations:\n${annotations}`);
}

void describe('GKE logging annotations', () => {
  void it('accepts each annotation on its own kind, with "true" or "false"', () => {
    assert.deepEqual(check(annotatedPolicy(`    ${ALLOW}: "true"\n`)), []);
    assert.deepEqual(check(namespace(`    ${DENY}: "false"\n`)), []);
  });

  void it('warns about enable-deny-logging on a NetworkPolicy, on the key', () => {
    const text = annotatedPolicy(`    ${DENY}: "true"\n`);
    assert.deepEqual(check(text), [
      { code: 'logging-annotation-wrong-kind', span: spanOf(text, DENY) },
    ]);
  });

  void it('warns about enable-logging on a Namespace, on the key', () => {
    const text = namespace(`    ${ALLOW}: "true"\n`);
    assert.deepEqual(check(text), [
      { code: 'logging-annotation-wrong-kind', span: spanOf(text, ALLOW) },
    ]);
  });

  void it('warns about values other than "true" and "false", on the value', () => {
    const text = namespace(`    ${DENY}: "True"\n`);
    assert.deepEqual(check(text), [
      { code: 'logging-annotation-value', span: spanOf(text, '"True"') },
    ]);
    const yes = annotatedPolicy(`    ${ALLOW}: "yes"\n`);
    assert.deepEqual(check(yes), [
      { code: 'logging-annotation-value', span: spanOf(yes, '"yes"') },
    ]);
  });

  void it('reports an unquoted boolean once: the schema on a policy, the rule on a Namespace', () => {
    const onPolicy = annotatedPolicy(`    ${ALLOW}: true\n`);
    assert.deepEqual(check(onPolicy), [
      { code: 'wrong-type', span: spanIn(onPolicy, ': true', 'true') },
    ]);
    const onNamespace = namespace(`    ${DENY}: true\n`);
    assert.deepEqual(check(onNamespace), [
      { code: 'logging-annotation-value', span: spanIn(onNamespace, ': true', 'true') },
    ]);
  });

  void it('warns about a misspelt annotation key', () => {
    const typo = 'policy.network.gke.io/enable-loging';
    const text = annotatedPolicy(`    ${typo}: "true"\n`);
    assert.deepEqual(check(text), [{ code: 'logging-annotation-typo', span: spanOf(text, typo) }]);
  });

  void it('ignores unrelated annotations and other kinds', () => {
    assert.deepEqual(check(namespace('    example.com/owner: team-a\n')), []);
    assert.deepEqual(
      check(`apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    ${ALLOW}: "yes"\n`),
      [],
    );
  });
});
