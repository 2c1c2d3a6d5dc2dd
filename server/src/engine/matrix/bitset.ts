/** A fixed-size set of small integers, 32 to a word. */
export type Bitset = Uint32Array;

export function createBitset(size: number): Bitset {
  return new Uint32Array(Math.ceil(size / 32));
}

export function fullBitset(size: number): Bitset {
  const bits = createBitset(size);
  for (let index = 0; index < size; index++) {
    add(bits, index);
  }
  return bits;
}

export function add(bits: Bitset, index: number): void {
  bits[index >>> 5]! |= 1 << (index & 31);
}

export function has(bits: Bitset, index: number): boolean {
  return (bits[index >>> 5]! & (1 << (index & 31))) !== 0;
}

/** `target |= source`. */
export function unionInto(target: Bitset, source: Bitset): void {
  for (let word = 0; word < target.length; word++) {
    target[word]! |= source[word]!;
  }
}

export function countBits(bits: Bitset): number {
  let count = 0;
  for (let word = 0; word < bits.length; word++) {
    let value = bits[word]!;
    value -= (value >>> 1) & 0x55555555;
    value = (value & 0x33333333) + ((value >>> 2) & 0x33333333);
    count += (((value + (value >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return count;
}
