/** Deterministic hashing for generated names (no randomness: same input, same names). */

/** 32-bit FNV-1a. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The alphabet Kubernetes uses for generated suffixes (apimachinery `rand.String`): no vowels
 * and no easily confused characters, so names never spell words.
 */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A `length`-character suffix derived from `input`, in Kubernetes' suffix alphabet. */
export function nameSuffix(input: string, length: number): string {
  let out = '';
  let h = fnv1a(input);
  let round = 0;
  while (out.length < length) {
    out += ALPHABET[h % ALPHABET.length] ?? 'b';
    h = Math.floor(h / ALPHABET.length);
    if (h < ALPHABET.length) h = fnv1a(`${input}#${String(++round)}`);
  }
  return out;
}
