/**
 * Chain, set and map names exactly as kube-proxy computes them, shared by the iptables,
 * nftables and IPVS renderers and by the data path (`translate.ts`).
 *
 * - iptables (`pkg/proxy/iptables/proxier.go`): `KUBE-SVC-`/`KUBE-SVL-`/`KUBE-EXT-`/`KUBE-FW-`
 *   + the first 16 characters of base32(sha256(servicePortName + protocol)), and `KUBE-SEP-`
 *   + the same over servicePortName + protocol + "ip:port". The protocol is lower case.
 * - nftables (`pkg/proxy/nftables/proxier.go`): `service-`/`local-`/`external-`/`firewall-`
 *   + 8 characters of base32(sha256(base)) + "-" + base, where base is
 *   `ns/name/protocol/portName`, and `endpoint-`/`affinity-` with base
 *   `ns/name/protocol/portName__ip/port`.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { Protocol } from '../types';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const encoder = new TextEncoder();

/** RFC 4648 base32 (Go's `base32.StdEncoding`), without padding: callers truncate anyway. */
function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31] ?? '';
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31] ?? '';
  return out;
}

/** Memo of base32(sha256(text)): every render and every probe asks for the same names. */
const hashes = new Map<string, string>();

function hashOf(text: string): string {
  let hash = hashes.get(text);
  if (hash === undefined) {
    // Bounded, so a long-lived worker editing many scenarios does not grow without limit.
    if (hashes.size >= 50_000) hashes.clear();
    hash = base32(sha256(encoder.encode(text)));
    hashes.set(text, hash);
  }
  return hash;
}

/** `tcp`, `udp` or `sctp`: kube-proxy lower-cases the protocol for names and matches. */
export function lowerProtocol(protocol: Protocol): 'tcp' | 'udp' | 'sctp' {
  switch (protocol) {
    case 'TCP':
      return 'tcp';
    case 'UDP':
      return 'udp';
    case 'SCTP':
      return 'sctp';
  }
}

/**
 * `ServicePortName.String()`: `ns/name:port`, or `ns/name` when the port is unnamed (a
 * Service with a single port may leave it unnamed).
 */
export function servicePortName(namespace: string, name: string, portName: string): string {
  return portName === '' ? `${namespace}/${name}` : `${namespace}/${name}:${portName}`;
}

/** The iptables chain names of one service port. */
export interface IptablesServiceChains {
  /** KUBE-SVC-…: dispatch to endpoints with the Cluster traffic policy. */
  readonly svc: string;
  /** KUBE-SVL-…: dispatch to this node's endpoints (Local internal or external policy). */
  readonly svl: string;
  /** KUBE-EXT-…: NodePort, externalIPs and LoadBalancer traffic. */
  readonly ext: string;
  /** KUBE-FW-…: loadBalancerSourceRanges filtering. */
  readonly fw: string;
}

export function iptablesServiceChains(portName: string, protocol: Protocol): IptablesServiceChains {
  const hash = hashOf(portName + lowerProtocol(protocol)).slice(0, 16);
  return {
    svc: `KUBE-SVC-${hash}`,
    svl: `KUBE-SVL-${hash}`,
    ext: `KUBE-EXT-${hash}`,
    fw: `KUBE-FW-${hash}`,
  };
}

/** KUBE-SEP-…: one endpoint (`ip:port`) of one service port. */
export function iptablesEndpointChain(
  portName: string,
  protocol: Protocol,
  endpoint: string,
): string {
  return `KUBE-SEP-${hashOf(portName + lowerProtocol(protocol) + endpoint).slice(0, 16)}`;
}

/** The nftables chain names of one service port. */
export interface NftServiceChains {
  readonly service: string;
  readonly local: string;
  readonly external: string;
  readonly firewall: string;
}

/** `HASH-base`, cut to 240 characters as kube-proxy does (it never is for valid names). */
function hashAndTruncate(base: string): string {
  const name = `${hashOf(base).slice(0, 8)}-${base}`;
  return name.length > 240 ? `${name.slice(0, 237)}...` : name;
}

export function nftServiceChains(
  namespace: string,
  name: string,
  portName: string,
  protocol: Protocol,
): NftServiceChains {
  const base = hashAndTruncate(`${namespace}/${name}/${lowerProtocol(protocol)}/${portName}`);
  return {
    service: `service-${base}`,
    local: `local-${base}`,
    external: `external-${base}`,
    firewall: `firewall-${base}`,
  };
}

/** The endpoint chain and its session-affinity set (`ip:port` given as ip and port). */
export function nftEndpointNames(
  namespace: string,
  name: string,
  portName: string,
  protocol: Protocol,
  ip: string,
  port: number,
): { readonly chain: string; readonly affinitySet: string } {
  const proto = lowerProtocol(protocol);
  const base = hashAndTruncate(`${namespace}/${name}/${proto}/${portName}__${ip}/${port}`);
  return { chain: `endpoint-${base}`, affinitySet: `affinity-${base}` };
}
