import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, problemsOf, spanIn, spanOf } from './helpers';

function flows(items: string): string {
  return `apiVersion: netpol-lens.dev/v1alpha1\nkind: SampleFlows\nmetadata:\n  name: shop\nspec:\n  flows:\n${items}`;
}

void describe('SampleFlows', () => {
  void it('accepts the documented shape, with a numeric or named port', () => {
    const text = flows(
      '    - name: web to api\n      from: shop/web\n      to: shop/api\n      port: 8080\n      protocol: TCP\n      expect: allow\n      expectLogged: true\n    - {from: shop/web, to: 10.0.0.1, port: http}\n',
    );
    assert.deepEqual(check(text), []);
  });

  void it('reports missing from, on the first key of the flow', () => {
    const text = flows('    - to: shop/api\n      port: 80\n');
    assert.deepEqual(check(text), [{ code: 'missing-field', span: spanOf(text, 'to') }]);
  });

  void it('reports a port out of range as out-of-range only', () => {
    const text = flows('    - {from: a/b, to: c/d, port: 0}\n');
    assert.deepEqual(check(text), [{ code: 'out-of-range', span: spanIn(text, 'port: 0', '0') }]);
  });

  void it('reports a bad expect value and protocol', () => {
    const text = flows('    - {from: a/b, to: c/d, port: 80, expect: allowed, protocol: ICMP}\n');
    assert.deepEqual(check(text), [
      { code: 'invalid-value', span: spanOf(text, 'allowed') },
      { code: 'invalid-value', span: spanOf(text, 'ICMP') },
    ]);
  });

  void it('reports flows given as a map, once', () => {
    const text = flows('    web: {from: a/b, to: c/d, port: 80}\n');
    assert.deepEqual(check(text), [
      { code: 'wrong-type', span: spanOf(text, 'web: {from: a/b, to: c/d, port: 80}\n') },
    ]);
  });

  void it('warns about a repeated flow name, pointing at the first', () => {
    const text = flows(
      '    - {name: x, from: a/b, to: c/d, port: 80}\n    - {name: x, from: a/b, to: c/d, port: 81}\n',
    );
    const [problem] = problemsOf(text);
    assert.deepEqual(
      {
        code: problem?.code,
        span: problem?.span,
        related: problem?.related?.map((related) => related.span),
      },
      { code: 'duplicate-flow-name', span: spanOf(text, 'x', 1), related: [spanOf(text, 'x')] },
    );
  });

  void it('warns about the same flow twice, treating a missing protocol as TCP', () => {
    const text = flows(
      '    - {from: a/b, to: c/d, port: 80}\n    - {from: a/b, to: c/d, port: 80, protocol: TCP}\n',
    );
    assert.deepEqual(check(text), [{ code: 'duplicate-flow', span: spanOf(text, 'from', 1) }]);
  });

  void it('does not call flows that differ in protocol or port duplicates', () => {
    const text = flows(
      '    - {from: a/b, to: c/d, port: 80}\n    - {from: a/b, to: c/d, port: 80, protocol: UDP}\n    - {from: a/b, to: c/d, port: "80"}\n',
    );
    assert.deepEqual(check(text), []);
  });
});
