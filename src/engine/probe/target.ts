/** Reading `--from` and `--to` as DESIGN.md's probe contract defines them. */
import { parseIPv4 } from '../ip';
import type { Cluster, SimPod } from '../types';

export type Source =
  | { readonly kind: 'pod'; readonly pod: SimPod; readonly container: string | null }
  | { readonly kind: 'external'; readonly ip: string };

export type Target =
  | { readonly kind: 'pod'; readonly key: string }
  | { readonly kind: 'node'; readonly name: string }
  | { readonly kind: 'service'; readonly key: string }
  | { readonly kind: 'ip'; readonly ip: string }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'localhost' }
  | {
      readonly kind: 'url';
      readonly scheme: 'http' | 'https';
      /** An IP or a DNS name. */
      readonly host: string;
      readonly port: number | null;
      readonly path: string;
    };

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** `ns/pod`, `ns/pod:container` or `external`. */
export function resolveSource(cluster: Cluster, from: string): Parsed<Source> {
  if (from === 'external')
    return { ok: true, value: { kind: 'external', ip: cluster.settings.externalClientIP } };
  const m = /^([^/:\s]+)\/([^/:\s]+)(?::([^/:\s]+))?$/.exec(from);
  if (!m)
    return {
      ok: false,
      message: `--from must be ns/pod, ns/pod:container or external, got ${JSON.stringify(from)}`,
    };
  const key = `${m[1] ?? ''}/${m[2] ?? ''}`;
  const pod = cluster.podByKey.get(key);
  if (!pod) {
    const inNs = cluster.pods.filter((p) => p.namespace === m[1]).map((p) => p.key);
    return {
      ok: false,
      message: `no pod ${key}${inNs.length > 0 ? `; pods in ${m[1] ?? ''}: ${inNs.slice(0, 10).join(', ')}` : ''}`,
    };
  }
  const container = m[3] ?? null;
  if (container !== null && !pod.containers.some((c) => c.name === container)) {
    return {
      ok: false,
      message: `pod ${key} has no container ${JSON.stringify(container)} (it has ${pod.containers.map((c) => c.name).join(', ')})`,
    };
  }
  if (pod.ip === null)
    return {
      ok: false,
      message: `pod ${key} is Pending (${pod.pendingReason ?? 'not scheduled'}), so it cannot send anything`,
    };
  return { ok: true, value: { kind: 'pod', pod, container } };
}

const DNS_NAME =
  /^(?=.{1,253}\.?$)([a-z0-9_]([-a-z0-9_]{0,61}[a-z0-9])?)(\.[a-z0-9_]([-a-z0-9_]{0,61}[a-z0-9])?)*\.?$/i;

export function parseTarget(to: string): Parsed<Target> {
  if (to === 'localhost' || to === '127.0.0.1') return { ok: true, value: { kind: 'localhost' } };
  if (to.startsWith('node:')) return { ok: true, value: { kind: 'node', name: to.slice(5) } };
  if (to.startsWith('service:')) {
    const key = to.slice(8);
    return /^[^/\s]+\/[^/\s]+$/.test(key)
      ? { ok: true, value: { kind: 'service', key } }
      : { ok: false, message: `service:ns/name expected, got ${JSON.stringify(to)}` };
  }
  const url = /^(https?):\/\/([^/:?#\s]+)(?::(\d{1,5}))?(\/[^\s#]*)?$/i.exec(to);
  if (url) {
    const port = url[3] === undefined ? null : Number(url[3]);
    if (port !== null && (port < 1 || port > 65535))
      return { ok: false, message: `port ${String(port)} in ${to} is not 1-65535` };
    return {
      ok: true,
      value: {
        kind: 'url',
        scheme: (url[1] ?? 'http').toLowerCase() as 'http' | 'https',
        host: (url[2] ?? '').toLowerCase(),
        port,
        path: url[4] ?? '/',
      },
    };
  }
  if (/^[a-z]+:\/\//i.test(to))
    return {
      ok: false,
      message: `only http:// and https:// URLs are understood, got ${JSON.stringify(to)}`,
    };
  if (parseIPv4(to) !== null) return { ok: true, value: { kind: 'ip', ip: to } };
  if (/^[^/\s]+\/[^/\s]+$/.test(to)) return { ok: true, value: { kind: 'pod', key: to } };
  if (DNS_NAME.test(to)) return { ok: true, value: { kind: 'name', name: to.toLowerCase() } };
  return {
    ok: false,
    message: `cannot read --to ${JSON.stringify(to)}: give ns/pod, node:NAME, service:ns/name, an IP, a DNS name, localhost or an http(s) URL`,
  };
}
