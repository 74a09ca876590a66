/**
 * One connection attempt, layer 3/4: from a place to `ip:port`, through kube-proxy's service
 * NAT, NetworkPolicy and the pod network, to whatever answers (or why nothing does).
 * Policy is checked where CNIs check it: after service DNAT (against the backend pod and its
 * target port) and, for traffic masqueraded on one node and forwarded to another, against the
 * translated source (the first node's IP) — on the same node the filter runs before
 * POSTROUTING's MASQUERADE, so it still sees the client.
 */
import type { Place } from '../cni';
import { hostInterface, networkPath, nodeOfPlace, placeId } from '../cni';
import type { Listener } from '../containers';
import { explainPort, resolvePodPort } from '../containers';
import type { Hop, PacketHeader } from '../hops';
import { addr } from '../hops';
import { cidrContains, parseCidr4, parseIPv4 } from '../ip';
import type { ServiceHit, Translation } from '../kubeproxy/translate';
import { findServiceHit, translate } from '../kubeproxy/translate';
import type { ConnectionVerdict, TrafficEnd } from '../networkpolicy';
import { describeDenial, evaluateTraffic } from '../networkpolicy';
import type { Cluster, Protocol, SimNode, SimPod } from '../types';

export type LegOutcome =
  | {
      readonly kind: 'delivered';
      readonly pod: SimPod | null;
      readonly node: SimNode | null;
      readonly listener: Listener | null;
      readonly port: number;
      readonly text: string;
    }
  | { readonly kind: 'internet'; readonly ip: string; readonly port: number }
  | { readonly kind: 'denied'; readonly verdict: ConnectionVerdict; readonly text: string }
  | { readonly kind: 'refused' | 'no-endpoints' | 'unreachable'; readonly text: string };

export interface Leg {
  readonly hops: readonly Hop[];
  readonly outcome: LegOutcome;
  readonly translation: Translation | null;
  /** The source address the far end sees. */
  readonly seenSource: string;
  readonly srcPort: number;
}

/** An ephemeral source port, deterministic per seed (Linux's default range starts at 32768). */
export function ephemeralPort(seed: number): number {
  return 32768 + ((seed * 7919 + 12345) % 28231);
}

function placeIp(p: Place): string {
  if (p.kind === 'pod') return p.pod.ip ?? '';
  if (p.kind === 'node') return p.node.ip;
  return p.ip;
}

function endOf(p: Place): TrafficEnd {
  if (p.kind === 'pod') return { kind: 'pod', pod: p.pod };
  if (p.kind === 'node') return { kind: 'node', node: p.node.name, ip: p.node.ip };
  return { kind: 'external', ip: p.ip };
}

/** What an address is, once all NAT is done. */
function placeOfIp(cluster: Cluster, ip: string): Place | { kind: 'unknown'; why: string } {
  const pod = cluster.pods.find((p) => p.ip === ip && !p.hostNetwork);
  if (pod) return { kind: 'pod', pod };
  const node = cluster.nodes.find((n) => n.ip === ip);
  if (node) return { kind: 'node', node };
  const n = parseIPv4(ip);
  const podNet = parseCidr4(cluster.settings.podCIDR);
  const svcNet = parseCidr4(cluster.settings.serviceCIDR);
  if (n !== null && podNet && cidrContains(podNet, n))
    return {
      kind: 'unknown',
      why: `no pod has the address ${ip} (it is in the pod CIDR ${cluster.settings.podCIDR}, but pod IPs change when pods are recreated)`,
    };
  if (n !== null && svcNet && cidrContains(svcNet, n)) {
    const svc = cluster.services.find((sv) => sv.clusterIP === ip);
    return {
      kind: 'unknown',
      why: svc
        ? `${ip} is the ClusterIP of ${svc.key}, which serves ${svc.ports.map((sp) => `${String(sp.port)}/${sp.protocol}`).join(', ') || 'no ports'} only: kube-proxy has no rule for this port, so nothing answers (a ClusterIP is virtual: there is no host behind it)`
        : `no Service has the address ${ip}: nothing answers a ClusterIP that is not allocated`,
    };
  }
  if (ip.startsWith('172.18.'))
    return { kind: 'unknown', why: `nothing on the node network has the address ${ip}` };
  return { kind: 'external', ip };
}

/** The node that receives traffic for an outside-facing address (node IP, or an LB/external IP). */
function ingressNode(cluster: Cluster, dstIp: string, hit: ServiceHit | null): SimNode | null {
  const byIp = cluster.nodes.find((n) => n.ip === dstIp);
  if (byIp) return byIp;
  if (!hit) return null;
  // MetalLB (L2) answers ARP for the address from one node; with externalTrafficPolicy Local
  // only nodes with a ready local endpoint announce it.
  const local = hit.service.externalTrafficPolicy === 'Local';
  const eps =
    cluster.endpoints.get(hit.service.key)?.ports.find((p) => p.port === hit.port)?.serving ?? [];
  const withEndpoint = cluster.nodes.find((n) => eps.some((e) => e.endpoint.nodeName === n.name));
  const worker = cluster.nodes.find((n) => !n.isControlPlane) ?? cluster.nodes[0] ?? null;
  return local ? (withEndpoint ?? worker) : worker;
}

function policyHop(
  at: string,
  node: string | null,
  device: string,
  pkt: PacketHeader,
  ok: boolean,
  text: string,
): Hop {
  return {
    kind: 'policy',
    at,
    node,
    device,
    packet: pkt,
    text,
    verdict: ok ? 'allowed' : 'denied',
  };
}

function policyDevice(cluster: Cluster, pod: SimPod, dir: 'egress' | 'ingress'): string {
  const plugin = cluster.settings.cniPlugin;
  const iface = hostInterface(cluster, pod);
  if (plugin === 'cilium') return `cilium ${dir} policy (eBPF on ${iface})`;
  // Calico (and canal, which uses Calico for policy) programs per-interface chains.
  return dir === 'egress' ? `cali-fw-${iface}` : `cali-tw-${iface}`;
}

function ruleText(v: ConnectionVerdict['egress']): string {
  if (!v.isolated) return 'not isolated';
  if (v.allowedBy.length === 0) return `no rule of ${v.policies.join(', ')} allows it`;
  return `allowed by ${v.allowedBy.map((a) => `${a.policy} rule ${String(a.rule)}`).join(', ')}`;
}

/** Listeners of a node: hostNetwork pods on it, and the node's own daemons. */
function nodeListener(
  cluster: Cluster,
  node: SimNode,
  port: number,
  protocol: Protocol,
): { pod: SimPod | null; listener: Listener | null; text: string } | null {
  for (const p of cluster.pods) {
    if (!p.hostNetwork || p.nodeName !== node.name) continue;
    const l = resolvePodPort(p, port, protocol);
    if (l)
      return {
        pod: p,
        listener: l,
        text: `${l.process} in host-network pod ${p.key} listens on ${node.name}:${String(port)}`,
      };
  }
  if (protocol === 'TCP' && port === 10250)
    return {
      pod: null,
      listener: null,
      text: `the kubelet on ${node.name} listens on 10250 (HTTPS, it answers 401 without credentials)`,
    };
  if (protocol === 'TCP' && port === 6443 && node.isControlPlane)
    return {
      pod: null,
      listener: null,
      text: `kube-apiserver on ${node.name} listens on 6443 (HTTPS)`,
    };
  return null;
}

/** Pods on `node` that publish `port` as a hostPort (the CNI portmap plugin DNATs to them). */
function hostPortTarget(
  cluster: Cluster,
  node: SimNode,
  port: number,
  protocol: Protocol,
): { pod: SimPod; containerPort: number } | null {
  for (const p of cluster.pods) {
    if (p.nodeName !== node.name || p.hostNetwork || p.ip === null) continue;
    for (const c of p.containers)
      for (const cp of c.ports)
        if (cp.hostPort === port && cp.protocol === protocol)
          return { pod: p, containerPort: cp.containerPort };
  }
  return null;
}

export interface ConnectRequest {
  readonly from: Place;
  readonly dstIp: string;
  readonly dstPort: number;
  readonly protocol: Protocol;
  readonly seed: number;
}

/** Follow one connection from `from` to `dstIp:dstPort`. */
export function connect(cluster: Cluster, req: ConnectRequest): Leg {
  const { from, dstIp, protocol } = req;
  const srcIp = placeIp(from);
  const srcPort = ephemeralPort(req.seed);
  const hops: Hop[] = [];
  const pre: PacketHeader = { src: addr(srcIp, srcPort), dst: addr(dstIp, req.dstPort), protocol };
  const fromExternal = from.kind === 'external';
  const srcNode = nodeOfPlace(cluster, from);
  const procNode = fromExternal ? null : srcNode;

  // kube-proxy: which node's rules see the packet first.
  let translation: Translation | null = null;
  let natNode: SimNode | null = procNode;
  if (fromExternal) {
    // Which Service the address belongs to decides which node receives it; that node's rules
    // then translate it (below), once.
    const hit = findServiceHit(cluster, dstIp, req.dstPort, protocol);
    natNode = ingressNode(cluster, dstIp, hit);
    if (hit && hit.frontend === 'clusterIP') {
      return {
        hops,
        translation: null,
        srcPort,
        seenSource: srcIp,
        outcome: {
          kind: 'unreachable',
          text: `${dstIp} is a ClusterIP of ${hit.service.key}: only reachable inside the cluster (use its NodePort or a LoadBalancer from outside)`,
        },
      };
    }
  }
  if (natNode)
    translation = translate(
      cluster,
      natNode.name,
      { srcIp, srcPort, dstIp, dstPort: req.dstPort, protocol, fromExternal },
      req.seed,
    );

  let finalIp = dstIp;
  let finalPort = req.dstPort;
  let masquerade = false;
  let natHops: Hop[] = [];
  if (translation) {
    const svc = translation.hit.service;
    const at = `service:${svc.key}`;
    if (!translation.chosen) {
      const noLocal = translation.dropped === 'no-local-endpoints';
      hops.push(
        ...networkPath(cluster, from, natNode ? { kind: 'node', node: natNode } : from, pre).out,
      );
      if (fromExternal && natNode)
        hops.push({
          kind: 'wire',
          at: `node:${natNode.name}`,
          node: natNode.name,
          device: 'eth0',
          packet: pre,
          text: `from outside to ${natNode.name}`,
        });
      hops.push({
        kind: 'drop',
        at,
        node: natNode?.name ?? null,
        device: translation.chain.join(' → ') || 'kube-proxy',
        packet: pre,
        text: translation.note,
      });
      return {
        hops,
        translation,
        srcPort,
        seenSource: srcIp,
        outcome: noLocal
          ? {
              kind: 'unreachable',
              text: `${svc.key} has no ready endpoint on ${natNode?.name ?? 'this node'} and its traffic policy is Local, so kube-proxy drops the packet (the client times out). ${translation.note}`,
            }
          : {
              kind: 'no-endpoints',
              text: `${svc.key} has no ready endpoints for port ${String(translation.hit.port.port)}: kube-proxy rejects the connection (${translation.chain[translation.chain.length - 1] ?? 'REJECT'})`,
            },
      };
    }
    finalIp = translation.chosen.endpoint.ip;
    finalPort = translation.chosen.port;
    masquerade = translation.masquerade;
    const post: PacketHeader = { src: pre.src, dst: addr(finalIp, finalPort), protocol };
    natHops = [
      {
        kind: 'nat',
        at,
        node: natNode?.name ?? null,
        device: translation.chain.join(' → '),
        packet: post,
        text: `kube-proxy (${cluster.settings.kubeProxyMode}) DNATs ${dstIp}:${String(req.dstPort)} to ${finalIp}:${String(finalPort)}${translation.chosen.endpoint.pod ? ` (${translation.chosen.endpoint.pod})` : ''}, chosen with probability ${translation.probability.toFixed(2)} of ${String(translation.candidates.length)}. ${translation.note}`,
      },
    ];
  }

  // Where the packet finally goes.
  let target = placeOfIp(cluster, finalIp);
  let hostPortNote: Hop | null = null;
  if (target.kind === 'node' && !translation) {
    const hp = hostPortTarget(cluster, target.node, finalPort, protocol);
    if (hp && !nodeListener(cluster, target.node, finalPort, protocol)) {
      hostPortNote = {
        kind: 'nat',
        at: `node:${target.node.name}`,
        node: target.node.name,
        device: 'CNI-HOSTPORT-DNAT',
        packet: { src: pre.src, dst: addr(hp.pod.ip ?? '', hp.containerPort), protocol },
        text: `the CNI portmap plugin DNATs hostPort ${String(finalPort)} to ${hp.pod.key} ${hp.pod.ip ?? ''}:${String(hp.containerPort)}`,
      };
      const hostNode = target.node;
      target = { kind: 'pod', pod: hp.pod };
      finalIp = hp.pod.ip ?? finalIp;
      finalPort = hp.containerPort;
      natNode = hostNode;
    }
  }
  if (target.kind === 'unknown') {
    hops.push(...networkPath(cluster, from, from, pre).out);
    hops.push({
      kind: 'drop',
      at: placeId(from),
      node: srcNode?.name ?? null,
      device: 'routing',
      packet: pre,
      text: target.why,
    });
    return {
      hops,
      translation,
      srcPort,
      seenSource: srcIp,
      outcome: { kind: 'unreachable', text: target.why },
    };
  }
  if (fromExternal && target.kind === 'pod' && !translation && !hostPortNote) {
    const why = `${finalIp} is a pod IP: pod addresses are not routable from outside the cluster (expose the pod with a NodePort or LoadBalancer Service, or an Ingress)`;
    hops.push({
      kind: 'drop',
      at: 'external:internet',
      node: null,
      device: 'internet',
      packet: pre,
      text: why,
    });
    return {
      hops,
      translation,
      srcPort,
      seenSource: srcIp,
      outcome: { kind: 'unreachable', text: why },
    };
  }

  // Source as the far end (and the policy) sees it.
  const viaNode = natNode ?? srcNode;
  const targetNode = nodeOfPlace(cluster, target);
  const crossesNodes = viaNode !== null && targetNode !== null && viaNode.name !== targetNode.name;
  let seenIp = srcIp;
  let policySource: Place = from;
  if (masquerade && viaNode) {
    // MASQUERADE happens in POSTROUTING: the packet leaves the first node with that node's IP.
    seenIp = viaNode.ip;
    if (crossesNodes || target.kind !== 'pod') policySource = { kind: 'node', node: viaNode };
  }
  if (target.kind === 'external' && from.kind === 'pod' && srcNode) {
    // Pod traffic to the outside is masqueraded by the CNI (flannel --ip-masq, Calico natOutgoing).
    seenIp = srcNode.ip;
  }
  const post: PacketHeader = {
    src: addr(seenIp, srcPort),
    dst: addr(finalIp, finalPort),
    protocol,
  };
  const postBeforeSnat: PacketHeader = { src: pre.src, dst: addr(finalIp, finalPort), protocol };

  // The path: out of the source, NAT, egress policy, transit, ingress policy, into the target.
  const first = networkPath(cluster, from, target, pre);
  hops.push(...first.out);
  if (fromExternal && viaNode)
    hops.push({
      kind: 'wire',
      at: `node:${viaNode.name}`,
      node: viaNode.name,
      device: 'eth0',
      packet: pre,
      text: `from outside the cluster to ${viaNode.name}'s eth0 (${dstIp === viaNode.ip ? 'its node IP' : `${dstIp} is announced from this node`})`,
    });
  hops.push(...natHops);

  const verdict = evaluateTraffic(cluster, endOf(policySource), endOf(target), finalPort, protocol);
  const srcName =
    from.kind === 'pod'
      ? from.pod.key
      : policySource.kind === 'node'
        ? `node ${policySource.node.name}`
        : `the client ${srcIp}`;
  const dstName =
    target.kind === 'pod'
      ? target.pod.key
      : target.kind === 'node'
        ? `node ${target.node.name}`
        : finalIp;
  const enforce = cluster.settings.enforcesPolicy;
  if (from.kind === 'pod' && !from.pod.hostNetwork && enforce) {
    const ok = !verdict.egress.isolated || verdict.egress.allowedBy.length > 0;
    hops.push(
      policyHop(
        `node:${from.pod.nodeName ?? ''}`,
        from.pod.nodeName,
        policyDevice(cluster, from.pod, 'egress'),
        postBeforeSnat,
        ok,
        `egress policy of ${from.pod.key}: ${ruleText(verdict.egress)}`,
      ),
    );
    if (!ok)
      return {
        hops,
        translation,
        srcPort,
        seenSource: seenIp,
        outcome: { kind: 'denied', verdict, text: describeDenial(verdict, srcName, dstName) },
      };
  }
  const afterHops: Hop[] = [];
  if (masquerade && viaNode)
    afterHops.push({
      kind: 'nat',
      at: `node:${viaNode.name}`,
      node: viaNode.name,
      device: 'KUBE-POSTROUTING MASQUERADE',
      packet: post,
      text: `kube-proxy masquerades the source to ${viaNode.name}'s IP ${viaNode.ip}, so replies come back through this node`,
    });
  if (target.kind === 'external' && from.kind === 'pod' && srcNode)
    afterHops.push({
      kind: 'nat',
      at: `node:${srcNode.name}`,
      node: srcNode.name,
      device: 'POSTROUTING MASQUERADE',
      packet: post,
      text: `the CNI masquerades pod traffic leaving the cluster: source ${from.pod.ip ?? ''} becomes the node IP ${srcNode.ip}`,
    });
  hops.push(...afterHops);
  const second = networkPath(
    cluster,
    fromExternal && viaNode ? { kind: 'node', node: viaNode } : from,
    target,
    post,
  );
  hops.push(...second.transit);
  // The portmap DNAT happens on the node that owns the hostPort, after the packet got there.
  if (hostPortNote) hops.push(hostPortNote);
  if (target.kind === 'pod' && !target.pod.hostNetwork && enforce) {
    const ok = !verdict.ingress.isolated || verdict.ingress.allowedBy.length > 0;
    const reason = verdict.ingress.isolated
      ? ruleText(verdict.ingress)
      : (verdict.ingress.reason ?? 'not isolated');
    hops.push(
      policyHop(
        `node:${target.pod.nodeName ?? ''}`,
        target.pod.nodeName,
        policyDevice(cluster, target.pod, 'ingress'),
        post,
        ok,
        `ingress policy of ${target.pod.key}: ${reason}${policySource !== from ? ` (the source is ${seenIp} after masquerading)` : ''}`,
      ),
    );
    if (!ok)
      return {
        hops,
        translation,
        srcPort,
        seenSource: seenIp,
        outcome: { kind: 'denied', verdict, text: describeDenial(verdict, srcName, dstName) },
      };
  }
  hops.push(...second.in);

  if (target.kind === 'external')
    return {
      hops,
      translation,
      srcPort,
      seenSource: seenIp,
      outcome: { kind: 'internet', ip: finalIp, port: finalPort },
    };
  if (target.kind === 'pod') {
    const listener = resolvePodPort(target.pod, finalPort, protocol);
    if (!listener) {
      const text = explainPort(target.pod, finalPort, protocol);
      hops.push({
        kind: 'drop',
        at: `pod:${target.pod.key}`,
        node: target.pod.nodeName,
        device: 'eth0',
        packet: post,
        text: `${protocol === 'TCP' ? 'RST' : 'ICMP port unreachable'}: ${text}`,
      });
      return { hops, translation, srcPort, seenSource: seenIp, outcome: { kind: 'refused', text } };
    }
    hops.push({
      kind: 'deliver',
      at: `pod:${target.pod.key}`,
      node: target.pod.nodeName,
      device: listener.process,
      packet: post,
      text: `${listener.process} in container ${listener.container} accepts the connection on ${String(finalPort)}/${protocol}`,
    });
    return {
      hops,
      translation,
      srcPort,
      seenSource: seenIp,
      outcome: {
        kind: 'delivered',
        pod: target.pod,
        node: null,
        listener,
        port: finalPort,
        text: `${listener.process} (${listener.container}) answered`,
      },
    };
  }
  const nl = nodeListener(cluster, target.node, finalPort, protocol);
  if (!nl) {
    const text = `nothing on node ${target.node.name} listens on ${String(finalPort)}/${protocol}`;
    hops.push({
      kind: 'drop',
      at: `node:${target.node.name}`,
      node: target.node.name,
      device: 'eth0',
      packet: post,
      text,
    });
    return { hops, translation, srcPort, seenSource: seenIp, outcome: { kind: 'refused', text } };
  }
  hops.push({
    kind: 'deliver',
    at: nl.pod ? `pod:${nl.pod.key}` : `node:${target.node.name}`,
    node: target.node.name,
    device: nl.listener?.process ?? 'node daemon',
    packet: post,
    text: nl.text,
  });
  return {
    hops,
    translation,
    srcPort,
    seenSource: seenIp,
    outcome: {
      kind: 'delivered',
      pod: nl.pod,
      node: target.node,
      listener: nl.listener,
      port: finalPort,
      text: nl.text,
    },
  };
}
