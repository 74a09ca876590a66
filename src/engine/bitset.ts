/** Fixed-size bitsets over pod indexes: the matrix works on whole words, 32 pods at a time. */

export type Bitset = Uint32Array;

export function wordsFor(n: number): number {
  return (n + 31) >>> 5;
}

export function emptySet(n: number): Bitset {
  return new Uint32Array(wordsFor(n));
}

export function fullSet(n: number): Bitset {
  const b = new Uint32Array(wordsFor(n)).fill(0xffffffff);
  const rest = n & 31;
  if (rest !== 0) b[b.length - 1] = (1 << rest) - 1;
  return b;
}

export function setBit(b: Bitset, i: number): void {
  b[i >>> 5] = (b[i >>> 5] ?? 0) | (1 << (i & 31));
}

export function hasBit(b: Bitset, i: number): boolean {
  return ((b[i >>> 5] ?? 0) & (1 << (i & 31))) !== 0;
}

export function orInto(target: Bitset, src: Bitset): void {
  for (let w = 0; w < target.length; w++) target[w] = (target[w] ?? 0) | (src[w] ?? 0);
}

export function andInto(target: Bitset, src: Bitset): void {
  for (let w = 0; w < target.length; w++) target[w] = (target[w] ?? 0) & (src[w] ?? 0);
}

export function and(a: Bitset, b: Bitset): Bitset {
  const out = a.slice();
  andInto(out, b);
  return out;
}

/** Complement within the first `n` bits. */
export function not(a: Bitset, n: number): Bitset {
  const out = fullSet(n);
  for (let w = 0; w < out.length; w++) out[w] = (out[w] ?? 0) & ~(a[w] ?? 0);
  return out;
}

export function isEmpty(a: Bitset): boolean {
  for (let w = 0; w < a.length; w++) if (a[w] !== 0) return false;
  return true;
}

/** Call `fn` for every set bit, in increasing order. */
export function forEachBit(a: Bitset, fn: (i: number) => void): void {
  for (let w = 0; w < a.length; w++) {
    let word = a[w] ?? 0;
    while (word !== 0) {
      const low = word & -word;
      fn((w << 5) + 31 - Math.clz32(low));
      word ^= low;
    }
  }
}

export function popcount(a: Bitset): number {
  let c = 0;
  for (let w = 0; w < a.length; w++) {
    let v = a[w] ?? 0;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    c += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return c;
}
