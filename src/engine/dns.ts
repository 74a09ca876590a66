/**
 * Name resolution as a pod does it: the /etc/resolv.conf kubelet writes for the pod's dnsPolicy
 * and dnsConfig (pkg/kubelet/network/dns/dns.go; the text as containerd lays it out), and the
 * stub resolver's walk of the search list under `ndots` (glibc res_search, or musl), each query
 * answered by CoreDNS (dnsRecords.ts) or, off the cluster DNS, by the simulated internet.
 * https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy
 */
import type { PodDNSConfig } from 'kubernetes-types/core/v1';
import { cidrContains, cidrSize, formatIPv4, parseCidr4, parseIPv4 } from './ip';
import type { DnsAnswer, Rcode, UpstreamOptions } from './dnsRecords';
import { clusterRecords, formatRecord, internetRecords, normalizeName } from './dnsRecords';
import type { Cluster } from './types';

export type DnsPolicy = 'ClusterFirst' | 'Default' | 'None' | 'ClusterFirstWithHostNet';

/** The pod spec fields that decide its DNS. */
export interface PodDnsSettings {
  /** Defaults to ClusterFirst, as the API server defaults it. */
  readonly dnsPolicy?: DnsPolicy;
  readonly dnsConfig?: PodDNSConfig;
  readonly hostNetwork: boolean;
  readonly hostname?: string;
  readonly subdomain?: string;
}

export interface ResolvOption {
  readonly name: string;
  readonly value?: string;
}

export interface ResolvConf {
  readonly nameservers: readonly string[];
  readonly searches: readonly string[];
  readonly options: readonly ResolvOption[];
  /** The file as the pod sees it. */
  readonly text: string;
  /** What kubelet started from: the cluster DNS, the node's resolv.conf, or nothing (None). */
  readonly base: 'cluster' | 'node' | 'none';
  /** kubelet's DNSConfigForming events when its limits cut entries. */
  readonly warnings: readonly string[];
}

/**
 * A kind node's /etc/resolv.conf: docker writes `nameserver 127.0.0.11` (its embedded DNS) and
 * `options ndots:0`; kind's entrypoint rewrites 127.0.0.11 to the docker network's gateway,
 * 172.18.0.1, and DNATs that back to the embedded DNS, so pods can reach it. dnsPolicy Default
 * (and hostNetwork pods left on ClusterFirst) get this, and CoreDNS forwards to it.
 */
export const NODE_RESOLV_CONF = {
  nameservers: ['172.18.0.1'],
  searches: [] as string[],
  options: ['ndots:0'],
} as const;

/** The external client's resolver: a public one, at a TEST-NET-1 address. */
export const INTERNET_RESOLVER = '192.0.2.53';

/** Kubelet's limits (API validation constants with ExpandedDNSConfig, GA in 1.28). */
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;
const MAX_SEARCH_CHARS = 2048;
const MAX_SEARCH_LENGTH = 253;

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

/**
 * kubelet's `--cluster-dns`: kubeadm (and so kind) sets it to the tenth address of the service
 * subnet, where it also puts the kube-dns Service.
 */
export function clusterDnsIP(cluster: Cluster): string | null {
  const range = parseCidr4(cluster.settings.serviceCIDR);
  if (range && cidrSize(range) > 11) return formatIPv4(range.base + 10);
  return cluster.serviceByKey.get('kube-system/kube-dns')?.clusterIP ?? null;
}

function parseOption(raw: string): ResolvOption {
  const i = raw.indexOf(':');
  return i === -1 ? { name: raw } : { name: raw.slice(0, i), value: raw.slice(i + 1) };
}

/** kubelet mergeDNSOptions: dnsConfig options override base ones of the same name. */
function mergeOptions(base: readonly string[], extra: PodDNSConfig['options']): ResolvOption[] {
  // kubelet rebuilds the list from a Go map, so its order varies run to run; keep first-seen
  // order instead, which is one of the orders kubelet can write.
  const merged = new Map<string, string>();
  for (const o of base.map(parseOption)) merged.set(o.name, o.value ?? '');
  for (const o of extra ?? []) if (o.name) merged.set(o.name, o.value ?? '');
  return [...merged].map(([name, value]) => (value === '' ? { name } : { name, value }));
}

/** kubelet formDNSSearchFitsLimits. */
function fitSearches(searches: string[], warnings: string[]): string[] {
  let out = searches.slice(0, MAX_SEARCHES);
  let cut = out.length < searches.length;
  const short = out.filter((s) => s.length <= MAX_SEARCH_LENGTH);
  cut ||= short.length < out.length;
  out = short;
  while (out.join(' ').length > MAX_SEARCH_CHARS) {
    out = out.slice(0, -1);
    cut = true;
  }
  if (cut)
    warnings.push(
      `Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${out.join(' ')}`,
    );
  return out;
}

function formatOption(o: ResolvOption): string {
  return o.value === undefined ? o.name : `${o.name}:${o.value}`;
}

/**
 * The pod's /etc/resolv.conf as kubelet builds it. ClusterFirst: the cluster DNS as the only
 * nameserver, search `<ns>.svc.<domain> svc.<domain> <domain>` plus the node's search list,
 * `options ndots:5` (the node's options are dropped). Default: the node's file. None: only
 * dnsConfig. ClusterFirst on a hostNetwork pod falls back to Default; ClusterFirstWithHostNet is
 * ClusterFirst for it. dnsConfig is then appended (duplicates dropped, options overriding by
 * name) and kubelet's limits applied: 3 nameservers, 32 search domains of at most 253
 * characters, 2048 characters in the search line.
 */
export function resolvConf(
  cluster: Cluster,
  settings: PodDnsSettings,
  namespace: string,
): ResolvConf {
  const policy = settings.dnsPolicy ?? 'ClusterFirst';
  const dnsIP = clusterDnsIP(cluster);
  const domain = cluster.settings.clusterDomain;
  let base: ResolvConf['base'] =
    policy === 'None'
      ? 'none'
      : policy === 'Default' || (policy === 'ClusterFirst' && settings.hostNetwork)
        ? 'node'
        : 'cluster';
  // Without a cluster DNS address kubelet falls back to the node's file.
  if (base === 'cluster' && dnsIP === null) base = 'node';
  let nameservers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  if (base === 'cluster' && dnsIP !== null) {
    nameservers = [dnsIP];
    const clusterSearch = [`${namespace}.svc.${domain}`, `svc.${domain}`, domain];
    searches = unique([...clusterSearch, ...NODE_RESOLV_CONF.searches]);
    options = ['ndots:5'];
  } else if (base === 'node') {
    nameservers = [...NODE_RESOLV_CONF.nameservers];
    searches = [...NODE_RESOLV_CONF.searches];
    options = [...NODE_RESOLV_CONF.options];
  }
  const cfg = settings.dnsConfig;
  nameservers = unique([...nameservers, ...(cfg?.nameservers ?? [])]);
  searches = unique([...searches, ...(cfg?.searches ?? [])]);
  const merged = cfg ? mergeOptions(options, cfg.options) : options.map(parseOption);
  const warnings: string[] = [];
  if (nameservers.length > MAX_NAMESERVERS) {
    nameservers = nameservers.slice(0, MAX_NAMESERVERS);
    warnings.push(
      `Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: ${nameservers.join(' ')}`,
    );
  }
  searches = fitSearches(searches, warnings);
  if (nameservers.length + searches.length + merged.length === 0) {
    // Nothing to write: containerd copies the node's file instead. (The API server rejects
    // dnsPolicy None without nameservers, so only a half-edited scenario gets here.)
    return {
      ...resolvConf(cluster, { dnsPolicy: 'Default', hostNetwork: false }, namespace),
      base,
    };
  }
  // containerd writes the file: search line, one nameserver line each, options line.
  const lines = [
    ...(searches.length > 0 ? [`search ${searches.join(' ')}`] : []),
    ...nameservers.map((n) => `nameserver ${n}`),
    ...(merged.length > 0 ? [`options ${merged.map(formatOption).join(' ')}`] : []),
  ];
  const text = lines.map((l) => `${l}\n`).join('');
  return { nameservers, searches, options: merged, text, base, warnings };
}

/**
 * The pod's hostname and, with a subdomain, its FQDN `<hostname>.<subdomain>.<ns>.svc.<domain>`
 * (kubelet GeneratePodHostNameAndDomain; names over 63 characters are truncated).
 */
export function podHostname(
  cluster: Cluster,
  podName: string,
  settings: PodDnsSettings,
  namespace: string,
): { hostname: string; fqdn: string | null } {
  const hostname = settings.hostname || podName.slice(0, 63).replace(/[-.]+$/, '');
  const fqdn = settings.subdomain
    ? `${hostname}.${settings.subdomain}.${namespace}.svc.${cluster.settings.clusterDomain}`
    : null;
  return { hostname, fqdn };
}

export type LookupSource =
  { readonly namespace: string; readonly settings: PodDnsSettings } | 'external';

export interface LookupOptions extends UpstreamOptions {
  /** The stub resolver in the client's image: glibc (debian, ubuntu, distroless) or musl (alpine). */
  readonly resolver?: 'glibc' | 'musl';
}

export interface DnsQuery {
  readonly fqdn: string;
  readonly type: 'A' | 'SRV';
  readonly rcode: Rcode;
  /** Answer records as dig prints them; empty with NOERROR is NODATA. */
  readonly answer: readonly string[];
  /** Answered (at least partly) by the upstream resolver rather than from cluster records. */
  readonly upstream: boolean;
}

export interface DnsLookupAnswer {
  /** The name that answered. */
  readonly fqdn: string;
  /** A records (for SRV: the targets' addresses from the additional section). */
  readonly addresses: readonly string[];
  /** CNAME targets followed, in order (an ExternalName Service's externalName). */
  readonly cnameChain: readonly string[];
  readonly srv: readonly { readonly port: number; readonly target: string }[];
}

export interface DnsLookup {
  readonly name: string;
  readonly type: 'A' | 'SRV';
  /** The nameserver asked (the first in resolv.conf), or null when there is none. */
  readonly server: string | null;
  /** The server is the cluster DNS: queries are UDP/53 to kube-dns, DNATed to a CoreDNS pod. */
  readonly isClusterDns: boolean;
  /** Every query sent, in order. */
  readonly tried: readonly DnsQuery[];
  readonly answer: DnsLookupAnswer | null;
  /** Some query left the cluster domain for the upstream resolver. */
  readonly upstream: boolean;
  /** Why there is no answer, in plain words (null when there is one). */
  readonly failure: string | null;
}

/** The names a stub resolver queries, in order (glibc __res_context_search, musl). */
function candidates(name: string, searches: readonly string[], ndots: number, musl: boolean) {
  const absolute = name.endsWith('.');
  const base = absolute ? name.slice(0, -1) : name;
  const dots = base.split('.').length - 1;
  if (absolute) return [base];
  // musl never searches a name with ndots or more dots; glibc tries it as-is first, then searches.
  if (dots >= ndots) return musl ? [base] : [base, ...searches.map((s) => `${base}.${s}`)];
  return [...searches.map((s) => `${base}.${s}`), base];
}

function isValidName(name: string): boolean {
  const base = name.endsWith('.') ? name.slice(0, -1) : name;
  return (
    base.length > 0 &&
    base.length <= 253 &&
    base.split('.').every((l) => l.length > 0 && l.length <= 63)
  );
}

function summarize(fqdn: string, type: 'A' | 'SRV', a: DnsAnswer): DnsLookupAnswer {
  const records = type === 'A' ? a.answer : a.additional;
  return {
    fqdn,
    addresses: records.filter((r) => r.type === 'A').map((r) => r.data),
    cnameChain: a.answer.filter((r) => r.type === 'CNAME').map((r) => r.data),
    srv: a.answer
      .filter((r) => r.type === 'SRV')
      .map((r) => ({ port: r.srv?.port ?? 0, target: r.data })),
  };
}

function isClusterDnsServer(cluster: Cluster, ip: string): boolean {
  const svc = cluster.serviceByKey.get('kube-system/kube-dns');
  if (svc?.clusterIP === ip) return true;
  const eps = cluster.endpoints.get('kube-system/kube-dns')?.ports ?? [];
  return eps.some((pe) => pe.all.some((t) => t.endpoint.ip === ip));
}

function isClusterAddress(cluster: Cluster, ip: string): boolean {
  const n = parseIPv4(ip);
  const ranges = [cluster.settings.serviceCIDR, cluster.settings.podCIDR].map(parseCidr4);
  return n !== null && ranges.some((r) => r !== null && cidrContains(r, n));
}

/** Whether a ready CoreDNS pod answers at `ip` (the kube-dns ClusterIP or a pod's own IP). */
function hasReadyDns(cluster: Cluster, ip: string): boolean {
  const viaService = cluster.serviceByKey.get('kube-system/kube-dns')?.clusterIP === ip;
  const eps = cluster.endpoints.get('kube-system/kube-dns')?.ports ?? [];
  return eps
    .filter((pe) => pe.port.protocol === 'UDP' && pe.port.port === 53)
    .some((pe) => pe.serving.some((t) => viaService || t.endpoint.ip === ip));
}

/**
 * Resolve `name` as `getaddrinfo` in a pod of `from.namespace` would (or the `external` client,
 * which asks a public resolver with no search list): IP literals and `localhost` need no query;
 * otherwise each candidate name is sent to the first nameserver until one has records. glibc
 * moves on after NXDOMAIN and NODATA; musl only after NXDOMAIN and never searches a name with
 * `ndots` or more dots.
 */
export function lookup(
  cluster: Cluster,
  from: LookupSource,
  name: string,
  type: 'A' | 'SRV' = 'A',
  options: LookupOptions = {},
): DnsLookup {
  const conf: Pick<ResolvConf, 'nameservers' | 'searches' | 'options'> =
    from === 'external'
      ? { nameservers: [INTERNET_RESOLVER], searches: [], options: [] }
      : resolvConf(cluster, from.settings, from.namespace);
  const server = conf.nameservers[0] ?? null;
  const isClusterDns = server !== null && isClusterDnsServer(cluster, server);
  const result = (rest: Partial<DnsLookup>): DnsLookup => ({
    name,
    type,
    server,
    isClusterDns,
    tried: [],
    answer: null,
    upstream: false,
    failure: null,
    ...rest,
  });
  const lower = name.toLowerCase();
  if (type === 'A' && parseIPv4(normalizeName(lower)) !== null) {
    const ip = normalizeName(lower);
    return result({ answer: { fqdn: ip, addresses: [ip], cnameChain: [], srv: [] } });
  }
  if (type === 'A' && normalizeName(lower) === 'localhost') {
    // /etc/hosts (kubelet-managed in pods) comes before DNS in nsswitch.
    return result({
      answer: { fqdn: 'localhost', addresses: ['127.0.0.1'], cnameChain: [], srv: [] },
    });
  }
  if (!isValidName(lower)) return result({ failure: `${name} is not a valid DNS name` });
  if (server === null) return result({ failure: 'resolv.conf has no nameserver' });
  // Inside the cluster's ranges only a ready CoreDNS pod answers port 53; other servers are
  // taken to be public resolvers.
  const unanswered = isClusterDns
    ? !hasReadyDns(cluster, server)
    : isClusterAddress(cluster, server);
  if (unanswered) {
    const why = isClusterDns
      ? `no ready CoreDNS pod behind ${server}`
      : `nothing serves DNS at ${server}`;
    return result({ failure: `connection timed out; no servers could be reached (${why})` });
  }
  const ndotsOption = conf.options.find((o) => o.name === 'ndots')?.value;
  // The resolvers' default is 1 and they cap ndots at 15.
  const parsed = Number.parseInt(ndotsOption ?? '1', 10);
  const ndots = Math.min(15, Number.isNaN(parsed) ? 1 : parsed);
  const musl = options.resolver === 'musl';
  const tried: DnsQuery[] = [];
  for (const fqdn of candidates(lower, conf.searches, ndots, musl)) {
    const a = isClusterDns
      ? clusterRecords(cluster, fqdn, type, options)
      : internetRecords(fqdn, type, options);
    tried.push({
      fqdn,
      type,
      rcode: a.rcode,
      answer: a.answer.map(formatRecord),
      upstream: a.upstream,
    });
    if (a.answer.length === 0 && (a.rcode === 'NXDOMAIN' || !musl)) continue;
    const answer = summarize(fqdn, type, a);
    const empty = type === 'A' ? answer.addresses.length === 0 : answer.srv.length === 0;
    const upstream = tried.some((q) => q.upstream);
    if (!empty) return result({ tried, answer, upstream });
    const via = answer.cnameChain.length > 0 ? ` (CNAME ${answer.cnameChain.join(' → ')})` : '';
    return result({ tried, upstream, failure: `${fqdn} has no ${type} record${via}` });
  }
  return result({
    tried,
    upstream: tried.some((q) => q.upstream),
    failure: tried.some((q) => q.rcode === 'NOERROR')
      ? `${name}: no ${type} record (NODATA)`
      : `${name}: NXDOMAIN for every name tried`,
  });
}
