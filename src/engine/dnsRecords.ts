/**
 * What the cluster DNS answers: CoreDNS with the kubernetes plugin as kubeadm and kind configure it
 * (`kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure; fallthrough in-addr.arpa
 * ip6.arpa; ttl 30 }` then `forward . /etc/resolv.conf`), following the Kubernetes DNS spec
 * (kubernetes/dns docs/specification.md) and CoreDNS's own parse and lookup rules
 * (plugin/kubernetes/parse.go, kubernetes.go, reverse.go). Names outside the cluster domain go to
 * a simulated internet resolver (`internetRecords`).
 * https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/
 */
import { assertNever } from '../model/diagnostics';
import { fnv1a } from '../model/names';
import { parseIPv4 } from './ip';
import { matchesMap } from './labels';
import type { SimEndpoint } from './endpoints';
import type { SimService } from './services';
import type { Cluster } from './types';

export type RecordType = 'A' | 'SRV' | 'PTR' | 'CNAME';
export type Rcode = 'NOERROR' | 'NXDOMAIN';

export interface DnsRecord {
  /** Owner name, lower case, without the trailing dot. */
  readonly name: string;
  readonly type: RecordType;
  readonly ttl: number;
  /** A: the address; CNAME, PTR and SRV: the target name. */
  readonly data: string;
  readonly srv?: { readonly priority: number; readonly weight: number; readonly port: number };
}

/** One DNS reply. NOERROR with no `answer` records is NODATA (the name exists, not this type). */
export interface DnsAnswer {
  readonly rcode: Rcode;
  readonly answer: readonly DnsRecord[];
  /** The additional section: A records of SRV targets. */
  readonly additional: readonly DnsRecord[];
  /** Part of the reply came from the upstream resolver (CoreDNS's `forward`). */
  readonly upstream: boolean;
}

export interface UpstreamOptions {
  /** Ingress hosts, as if public DNS pointed them at the ingress controller's address. */
  readonly ingressHosts?: (name: string) => string | null;
}

/** kubeadm's Corefile sets `ttl 30` for cluster records. */
const CLUSTER_TTL = 30;
const INTERNET_TTL = 300;
/** CoreDNS stops following CNAMEs after a short chain (backend_lookup.go maxCnameChainLength). */
const MAX_CNAME_DEPTH = 10;

/** Record text as `dig` prints it: `web.shop.svc.cluster.local. 30 IN A 10.96.0.20`. */
export function formatRecord(r: DnsRecord): string {
  const data = r.type === 'A' ? r.data : `${r.data}.`;
  const srv = r.srv
    ? `${String(r.srv.priority)} ${String(r.srv.weight)} ${String(r.srv.port)} `
    : '';
  return `${r.name}. ${String(r.ttl)} IN ${r.type} ${srv}${data}`;
}

/** Lower case, no trailing dot: DNS names compare case-insensitively (spec §2.1). */
export function normalizeName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function isWithin(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

const NXDOMAIN: DnsAnswer = { rcode: 'NXDOMAIN', answer: [], additional: [], upstream: false };

function reply(answer: DnsRecord[], additional: DnsRecord[] = [], upstream = false): DnsAnswer {
  return { rcode: 'NOERROR', answer, additional, upstream };
}

// ---- the simulated internet ----

/**
 * TLDs the simulated internet serves. Deliberately short: real TLDs that are also common
 * namespace names (`dev`, `app`, `shop`, `cloud`, …) are left out, so a mistyped `db.dev` that
 * falls through the search list stays NXDOMAIN instead of "resolving" to a random address.
 */
const INTERNET_TLDS = new Set(
  'com net org edu gov mil int info biz io co ai me tv cc us uk de fr nl eu jp cn ru br au ca ch se es it pl be at dk fi ie nz za kr tw hk sg mx in'.split(
    ' ',
  ),
);
const HOST_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The simulated internet resolver (what the node's resolver, docker's embedded DNS on a kind
 * node, ends up asking). Deterministic rule: an Ingress host answers the ingress controller's
 * address; any other syntactically valid name of two or more labels under one of
 * `INTERNET_TLDS` has an A record in TEST-NET-2, 198.51.100.1–254, picked by a hash of the name
 * (so `example.com` always gets the same documentation address, never a real one); everything
 * else — reserved TLDs such as `.test`, `.example`, `.invalid`, `.localhost`, `.local` (a
 * cluster domain seen from outside), `.internal`, single labels, reverse names, malformed names
 * — is NXDOMAIN. Public names have no SRV records (NODATA).
 */
export function internetRecords(
  fqdn: string,
  type: RecordType,
  options: UpstreamOptions = {},
): DnsAnswer {
  const name = normalizeName(fqdn);
  const ingress = options.ingressHosts?.(name) ?? null;
  if (ingress !== null) {
    return type === 'A'
      ? reply([{ name, type: 'A', ttl: INTERNET_TTL, data: ingress }], [], true)
      : reply([], [], true);
  }
  const labels = name.split('.');
  const tld = labels[labels.length - 1] ?? '';
  const valid =
    name.length <= 253 &&
    labels.length >= 2 &&
    labels.every((l) => HOST_LABEL.test(l)) &&
    INTERNET_TLDS.has(tld);
  if (!valid) return { ...NXDOMAIN, upstream: true };
  if (type !== 'A') return reply([], [], true);
  const data = `198.51.100.${String(1 + (fnv1a(name) % 254))}`;
  return reply([{ name, type: 'A', ttl: INTERNET_TTL, data }], [], true);
}

// ---- CoreDNS kubernetes plugin ----

/** What CoreDNS calls a msg.Service: an address (or an ExternalName) with a port and a name. */
interface Entry {
  readonly host: string;
  readonly port: number;
  /** The record's own name: the Service, or `<hostname>.<service>` for an endpoint. */
  readonly key: string;
}

interface Request {
  readonly namespace: string;
  readonly service: string;
  readonly endpoint: string;
  readonly port: string;
  readonly protocol: string;
}

/** `a-b-c-d` for endpoints without a hostname (CoreDNS endpointHostname). */
function dashed(ip: string): string {
  return ip.replaceAll('.', '-');
}

function strip(label: string): string {
  return label.startsWith('_') ? label.slice(1) : label;
}

function matchPort(r: Request, name: string, protocol: string): boolean {
  return (r.port === '' || r.port === name) && (r.protocol === '' || r.protocol === protocol);
}

/**
 * The ready endpoints of a headless Service without ports, which the model's per-port endpoints
 * leave out (its EndpointSlice has no ports; CoreDNS gives it a port -1 sentinel and still
 * serves A records). Hostnames as endpoints.ts gives them.
 */
function portlessEndpoints(cluster: Cluster, svc: SimService): SimEndpoint[] {
  if (!svc.headless || svc.ports.length > 0 || !svc.selector) return [];
  const selector = svc.selector;
  return cluster.pods
    .filter(
      (p) =>
        p.namespace === svc.namespace &&
        p.ip !== null &&
        !p.hostNetwork &&
        matchesMap(selector, p.labels) &&
        (p.ready || svc.publishNotReadyAddresses),
    )
    .map((p) => ({
      ip: p.ip ?? '',
      pod: p.key,
      nodeName: p.nodeName,
      ready: p.ready,
      ...(p.owners.some((o) => o.kind === 'StatefulSet') ? { hostname: p.name } : {}),
    }));
}

/** Endpoints of a headless Service (or one named endpoint of any Service). */
function endpointEntries(cluster: Cluster, svc: SimService, r: Request, fqdn: string): Entry[] {
  const out: Entry[] = [];
  for (const ep of portlessEndpoints(cluster, svc)) {
    const host = ep.hostname ?? dashed(ep.ip);
    if ((r.endpoint === '' || r.endpoint === host) && r.port === '' && r.protocol === '')
      out.push({ host: ep.ip, port: -1, key: `${host}.${fqdn}` });
  }
  const ports = cluster.endpoints.get(svc.key)?.ports ?? [];
  // Address-major order, as CoreDNS walks an Endpoints subset (addresses × ports).
  const ips = [...new Set(ports.flatMap((pe) => pe.serving.map((t) => t.endpoint.ip)))];
  for (const ip of ips) {
    for (const pe of ports) {
      const t = pe.serving.find((x) => x.endpoint.ip === ip);
      if (!t || !matchPort(r, pe.port.name, pe.port.protocol.toLowerCase())) continue;
      const host = t.endpoint.hostname ?? dashed(ip);
      if (r.endpoint !== '' && r.endpoint !== host) continue;
      out.push({ host: ip, port: t.port, key: `${host}.${fqdn}` });
    }
  }
  return out;
}

/** CoreDNS findServices: null is NXDOMAIN. */
function serviceEntries(cluster: Cluster, r: Request, zone: string): Entry[] | null {
  const svc = cluster.serviceByKey.get(`${r.namespace}/${r.service}`);
  if (!svc) return null;
  const fqdn = `${svc.name}.${svc.namespace}.svc.${zone}`;
  if (svc.type === 'ExternalName') {
    // No endpoints or ports to ask for; and an ExternalName that is an IP is no CNAME at all.
    const target = normalizeName(svc.externalName ?? '');
    if (r.endpoint || r.port || r.protocol || target === '' || parseIPv4(target) !== null)
      return null;
    return [{ host: target, port: 0, key: fqdn }];
  }
  if (svc.headless || r.endpoint !== '') {
    const found = endpointEntries(cluster, svc, r, fqdn);
    // A headless Service without ready endpoints is NXDOMAIN (spec §2.4.1).
    return found.length > 0 ? found : null;
  }
  const ip = svc.clusterIP;
  const found = svc.ports
    .filter((p) => matchPort(r, p.name, p.protocol.toLowerCase()))
    .flatMap((p) => (ip ? [{ host: ip, port: p.port, key: fqdn }] : []));
  return found.length > 0 ? found : null;
}

/**
 * `pods insecure`: `a-b-c-d.<ns>.pod.<zone>` answers a.b.c.d whether or not a pod has that IP
 * (the deprecated kube-dns behaviour the spec still requires, §2.6). IPv6 forms are not modelled.
 */
function podEntries(r: Request, qname: string): Entry[] | null {
  if (r.service === '') return [];
  const parts = r.service.split('-');
  if (parts.length !== 4 || r.service.includes('--')) return null;
  const ip = parts.join('.');
  return parseIPv4(ip) === null ? null : [{ host: ip, port: 0, key: qname }];
}

/** CoreDNS parseRequest + Records: [] is NODATA, null is NXDOMAIN. */
function clusterEntries(cluster: Cluster, qname: string, zone: string): Entry[] | null {
  const base = qname === zone ? '' : qname.slice(0, -(zone.length + 1));
  if (base === '') return [];
  const segs = base.split('.');
  const kind = segs[segs.length - 1];
  if (kind !== 'svc' && kind !== 'pod') return null;
  if (segs.length === 1) return [];
  const namespace = segs[segs.length - 2] ?? '';
  if (!cluster.namespaceByName.has(namespace)) return null;
  if (segs.length === 2) return [];
  const rest = segs.slice(0, -3);
  if (rest.length > 2) return null;
  const r: Request = {
    namespace,
    service: segs[segs.length - 3] ?? '',
    endpoint: rest.length === 1 ? (rest[0] ?? '') : '',
    port: rest.length === 2 ? strip(rest[0] ?? '') : '',
    protocol: rest.length === 2 ? strip(rest[1] ?? '') : '',
  };
  return kind === 'pod' ? podEntries(r, qname) : serviceEntries(cluster, r, zone);
}

function reverseAddress(qname: string): string | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/.exec(qname);
  if (!m) return null;
  const ip = `${m[4] ?? ''}.${m[3] ?? ''}.${m[2] ?? ''}.${m[1] ?? ''}`;
  return parseIPv4(ip) === null ? null : ip;
}

/** PTR names for an IP: a Service's ClusterIP first, else every Service endpoint with it. */
function ptrTargets(cluster: Cluster, ip: string, zone: string): string[] {
  const svc = cluster.services.find((s) => s.clusterIP === ip);
  if (svc) return [`${svc.name}.${svc.namespace}.svc.${zone}`];
  const out: string[] = [];
  for (const s of cluster.services) {
    const eps = [
      ...portlessEndpoints(cluster, s),
      ...(cluster.endpoints.get(s.key)?.ports ?? []).flatMap((pe) =>
        pe.serving.map((t) => t.endpoint),
      ),
    ];
    const ep = eps.find((e) => e.ip === ip);
    if (ep) out.push(`${ep.hostname ?? dashed(ip)}.${s.name}.${s.namespace}.svc.${zone}`);
  }
  return out;
}

function aRecords(
  cluster: Cluster,
  qname: string,
  entries: readonly Entry[],
  options: UpstreamOptions,
  depth: number,
): DnsAnswer {
  const zone = cluster.settings.clusterDomain;
  const out: DnsRecord[] = [];
  const seen = new Set<string>();
  let upstream = false;
  for (const e of entries) {
    if (parseIPv4(e.host) !== null) {
      if (!seen.has(e.host)) out.push({ name: qname, type: 'A', ttl: CLUSTER_TTL, data: e.host });
      seen.add(e.host);
      continue;
    }
    if (e.host === qname || depth >= MAX_CNAME_DEPTH) continue;
    const cname: DnsRecord = { name: qname, type: 'CNAME', ttl: CLUSTER_TTL, data: e.host };
    // An in-zone target is resolved here and only kept if it resolves; any other target is
    // looked up upstream and the CNAME kept whatever the upstream said.
    const next = isWithin(e.host, zone)
      ? resolve(cluster, e.host, 'A', options, depth + 1)
      : internetRecords(e.host, 'A', options);
    if (isWithin(e.host, zone) && next.answer.length === 0) continue;
    upstream ||= next.upstream;
    out.push(cname, ...next.answer);
  }
  return reply(out, [], upstream);
}

function srvRecords(qname: string, entries: readonly Entry[]): DnsAnswer {
  // CoreDNS splits a weight of 100 evenly over the targets; priority is 0.
  const weight = Math.max(1, Math.floor(100 / Math.max(1, entries.length)));
  const answer: DnsRecord[] = [];
  const additional: DnsRecord[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (e.port === -1) continue;
    const isAddress = parseIPv4(e.host) !== null;
    const target = isAddress ? e.key : e.host;
    if (seen.has(`${target}:${String(e.port)}`)) continue;
    seen.add(`${target}:${String(e.port)}`);
    const srv = { priority: 0, weight, port: e.port };
    answer.push({ name: qname, type: 'SRV', ttl: CLUSTER_TTL, data: target, srv });
    if (isAddress && !additional.some((a) => a.name === target && a.data === e.host))
      additional.push({ name: target, type: 'A', ttl: CLUSTER_TTL, data: e.host });
  }
  return reply(answer, additional);
}

function resolve(
  cluster: Cluster,
  qname: string,
  type: RecordType,
  options: UpstreamOptions,
  depth: number,
): DnsAnswer {
  const zone = cluster.settings.clusterDomain;
  if (isWithin(qname, 'in-addr.arpa') || isWithin(qname, 'ip6.arpa')) {
    const ip = reverseAddress(qname);
    const targets = type === 'PTR' && ip ? ptrTargets(cluster, ip, zone) : [];
    if (targets.length > 0)
      return reply(targets.map((t) => ({ name: qname, type: 'PTR', ttl: CLUSTER_TTL, data: t })));
    // `fallthrough in-addr.arpa ip6.arpa`: unknown addresses go on to the upstream resolver.
    return internetRecords(qname, type, options);
  }
  if (!isWithin(qname, zone)) return internetRecords(qname, type, options);
  const entries = clusterEntries(cluster, qname, zone);
  if (entries === null) return NXDOMAIN;
  switch (type) {
    case 'A':
      return aRecords(cluster, qname, entries, options, depth);
    case 'SRV':
      return srvRecords(qname, entries);
    case 'CNAME':
      return reply(
        entries
          .filter((e) => parseIPv4(e.host) === null)
          .map((e) => ({ name: qname, type: 'CNAME', ttl: CLUSTER_TTL, data: e.host })),
      );
    case 'PTR':
      return reply([]);
    default:
      return assertNever(type);
  }
}

/**
 * What CoreDNS answers for `fqdn` (any case, with or without the trailing dot): Service A
 * records (the ClusterIP, or the ready endpoints of a headless Service), endpoint records
 * `<hostname>.<svc>.<ns>.svc.<zone>` (StatefulSet pods; other endpoints by their dashed IP),
 * `a-b-c-d.<ns>.pod.<zone>` pod records, SRV records for ports (`_<port>._<proto>.<svc>…`),
 * ExternalName CNAMEs followed through the upstream resolver, PTR records for ClusterIPs and
 * endpoint addresses; NXDOMAIN for a cluster name that matches nothing, and everything outside
 * the cluster domain forwarded upstream.
 */
export function clusterRecords(
  cluster: Cluster,
  fqdn: string,
  type: RecordType,
  options: UpstreamOptions = {},
): DnsAnswer {
  return resolve(cluster, normalizeName(fqdn), type, options, 0);
}
