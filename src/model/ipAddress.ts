/**
 * Strict IP and CIDR parsing for validation. `ipaddr.js` alone accepts forms Kubernetes does
 * not (`10.1`, hex and octal parts, IPv6 zones), so the text is checked before it parses it.
 */
import ipaddr from 'ipaddr.js';
import type { CheckContext } from './schema';
import { report } from './validators';

export type IpFamily = 'IPv4' | 'IPv6';
type Addr = ipaddr.IPv4 | ipaddr.IPv6;

export interface ParsedIp {
  readonly family: IpFamily;
  readonly addr: Addr;
}

export interface ParsedCidr extends ParsedIp {
  readonly prefix: number;
  /** The network address in canonical form, e.g. `10.0.0.0/24` for `10.0.0.7/24`. */
  readonly network: string;
  readonly hasHostBits: boolean;
}

/** Parse a plain address (no prefix), or say why it is not one. */
export function parseIp(s: string): ParsedIp | string {
  if (s.includes(':')) {
    if (s.includes('%')) return 'must not include an IPv6 zone (the "%…" suffix)';
    if (!ipaddr.IPv6.isValid(s)) return 'is not a valid IPv6 address';
    return { family: 'IPv6', addr: ipaddr.IPv6.parse(s) };
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(s)) return { family: 'IPv4', addr: ipaddr.IPv4.parse(s) };
  if (/^\d+(\.\d+){3}$/.test(s) && s.split('.').every((p) => Number(p) <= 255)) {
    return 'must not have leading zeros in an octet (they read as octal in some tools)';
  }
  return 'is not a valid IPv4 address (four numbers 0-255, like 10.0.0.1) or IPv6 address';
}

/** Parse `address/prefix`, or say why it is not a CIDR. */
export function parseCidr(s: string): ParsedCidr | string {
  const slash = s.indexOf('/');
  if (slash < 0) {
    const ip = parseIp(s);
    const bits = typeof ip === 'string' || ip.family === 'IPv4' ? 32 : 128;
    return `is missing the prefix length; write it as address/prefix (e.g. ${s}/${String(bits)} for a single address)`;
  }
  const ip = parseIp(s.slice(0, slash));
  if (typeof ip === 'string') return `has an address that ${ip}`;
  const max = ip.family === 'IPv4' ? 32 : 128;
  const prefixText = s.slice(slash + 1);
  const prefix = Number(prefixText);
  if (!/^(0|[1-9]\d*)$/.test(prefixText) || prefix > max) {
    return `has an invalid prefix length ${JSON.stringify(prefixText)}: must be 0-${String(max)} for ${ip.family}`;
  }
  const bytes = ip.addr.toByteArray();
  const masked = bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
  const net = ipaddr.fromByteArray(masked);
  const netText = net.kind() === 'ipv6' ? (net as ipaddr.IPv6).toRFC5952String() : net.toString();
  return {
    ...ip,
    prefix,
    network: `${netText}/${String(prefix)}`,
    hasHostBits: masked.some((b, i) => b !== bytes[i]),
  };
}

/** Is `inner` inside `outer` (same family, at least as long a prefix)? */
export function cidrContains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  return (
    outer.family === inner.family &&
    inner.prefix >= outer.prefix &&
    inner.addr.match(outer.addr, outer.prefix)
  );
}

export function cidrsOverlap(a: ParsedCidr, b: ParsedCidr): boolean {
  return a.family === b.family && a.addr.match(b.addr, Math.min(a.prefix, b.prefix));
}

/** Report `s` at `path` unless it is an IP address (of `family`, when given). */
export function checkIp(
  ctx: CheckContext,
  path: string,
  s: string,
  what: string,
  family?: IpFamily,
): ParsedIp | undefined {
  const ip = parseIp(s);
  if (typeof ip === 'string') {
    report(ctx, path, 'error', 'invalid-ip', `invalid ${what} ${JSON.stringify(s)}: ${ip}`);
    return undefined;
  }
  if (family && ip.family !== family) {
    report(
      ctx,
      path,
      'error',
      'invalid-ip',
      `invalid ${what} ${JSON.stringify(s)}: must be an ${family} address`,
    );
    return undefined;
  }
  return ip;
}

/**
 * Report `s` at `path` unless it is a CIDR (of `family`, when given). Host bits set below the
 * prefix (10.0.0.7/24) are accepted by Kubernetes but usually a slip, so they get a warning.
 */
export function checkCidr(
  ctx: CheckContext,
  path: string,
  s: string,
  what: string,
  family?: IpFamily,
): ParsedCidr | undefined {
  const c = parseCidr(s);
  if (typeof c === 'string') {
    report(ctx, path, 'error', 'invalid-cidr', `invalid ${what} ${JSON.stringify(s)}: ${c}`);
    return undefined;
  }
  if (family && c.family !== family) {
    report(
      ctx,
      path,
      'error',
      'invalid-cidr',
      `invalid ${what} ${JSON.stringify(s)}: must be an ${family} CIDR`,
    );
    return undefined;
  }
  if (c.hasHostBits) {
    report(
      ctx,
      path,
      'warning',
      'cidr-host-bits',
      `${what} ${JSON.stringify(s)} has bits set after the /${String(c.prefix)} prefix; it means ${c.network}, so write that`,
    );
  }
  return c;
}
