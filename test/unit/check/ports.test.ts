import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, policy, spanIn, spanOf } from './helpers';

function withPorts(ports: string): string {
  return policy(`  podSelector: {}\n  ingress:\n    - ports:\n${ports}`);
}

void describe('ports', () => {
  void it('accepts a number or a name for port (int-or-string)', () => {
    assert.deepEqual(check(withPorts('        - port: 443\n        - port: https\n')), []);
  });

  void it('reports a port that is neither a number nor a string, once', () => {
    const text = withPorts('        - port: [443]\n');
    assert.deepEqual(check(text), [{ code: 'wrong-type', span: spanOf(text, '[443]') }]);
  });

  void it('reports a fractional port once', () => {
    const text = withPorts('        - port: 80.5\n');
    assert.deepEqual(check(text), [{ code: 'wrong-type', span: spanOf(text, '80.5') }]);
  });

  void it('reports port numbers outside 1-65535', () => {
    const text = withPorts('        - port: 0\n        - port: 65536\n');
    assert.deepEqual(check(text), [
      { code: 'invalid-port', span: spanIn(text, 'port: 0\n', '0') },
      { code: 'invalid-port', span: spanOf(text, '65536') },
    ]);
  });

  void it('reports a named port that is not an IANA service name', () => {
    const text = withPorts(
      '        - port: "8080"\n        - port: Http\n        - port: web--api\n        - port: a-very-long-port-name\n',
    );
    assert.deepEqual(
      check(text).map((problem) => problem.code),
      ['invalid-port-name', 'invalid-port-name', 'invalid-port-name', 'invalid-port-name'],
    );
    assert.deepEqual(check(text)[0], { code: 'invalid-port-name', span: spanOf(text, '"8080"') });
  });

  void it('reports endPort without a numeric port, on the endPort key', () => {
    const named = withPorts('        - port: http\n          endPort: 90\n');
    assert.deepEqual(check(named), [
      { code: 'end-port-without-numeric-port', span: spanOf(named, 'endPort') },
    ]);
    const missing = withPorts('        - endPort: 90\n');
    assert.deepEqual(check(missing), [
      { code: 'end-port-without-numeric-port', span: spanOf(missing, 'endPort') },
    ]);
  });

  void it('reports endPort below port', () => {
    const text = withPorts('        - port: 9000\n          endPort: 8000\n');
    assert.deepEqual(check(text), [{ code: 'end-port-before-port', span: spanOf(text, '8000') }]);
  });

  void it('reports endPort above 65535 once', () => {
    const text = withPorts('        - port: 9000\n          endPort: 70000\n');
    assert.deepEqual(check(text), [{ code: 'invalid-port', span: spanOf(text, '70000') }]);
  });

  void it('reports endPort beyond int32 as a format problem only', () => {
    const text = withPorts('        - port: 9000\n          endPort: 3000000000\n');
    assert.deepEqual(check(text), [{ code: 'invalid-format', span: spanOf(text, '3000000000') }]);
  });

  void it('warns that a valid endPort may not be enforced on Dataplane V2', () => {
    const text = withPorts('        - port: 9000\n          endPort: 9100\n');
    assert.deepEqual(check(text), [
      { code: 'dataplane-v2-end-port', span: spanOf(text, 'endPort') },
    ]);
  });

  void it('warns about SCTP and accepts TCP and UDP', () => {
    const text = withPorts(
      '        - protocol: SCTP\n        - protocol: UDP\n        - protocol: TCP\n',
    );
    assert.deepEqual(check(text), [{ code: 'dataplane-v2-sctp', span: spanOf(text, 'SCTP') }]);
  });

  void it('suggests the right case for a protocol', () => {
    const text = withPorts('        - protocol: udp\n');
    assert.deepEqual(check(text), [{ code: 'invalid-value', span: spanOf(text, 'udp') }]);
  });
});
