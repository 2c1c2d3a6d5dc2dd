import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, problemsOf, spanIn, spanOf } from './helpers';

function logging(body: string, metadata = '  name: default\n'): string {
  return `apiVersion: networking.gke.io/v1alpha1\nkind: NetworkLogging\nmetadata:\n${metadata}${body}`;
}

void describe('NetworkLogging', () => {
  void it('accepts the documented example', () => {
    const text = logging(
      'spec:\n  cluster:\n    allow: {log: true, delegate: false}\n    deny: {log: true, delegate: true}\n',
    );
    assert.deepEqual(check(text), []);
  });

  void it('reports a name other than default', () => {
    const text = logging('spec: {}\n', '  name: cluster-logging\n');
    assert.deepEqual(check(text), [
      { code: 'network-logging-name', span: spanOf(text, 'cluster-logging') },
    ]);
  });

  void it('warns about a namespace, on its key', () => {
    const text = logging('spec: {}\n', '  name: default\n  namespace: kube-system\n');
    assert.deepEqual(check(text), [
      { code: 'network-logging-namespace', span: spanOf(text, 'namespace') },
    ]);
  });

  void it('reports delegate without log, on the delegate key', () => {
    const off = logging('spec:\n  cluster:\n    allow:\n      log: false\n      delegate: true\n');
    assert.deepEqual(check(off), [{ code: 'delegate-without-log', span: spanOf(off, 'delegate') }]);
    const missing = logging('spec:\n  cluster:\n    deny:\n      delegate: true\n');
    assert.deepEqual(check(missing), [
      { code: 'delegate-without-log', span: spanOf(missing, 'delegate') },
    ]);
  });

  void it('warns, not errs, about fields the CRD would prune', () => {
    const text = logging('spec:\n  cluster:\n    flowAggregationSeconds: 5\n  node: {}\n');
    const problems = problemsOf(text);
    assert.deepEqual(
      problems.map(({ code, severity, span }) => ({ code, severity, span })),
      [
        {
          code: 'unknown-field',
          severity: 'warning',
          span: spanOf(text, 'flowAggregationSeconds'),
        },
        { code: 'unknown-field', severity: 'warning', span: spanOf(text, 'node') },
      ],
    );
  });

  void it('reports quoted booleans as type errors', () => {
    const text = logging('spec:\n  cluster:\n    allow: {log: "true"}\n');
    assert.deepEqual(check(text), [
      { code: 'wrong-type', span: spanIn(text, 'log: "true"', '"true"') },
    ]);
  });

  void it('reports an unknown field in a policy as an error', () => {
    const text =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec:\n  podSelector: {}\n  ingres: []\n';
    assert.equal(problemsOf(text)[0]?.severity, 'error');
  });
});
