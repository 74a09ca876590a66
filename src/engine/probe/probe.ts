/**
 * `probe`: what happens to one connection from a source to a destination, hop by hop, and why.
 * Names are resolved as the source would (resolv.conf, search list), and the lookup is itself
 * traffic: UDP/53 to the kube-dns ClusterIP, DNATed to a CoreDNS pod and subject to policy.
 */
import type { Place } from '../cni';
import { resolveLocalhost } from '../containers';
import type { PodDnsSettings } from '../dns';
import { lookup } from '../dns';
import type { Hop } from '../hops';
import { ingressHostAddress } from '../ingress';
import { parseIPv4 } from '../ip';
import type { Cluster, Protocol, SimPod } from '../types';
import type { Leg } from './connect';
import { connect, ephemeralPort } from './connect';
import type { HttpAsk } from './http';
import { answerHttp } from './http';
import type { Source, Target } from './target';
import { parseTarget, resolveSource } from './target';
import type { ProbeRequest, ProbeResult, Verdict } from './types';

interface Resolved {
  readonly name: string;
  readonly ip: string | null;
  readonly cname: string | null;
}

function dnsSettings(pod: SimPod): PodDnsSettings {
  return {
    dnsPolicy: pod.dnsPolicy,
    hostNetwork: pod.hostNetwork,
    ...(pod.dnsConfig ? { dnsConfig: pod.dnsConfig } : {}),
    ...(pod.hostname !== undefined ? { hostname: pod.hostname } : {}),
    ...(pod.subdomain !== undefined ? { subdomain: pod.subdomain } : {}),
  };
}

function placeOf(src: Source): Place {
  return src.kind === 'pod' ? { kind: 'pod', pod: src.pod } : { kind: 'external', ip: src.ip };
}

/** Everything the result needs besides the verdict; filled as the probe goes. */
class Draft {
  hops: Hop[] = [];
  resolved: Resolved | null = null;
  backend: { pod: string | null; ip: string } | null = null;
  backends: { pod: string | null; ip: string }[] = [];
  seenSource: string | null = null;
  response: { status: number; body: string } | null = null;

  constructor(
    readonly from: { name: string; ip: string | null },
    readonly port: number,
    readonly protocol: Protocol,
  ) {}

  /** Appended to every explanation (e.g. that the CNI ignores NetworkPolicy). */
  note = '';

  done(verdict: Verdict, explanation: string): ProbeResult {
    if (this.note !== '') explanation = `${explanation}. ${this.note}`;
    return {
      verdict,
      from: this.from,
      resolved: this.resolved,
      backend: this.backend,
      backends: this.backends,
      seenSource: this.seenSource,
      response: this.response,
      hops: this.hops,
      explanation,
      port: this.port,
      protocol: this.protocol,
    };
  }
}

function notFound(req: ProbeRequest, message: string): ProbeResult {
  return {
    verdict: 'not-found',
    from: { name: req.from, ip: null },
    resolved: null,
    backend: null,
    backends: [],
    seenSource: null,
    response: null,
    hops: [],
    explanation: message,
    port: req.port ?? 80,
    protocol: req.protocol ?? 'TCP',
  };
}

/** Resolve `name` from the source; the lookup's own packet may be denied. */
function resolveName(
  cluster: Cluster,
  src: Source,
  name: string,
  d: Draft,
  seed: number,
): { ip: string } | { verdict: Verdict; text: string } {
  const ingressHosts = (n: string) => ingressHostAddress(cluster, n);
  const from =
    src.kind === 'pod'
      ? { namespace: src.pod.namespace, settings: dnsSettings(src.pod) }
      : ('external' as const);
  const result = lookup(cluster, from, name, 'A', { ingressHosts });
  if (result.isClusterDns && result.server && src.kind === 'pod') {
    // The query itself: UDP/53 to the cluster DNS Service, through kube-proxy and policy.
    const leg = connect(cluster, {
      from: placeOf(src),
      dstIp: result.server,
      dstPort: 53,
      protocol: 'UDP',
      seed,
    });
    d.hops.push({
      kind: 'dns',
      at: `pod:${src.pod.key}`,
      node: src.pod.nodeName,
      device: 'resolv.conf',
      packet: {
        src: `${src.pod.ip ?? ''}:${String(leg.srcPort)}`,
        dst: `${result.server}:53`,
        protocol: 'UDP',
      },
      text: `asks ${result.server} (UDP 53) for ${name}, as resolv.conf says (search list, ndots:5)`,
    });
    d.hops.push(...leg.hops.map((h) => ({ ...h, text: `[DNS] ${h.text}` })));
    if (leg.outcome.kind === 'delivered') {
      d.hops.push({
        kind: 'dns',
        at: `pod:${src.pod.key}`,
        node: src.pod.nodeName,
        device: 'CoreDNS',
        packet: {
          src: `${result.server}:53`,
          dst: `${src.pod.ip ?? ''}:${String(leg.srcPort)}`,
          protocol: 'UDP',
        },
        text: `queries in order: ${result.tried.map((q) => `${q.fqdn} (${q.rcode})`).join(', ') || 'none'}`,
      });
    }
    if (leg.outcome.kind === 'denied')
      return {
        verdict: 'denied',
        text: `name resolution failed: the DNS query to ${result.server}:53/UDP was blocked (${leg.outcome.text}); curl reports "Could not resolve host: ${name}". Allow egress to kube-dns (UDP and TCP 53) in the policy`,
      };
    if (leg.outcome.kind !== 'delivered') {
      const why = leg.outcome.kind === 'internet' ? 'it is outside the cluster' : leg.outcome.text;
      return {
        verdict: 'unreachable',
        text: `name resolution failed: the cluster DNS at ${result.server} did not answer (${why})`,
      };
    }
  }
  if (!result.answer || result.answer.addresses.length === 0) {
    d.resolved = { name, ip: null, cname: null };
    return {
      verdict: result.failure?.includes('timed out') ? 'unreachable' : 'nxdomain',
      text: result.failure ?? `${name} does not resolve`,
    };
  }
  const ip = result.answer.addresses[0] ?? '';
  d.resolved = {
    name: result.answer.fqdn,
    ip,
    cname:
      result.answer.cnameChain.length > 0
        ? (result.answer.cnameChain[result.answer.cnameChain.length - 1] ?? null)
        : null,
  };
  d.hops.push({
    kind: 'dns',
    at: src.kind === 'pod' ? `pod:${src.pod.key}` : 'external:internet',
    node: src.kind === 'pod' ? src.pod.nodeName : null,
    device: 'resolver',
    packet: { src: result.server ?? '', dst: ip, protocol: 'UDP' },
    text: `${name} resolves to ${result.answer.addresses.join(', ')}${result.answer.cnameChain.length > 0 ? ` (CNAME ${result.answer.cnameChain.join(' → ')})` : ''}${result.upstream ? ' from the upstream resolver' : ''}`,
  });
  return { ip };
}

function defaultPort(cluster: Cluster, t: Target): number {
  if (t.kind === 'url') return t.port ?? (t.scheme === 'https' ? 443 : 80);
  if (t.kind === 'service') return cluster.serviceByKey.get(t.key)?.ports[0]?.port ?? 80;
  return 80;
}

/** `localhost` inside the source pod: its own loopback, shared by all its containers. */
function probeLocalhost(
  cluster: Cluster,
  src: Source,
  d: Draft,
  port: number,
  protocol: Protocol,
  ask: HttpAsk,
  seed: number,
): ProbeResult {
  if (src.kind !== 'pod')
    return d.done('unreachable', 'localhost only means something inside a pod');
  const l = resolveLocalhost(src.pod, port, protocol);
  const srcPort = ephemeralPort(seed);
  const pkt = { src: `127.0.0.1:${String(srcPort)}`, dst: `127.0.0.1:${String(port)}`, protocol };
  d.seenSource = '127.0.0.1';
  d.hops.push({
    kind: 'interface',
    at: `pod:${src.pod.key}`,
    node: src.pod.nodeName,
    device: 'lo',
    packet: pkt,
    text: `containers of ${src.pod.name} share one network namespace: localhost is the pod's own loopback`,
  });
  if (!l)
    return d.done(
      'refused',
      `nothing in ${src.pod.key} listens on localhost:${String(port)}/${protocol}: connection refused`,
    );
  d.hops.push({
    kind: 'deliver',
    at: `pod:${src.pod.key}`,
    node: src.pod.nodeName,
    device: l.process,
    packet: pkt,
    text: `${l.process} in container ${l.container} answers`,
  });
  d.backend = { pod: src.pod.key, ip: '127.0.0.1' };
  const leg: Leg = {
    hops: [],
    translation: null,
    seenSource: '127.0.0.1',
    srcPort,
    outcome: { kind: 'delivered', pod: src.pod, node: null, listener: l, port, text: '' },
  };
  const http = protocol === 'TCP' ? answerHttp(cluster, leg, ask, seed) : null;
  d.response = http?.response ?? null;
  const other =
    src.container && src.container !== l.container
      ? ` (a different container from ${src.container}: they share localhost)`
      : '';
  return d.done(
    'delivered',
    `${l.process} in container ${l.container} answers on localhost:${String(port)}${other}${http?.text ? `. ${http.text}` : ''}`,
  );
}

/** Follow one connection. Never throws on user input. */
export function probe(cluster: Cluster, req: ProbeRequest): ProbeResult {
  const source = resolveSource(cluster, req.from);
  if (!source.ok) return notFound(req, source.message);
  const src = source.value;
  const parsed = parseTarget(req.to);
  if (!parsed.ok) return notFound(req, parsed.message);
  const target = parsed.value;
  const protocol = req.protocol ?? 'TCP';
  const port = req.port ?? defaultPort(cluster, target);
  const seed = req.seed ?? 0;
  const d = new Draft(
    {
      name: src.kind === 'pod' ? src.pod.key : 'external',
      ip: src.kind === 'pod' ? src.pod.ip : src.ip,
    },
    port,
    protocol,
  );
  if (!cluster.settings.enforcesPolicy && cluster.policies.length > 0) {
    d.note = `Note: the ${cluster.settings.cniPlugin} CNI does not enforce NetworkPolicy, so the scenario's policies have no effect`;
  }
  let ask: HttpAsk = { scheme: port === 443 ? 'https' : 'http', host: req.to, path: '/' };

  // Where to connect.
  let dstIp: string;
  switch (target.kind) {
    case 'localhost':
      return probeLocalhost(cluster, src, d, port, protocol, { ...ask, host: 'localhost' }, seed);
    case 'pod': {
      const pod = cluster.podByKey.get(target.key);
      if (!pod) return notFound(req, `no pod ${target.key}`);
      if (pod.ip === null)
        return d.done(
          'unreachable',
          `pod ${target.key} is Pending (${pod.pendingReason ?? 'not scheduled'}) and has no IP`,
        );
      dstIp = pod.ip;
      ask = { ...ask, host: pod.ip };
      break;
    }
    case 'node': {
      const node = cluster.nodeByName.get(target.name);
      if (!node)
        return notFound(
          req,
          `no node ${target.name} (nodes: ${cluster.nodes.map((n) => n.name).join(', ')})`,
        );
      dstIp = node.ip;
      ask = { ...ask, host: node.ip };
      break;
    }
    case 'service': {
      const svc = cluster.serviceByKey.get(target.key);
      if (!svc) return notFound(req, `no Service ${target.key}`);
      if (svc.type === 'ExternalName') {
        const r = resolveName(
          cluster,
          src,
          `${svc.name}.${svc.namespace}.svc.${cluster.settings.clusterDomain}`,
          d,
          seed,
        );
        if ('verdict' in r) return d.done(r.verdict, r.text);
        dstIp = r.ip;
      } else if (src.kind === 'external') {
        const ext = svc.loadBalancerIP ?? svc.externalIPs[0] ?? null;
        if (!ext) {
          const np =
            svc.ports.find((p) => p.port === port)?.nodePort ?? svc.ports[0]?.nodePort ?? null;
          return d.done(
            'unreachable',
            `${svc.key} is type ${svc.type} with no LoadBalancer IP or externalIPs: it has no address outside the cluster${np !== null ? `; reach it as node:${cluster.nodes.find((n) => !n.isControlPlane)?.name ?? cluster.nodes[0]?.name ?? 'NAME'} on its nodePort ${String(np)}` : ' (make it a NodePort or LoadBalancer Service)'}`,
          );
        }
        dstIp = ext;
      } else if (svc.headless) {
        const eps = cluster.endpoints.get(svc.key)?.ports[0]?.serving ?? [];
        if (eps.length === 0)
          return d.done(
            'no-endpoints',
            `${svc.key} is headless (no ClusterIP) and has no ready endpoints, so its name resolves to nothing`,
          );
        dstIp = eps[seed % eps.length]!.endpoint.ip;
      } else {
        dstIp = svc.clusterIP ?? '';
      }
      // curl sends the name or address it was given as the Host header.
      ask = {
        ...ask,
        host:
          src.kind === 'external'
            ? dstIp
            : `${svc.name}.${svc.namespace}.svc.${cluster.settings.clusterDomain}`,
      };
      break;
    }
    case 'ip':
      dstIp = target.ip;
      ask = { ...ask, host: target.ip };
      break;
    case 'name':
    case 'url': {
      const host = target.kind === 'url' ? target.host : target.name;
      if (target.kind === 'url')
        ask = {
          scheme: target.scheme,
          host: target.port === null ? host : `${host}:${String(target.port)}`,
          path: target.path,
        };
      else ask = { ...ask, host };
      if (host === 'localhost' || host === '127.0.0.1')
        return probeLocalhost(cluster, src, d, port, protocol, ask, seed);
      if (parseIPv4(host) !== null) {
        dstIp = host;
        break;
      }
      const r = resolveName(cluster, src, host, d, seed);
      if ('verdict' in r) return d.done(r.verdict, r.text);
      dstIp = r.ip;
      break;
    }
  }

  const leg = connect(cluster, { from: placeOf(src), dstIp, dstPort: port, protocol, seed });
  d.hops.push(...leg.hops);
  d.seenSource = leg.seenSource;
  const t = leg.translation;
  d.backends = t ? t.candidates.map((c) => ({ pod: c.endpoint.pod, ip: c.endpoint.ip })) : [];
  if (t?.chosen) d.backend = { pod: t.chosen.endpoint.pod, ip: t.chosen.endpoint.ip };
  const o = leg.outcome;
  switch (o.kind) {
    case 'denied':
      return d.done('denied', o.text);
    case 'refused':
    case 'no-endpoints':
    case 'unreachable':
      return d.done(o.kind, o.text);
    case 'internet': {
      d.backend = { pod: null, ip: o.ip };
      if (protocol !== 'TCP' || (o.port !== 80 && o.port !== 443))
        return d.done(
          'unreachable',
          `${o.ip} is outside the cluster; the simulated internet host answers only TCP 80 and 443`,
        );
      d.response = {
        status: 200,
        body: `Hello from ${ask.host.replace(/:\d+$/, '')} (a simulated internet host)`,
      };
      return d.done(
        'delivered',
        src.kind === 'external'
          ? 'the outside host answered directly: this traffic never enters the cluster'
          : `the connection left the cluster masqueraded as the node's IP ${leg.seenSource}; the outside host answered`,
      );
    }
    case 'delivered': {
      if (!t) d.backend = { pod: o.pod?.key ?? null, ip: o.pod?.ip ?? o.node?.ip ?? dstIp };
      if (protocol !== 'TCP') return d.done('delivered', o.text);
      const http = answerHttp(cluster, leg, ask, seed);
      d.hops.push(...http.hops);
      d.response = http.response;
      if (http.proxied) {
        const p = http.proxied;
        d.seenSource = p.seenSource;
        if (http.backendPod) d.backend = { pod: http.backendPod.key, ip: http.backendPod.ip ?? '' };
        if (p.outcome.kind === 'denied')
          return d.done(
            'denied',
            `the ingress controller's connection to the backend was denied: ${p.outcome.text} (the controller answers ${String(http.response?.status ?? 504)})`,
          );
        if (p.outcome.kind !== 'delivered')
          return d.done(
            p.outcome.kind === 'internet' ? 'delivered' : p.outcome.kind,
            `the ingress controller could not reach the backend: ${p.outcome.kind === 'internet' ? '' : p.outcome.text} (it answers ${String(http.response?.status ?? 502)})`,
          );
      }
      if (http.proxied) return d.done('delivered', http.text);
      return d.done(
        'delivered',
        [o.text, http.text].filter((x, i, all) => x !== '' && all.indexOf(x) === i).join('. '),
      );
    }
  }
}
