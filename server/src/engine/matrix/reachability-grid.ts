import type { Reachability } from './types';

/**
 * The matrix as one bit per (source class, column), row by row, least significant bit first:
 * the compact form a view draws from.
 */
export function toReachabilityGrid(matrix: Reachability): Uint8Array {
  const rows = matrix.classes.length;
  const columns = matrix.columns.length;
  const grid = new Uint8Array(Math.ceil((rows * columns) / 8));
  for (let row = 0; row < rows; row++) {
    const start = row * columns;
    matrix.columns.forEach((column, index) => {
      if (matrix.isAllowed(row, column.destination, column.portIndex)) {
        const bit = start + index;
        grid[bit >>> 3]! |= 1 << (bit & 7);
      }
    });
  }
  return grid;
}
