import type { Origin } from './source';

/** File order: by URI, then document, then place in the document (a List's items). */
export function compareOrigins(left: Origin, right: Origin): number {
  if (left.uri !== right.uri) {
    return left.uri < right.uri ? -1 : 1;
  }
  if (left.offset !== right.offset) {
    return left.offset - right.offset;
  }
  const length = Math.min(left.path.length, right.path.length);
  for (let index = 0; index < length; index++) {
    const [first, second] = [left.path[index]!, right.path[index]!];
    if (first !== second) {
      return typeof first === 'number' && typeof second === 'number'
        ? first - second
        : String(first) < String(second)
          ? -1
          : 1;
    }
  }
  return left.path.length - right.path.length;
}
