import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, policy, spanIn, spanOf } from './helpers';

function withIpBlock(ipBlock: string): string {
  return policy(`  podSelector: {}\n  egress:\n    - to:\n        - ipBlock: ${ipBlock}\n`);
}

void describe('ipBlock', () => {
  void it('accepts IPv4 and IPv6 blocks with excepts inside them', () => {
    assert.deepEqual(
      check(withIpBlock('{cidr: 10.0.0.0/8, except: [10.1.0.0/16, 10.2.3.4/32]}')),
      [],
    );
    assert.deepEqual(
      check(withIpBlock('{cidr: "2001:db8::/32", except: ["2001:db8:1::/48"]}')),
      [],
    );
    assert.deepEqual(check(withIpBlock('{cidr: 0.0.0.0/0}')), []);
  });

  void it('reports a missing cidr', () => {
    const text = withIpBlock('{except: [10.0.0.0/8]}');
    assert.deepEqual(check(text), [{ code: 'missing-field', span: spanOf(text, 'ipBlock') }]);
  });

  void it('reports invalid CIDR notation', () => {
    for (const cidr of [
      '10.0.0.0/33',
      '10.0.0.0',
      '10.0.0/8',
      '300.0.0.0/8',
      '"2001:db8::/129"',
      'x/8',
      '"fe80::1%eth0/64"',
    ]) {
      const text = withIpBlock(`{cidr: ${cidr}}`);
      assert.deepEqual(check(text), [{ code: 'invalid-cidr', span: spanOf(text, cidr) }], cidr);
    }
  });

  void it('reports an invalid except entry', () => {
    const text = withIpBlock('{cidr: 10.0.0.0/8, except: [10.0.0.0/40]}');
    assert.deepEqual(check(text), [{ code: 'invalid-cidr', span: spanOf(text, '10.0.0.0/40') }]);
  });

  void it('warns about host bits after the prefix', () => {
    const text = withIpBlock('{cidr: 10.0.0.1/8}');
    assert.deepEqual(check(text), [{ code: 'cidr-host-bits', span: spanOf(text, '10.0.0.1/8') }]);
    const v6 = withIpBlock('{cidr: "2001:db8::1/64"}');
    assert.deepEqual(check(v6), [{ code: 'cidr-host-bits', span: spanOf(v6, '"2001:db8::1/64"') }]);
  });

  void it('reports an except outside its cidr, equal to it, or of the other family', () => {
    for (const except of ['11.0.0.0/16', '10.0.0.0/8', '10.0.0.0/7', '"2001:db8::/64"']) {
      const text = withIpBlock(`{cidr: 10.0.0.0/8, except: [${except}]}`);
      const span = spanIn(text, `except: [${except}]`, except);
      assert.deepEqual(check(text), [{ code: 'except-outside-cidr', span }], except);
    }
  });

  void it('does not compare excepts with a cidr it cannot read', () => {
    const text = withIpBlock('{cidr: nonsense, except: [11.0.0.0/16]}');
    assert.deepEqual(check(text), [{ code: 'invalid-cidr', span: spanOf(text, 'nonsense') }]);
  });
});
