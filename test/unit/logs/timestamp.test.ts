import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTimestamp, parseTimestamp } from '../../../server/src/engine/logs/timestamp';

void describe('timestamps as Go prints them', () => {
  const ROWS: readonly [string, string][] = [
    ['2020-06-13T21:29:31.445836587Z', '2020-06-13T21:29:31.445836587Z'],
    ['2020-06-13T21:32:00.000000001Z', '2020-06-13T21:32:00.000000001Z'],
    ['2020-06-13T21:32:00.500000000Z', '2020-06-13T21:32:00.5Z'],
    ['2020-06-13T21:32:00.000Z', '2020-06-13T21:32:00Z'],
    ['2020-06-13T21:32:00Z', '2020-06-13T21:32:00Z'],
    ['2020-06-13t23:32:00.12+02:00', '2020-06-13T21:32:00.12Z'],
    ['2020-06-13T00:30:00-01:30', '2020-06-13T02:00:00Z'],
  ];
  for (const [input, expected] of ROWS) {
    void it(`${input} -> ${expected}`, () => {
      assert.equal(formatTimestamp(parseTimestamp(input)), expected);
    });
  }

  void it('refuses what is not RFC 3339', () => {
    assert.throws(() => parseTimestamp('2020-06-13 21:32:00'), RangeError);
    assert.throws(() => parseTimestamp('2020-06-13T21:32:00.1234567891Z'), RangeError);
  });
});
