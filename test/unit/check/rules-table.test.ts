import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES } from '../../../server/src/engine/check';

void describe('RULES', () => {
  void it('lists each code once, in kebab-case, with a one-sentence summary', () => {
    const codes = RULES.map((rule) => rule.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const rule of RULES) {
      assert.match(rule.code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.match(rule.summary, /^[A-Za-z].*\.$/);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(rule.severity));
    }
  });
});
