/** IPv4 addresses as unsigned 32-bit numbers: the engine's pod and node ranges are IPv4. */

export interface Cidr4 {
  /** Network address (host bits cleared). */
  readonly base: number;
  readonly prefix: number;
}

export function parseIPv4(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const part = m[i] ?? '';
    if (part.length > 1 && part.startsWith('0')) return null;
    const v = Number(part);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n >>> 0;
}

export function formatIPv4(n: number): string {
  return `${String((n >>> 24) & 255)}.${String((n >>> 16) & 255)}.${String((n >>> 8) & 255)}.${String(n & 255)}`;
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Parse `a.b.c.d/n` (host bits are ignored, as Kubernetes does for ipBlock). IPv6 → null. */
export function parseCidr4(s: string): Cidr4 | null {
  const [addr, len, ...rest] = s.split('/');
  if (addr === undefined || len === undefined || rest.length > 0 || !/^\d{1,2}$/.test(len))
    return null;
  const ip = parseIPv4(addr);
  const prefix = Number(len);
  if (ip === null || prefix > 32) return null;
  return { base: (ip & maskOf(prefix)) >>> 0, prefix };
}

export function cidrContains(c: Cidr4, ip: number): boolean {
  return (ip & maskOf(c.prefix)) >>> 0 === c.base;
}

export function formatCidr(c: Cidr4): string {
  return `${formatIPv4(c.base)}/${String(c.prefix)}`;
}

/** The `index`-th subnet of size /`newPrefix` inside `c`, or null when it does not fit. */
export function subnet(c: Cidr4, newPrefix: number, index: number): Cidr4 | null {
  if (newPrefix < c.prefix || newPrefix > 32) return null;
  const count = 2 ** (newPrefix - c.prefix);
  if (index < 0 || index >= count) return null;
  return { base: (c.base + index * 2 ** (32 - newPrefix)) >>> 0, prefix: newPrefix };
}

export function cidrSize(c: Cidr4): number {
  return 2 ** (32 - c.prefix);
}
