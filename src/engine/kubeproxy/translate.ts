/**
 * The service data path as kube-proxy's rules decide it on one node: which Service a packet
 * hits, which endpoints the traffic policies leave, which one is chosen, whether the source is
 * SNATed, and which chains it passed. The probe engine builds its hops and verdicts on this.
 * Choices are deterministic per seed (no Math.random): a seeded hash of the connection drives
 * the same draws the rules make (iptables' 1/n, 1/(n-1), … statistic rules, nftables'
 * `numgen random mod n`, IPVS round robin), so many connections spread as they would.
 * https://kubernetes.io/docs/reference/networking/virtual-ips/
 */
import type { EndpointTarget } from '../endpoints';
import type { SimService, SimServicePort } from '../services';
import type { Cluster, Protocol } from '../types';
import { fnv1a } from '../../model/names';
import type { Frontend, ProxiedPort, ServiceHit } from './servicePorts';
import { endpointString, isPodAddress, isProxied, proxiedPort } from './servicePorts';
import { chainsFor } from './translateChains';

export type { Frontend, ServiceHit } from './servicePorts';

interface HitIndex {
  /** `ip proto port` → ClusterIP, externalIP or LoadBalancer hit. */
  readonly vips: ReadonlyMap<string, ServiceHit>;
  /** `proto nodePort` → NodePort hit. */
  readonly nodePorts: ReadonlyMap<string, ServiceHit>;
  readonly nodeIPs: ReadonlySet<string>;
}

/** Built once per cluster snapshot: probes ask for hits thousands of times. */
const indexes = new WeakMap<Cluster, HitIndex>();

function indexOf(cluster: Cluster): HitIndex {
  const cached = indexes.get(cluster);
  if (cached) return cached;
  const vips = new Map<string, ServiceHit>();
  const nodePorts = new Map<string, ServiceHit>();
  const put = (ip: string, service: SimService, port: SimServicePort, frontend: Frontend) => {
    const key = `${ip} ${port.protocol} ${port.port}`;
    if (!vips.has(key)) vips.set(key, { service, port, frontend });
  };
  const proxied = cluster.services.filter(isProxied);
  // ClusterIPs first: kube-proxy writes them before external addresses, so they win.
  for (const s of proxied) for (const p of s.ports) put(s.clusterIP, s, p, 'clusterIP');
  for (const s of proxied)
    for (const p of s.ports) for (const ip of s.externalIPs) put(ip, s, p, 'externalIP');
  for (const s of proxied) {
    for (const p of s.ports) {
      if (s.loadBalancerIP !== null) put(s.loadBalancerIP, s, p, 'loadBalancer');
      const npKey = `${p.protocol} ${p.nodePort ?? ''}`;
      if (p.nodePort !== null && !nodePorts.has(npKey))
        nodePorts.set(npKey, { service: s, port: p, frontend: 'nodePort' });
    }
  }
  const index = { vips, nodePorts, nodeIPs: new Set(cluster.nodes.map((n) => n.ip)) };
  indexes.set(cluster, index);
  return index;
}

/**
 * Which Service (if any) a packet to `dstIp:dstPort/protocol` hits: a ClusterIP, an
 * externalIP or LoadBalancer IP on the service port, or any node IP on a nodePort.
 */
export function findServiceHit(
  cluster: Cluster,
  dstIp: string,
  dstPort: number,
  protocol: Protocol,
): ServiceHit | null {
  const index = indexOf(cluster);
  const vip = index.vips.get(`${dstIp} ${protocol} ${dstPort}`);
  if (vip) return vip;
  if (index.nodeIPs.has(dstIp)) return index.nodePorts.get(`${protocol} ${dstPort}`) ?? null;
  return null;
}

export interface Translation {
  readonly hit: ServiceHit;
  /** Endpoints eligible on this node after the traffic policies. */
  readonly candidates: readonly EndpointTarget[];
  readonly chosen: EndpointTarget | null;
  /**
   * Why nothing was chosen: 'no-endpoints' (REJECT: connection refused / ICMP port
   * unreachable) or 'no-local-endpoints' (etp/itp Local on a node without one: DROP).
   */
  readonly dropped?: 'no-endpoints' | 'no-local-endpoints';
  /** Whether the source is SNATed to the node IP (KUBE-MARK-MASQ, then MASQUERADE). */
  readonly masquerade: boolean;
  /** The chains (or IPVS virtual/real servers) the packet traverses in the current mode. */
  readonly chain: readonly string[];
  /** The selection probability of `chosen` as the rules give it (1/n). */
  readonly probability: number;
  readonly note: string;
}

export interface Packet {
  readonly srcIp: string;
  readonly srcPort: number;
  readonly dstIp: string;
  readonly dstPort: number;
  readonly protocol: Protocol;
  readonly fromExternal: boolean;
}

/** A uniform number in [0, 1) from the seed and the text, with a final avalanche mix. */
function draw(seed: number, text: string): number {
  let h = fnv1a(`${seed}|${text}`);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 0x100000000;
}

/** The index each mode's rules pick among n candidates for this connection. */
function pick(cluster: Cluster, n: number, p: ProxiedPort, packet: Packet, seed: number): number {
  const tuple = `${packet.srcIp}:${packet.srcPort}>${packet.dstIp}:${packet.dstPort}/${packet.protocol}`;
  if (p.service.sessionAffinity === 'ClientIP') {
    // The first connection is placed at random and remembered per client IP (`-m recent`,
    // the nft affinity set, IPVS persistence); a fixed hash of the client stands for it.
    return Math.floor(draw(0, `${packet.srcIp}|${p.name}|${p.port.protocol}`) * n);
  }
  switch (cluster.settings.kubeProxyMode) {
    case 'iptables':
      // Rule i matches with probability 1/(n-i); the last one always matches.
      for (let i = 0; i < n - 1; i++) if (draw(seed, `${tuple}#${i}`) < 1 / (n - i)) return i;
      return n - 1;
    case 'nftables':
      return Math.floor(draw(seed, tuple) * n);
    case 'ipvs':
      return ((Math.floor(seed) % n) + n) % n;
  }
}

function pickNote(cluster: Cluster, n: number, p: ProxiedPort): string {
  if (p.service.sessionAffinity === 'ClientIP')
    return 'sessionAffinity ClientIP: this client IP sticks to one endpoint for 10800s';
  switch (cluster.settings.kubeProxyMode) {
    case 'iptables':
      return `-m statistic --mode random picks each of ${n} endpoint(s) with probability 1/${n}`;
    case 'nftables':
      return `numgen random mod ${n} picks each of ${n} endpoint(s) with probability 1/${n}`;
    case 'ipvs':
      return `the rr scheduler takes the ${n} real server(s) in turn`;
  }
}

/**
 * What kube-proxy on `nodeName` does with `packet`: null when it hits no Service. `seed`
 * stands for the connection (e.g. a probe's index); the same seed gives the same choice.
 */
export function translate(
  cluster: Cluster,
  nodeName: string,
  packet: Packet,
  seed: number,
): Translation | null {
  const hit = findServiceHit(cluster, packet.dstIp, packet.dstPort, packet.protocol);
  if (!hit || !isProxied(hit.service)) return null;
  const p = proxiedPort(cluster, hit.service, hit.port, nodeName);
  const mode = cluster.settings.kubeProxyMode;
  const node = cluster.nodeByName.get(nodeName);
  const fromPod = !packet.fromExternal && isPodAddress(cluster, packet.srcIp);
  const fromNode =
    !packet.fromExternal && (packet.srcIp === node?.ip || packet.srcIp.startsWith('127.'));
  const external = hit.frontend !== 'clusterIP';
  const dst = { ip: packet.dstIp, port: packet.dstPort };
  const base = { hit, candidates: [] as EndpointTarget[], chosen: null, probability: 0 };

  if (!p.hasEndpoints) {
    return {
      ...base,
      dropped: 'no-endpoints',
      masquerade: false,
      chain: chainsFor(cluster, p, hit, dst, { kind: 'no-endpoints' }),
      note: `${p.name} has no endpoints: kube-proxy rejects the connection (ICMP port unreachable, seen as connection refused)`,
    };
  }
  // Which policy applies, and whether the rules on the way mark the packet for SNAT.
  let local: boolean;
  let markedBefore: boolean;
  let why: string;
  if (!external) {
    local = p.internalPolicyLocal;
    markedBefore = !isPodAddress(cluster, packet.srcIp);
    why = markedBefore ? 'the source is outside the pod CIDR' : '';
  } else if (!p.externalPolicyLocal) {
    local = false;
    markedBefore = true;
    why = 'external traffic with externalTrafficPolicy Cluster is SNATed to the node';
  } else if (mode !== 'ipvs' && (fromPod || fromNode)) {
    // Pods and the node itself are short-circuited to every endpoint, as if they had gone
    // out to the load balancer and come back in; the node's own traffic is SNATed.
    local = false;
    markedBefore = fromNode;
    why = fromNode ? 'traffic from the node itself to an external address is SNATed' : '';
  } else {
    local = true;
    markedBefore = false;
    why = '';
  }
  const candidates = local ? p.localEndpoints : p.clusterEndpoints;
  if (candidates.length === 0) {
    return {
      ...base,
      dropped: 'no-local-endpoints',
      masquerade: false,
      chain: chainsFor(cluster, p, hit, dst, { kind: 'no-local-endpoints' }),
      note:
        mode === 'ipvs'
          ? `${p.name} has no endpoint on ${nodeName} and its traffic policy is Local: the virtual server has no real servers`
          : `${p.name} has no local endpoints on ${nodeName} and its traffic policy is Local: the packet is dropped`,
    };
  }
  const index = pick(cluster, candidates.length, p, packet, seed);
  const chosen = candidates[index] ?? candidates[0]!;
  const hairpin = chosen.endpoint.ip === packet.srcIp;
  const masquerade = markedBefore || hairpin;
  const reasons = [why, hairpin ? 'the endpoint is the client itself (hairpin)' : '']
    .filter((r) => r !== '')
    .join('; ');
  const snat = masquerade ? `; source SNATed to the node IP (${reasons})` : '; source IP kept';
  return {
    hit,
    candidates,
    chosen,
    masquerade,
    chain: chainsFor(cluster, p, hit, dst, { kind: 'ok', local, markedBefore, hairpin, chosen }),
    probability: 1 / candidates.length,
    note: `${pickNote(cluster, candidates.length, p)}; chose ${endpointString(chosen)}${snat}`,
  };
}
