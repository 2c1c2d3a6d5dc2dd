import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { computeReachability } from '../../../server/src/engine/matrix/compute-reachability';
import { toReachabilityGrid } from '../../../server/src/engine/matrix/reachability-grid';
import { build, scenario } from './random-world';

void test('the grid holds one bit per cell, set exactly where the matrix allows', () => {
  fc.assert(
    fc.property(scenario, (input) => {
      const { policies, world } = build(input);
      const matrix = computeReachability(policies, world, { dataplane: input.dataplane });
      const grid = toReachabilityGrid(matrix);
      const columns = matrix.columns.length;
      assert.equal(grid.length, Math.ceil((matrix.classes.length * columns) / 8));
      matrix.classes.forEach((_, row) => {
        matrix.columns.forEach((column, index) => {
          const bit = row * columns + index;
          const set = (grid[bit >>> 3]! & (1 << (bit & 7))) !== 0;
          assert.equal(set, matrix.isAllowed(row, column.destination, column.portIndex));
        });
      });
    }),
    { numRuns: 200, seed: 20261202 },
  );
});
