/**
 * The pod network's data path, as each CNI plugin builds it. Pod-to-pod traffic keeps both pod
 * IPs end to end (no NAT); across nodes it is either encapsulated (VXLAN: outer header node IP
 * → node IP) or routed as is (BGP/host-gw routes), per the scenario's settings.
 *  - canal / flannel: veth pairs on the `cni0` bridge, VXLAN device `flannel.1` (UDP 8472);
 *    routed = flannel's host-gw backend.
 *  - calico: `cali…` interfaces without a bridge (proxy ARP), BGP routes by default, VXLAN on
 *    `vxlan.calico` (UDP 4789) in overlay mode.
 *  - cilium: `lxc…` interfaces, `cilium_vxlan` (UDP 8472) or native routing.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { fnv1a } from '../model/names';
import type { Hop, PacketHeader } from './hops';
import type { Cluster, SimNode, SimPod } from './types';

/** Where traffic starts or ends in the network (after name resolution and NAT). */
export type Place =
  | { readonly kind: 'pod'; readonly pod: SimPod }
  | { readonly kind: 'node'; readonly node: SimNode }
  | { readonly kind: 'external'; readonly ip: string };

interface Plugin {
  /** Host-side interface of the pod's veth pair. */
  hostIf(pod: SimPod): string;
  bridge: string | null;
  overlayDevice: string;
  vxlanPort: number;
}

function hex8(s: string): string {
  return fnv1a(s).toString(16).padStart(8, '0');
}

function pluginOf(cluster: Cluster): Plugin {
  switch (cluster.settings.cniPlugin) {
    case 'canal':
    case 'flannel':
      return {
        hostIf: (p) => `veth${hex8(p.key)}`,
        bridge: 'cni0',
        overlayDevice: 'flannel.1',
        vxlanPort: 8472,
      };
    case 'calico':
      // Calico names host interfaces "cali" + the first 11 hex digits of sha1("<namespace>.<pod>").
      return {
        hostIf: (p) =>
          `cali${bytesToHex(sha1(new TextEncoder().encode(`${p.namespace}.${p.name}`))).slice(0, 11)}`,
        bridge: null,
        overlayDevice: 'vxlan.calico',
        vxlanPort: 4789,
      };
    case 'cilium':
      return {
        hostIf: (p) => `lxc${hex8(p.key)}`,
        bridge: null,
        overlayDevice: 'cilium_vxlan',
        vxlanPort: 8472,
      };
  }
}

/** The host-side interface name of a pod (the other end of its eth0). */
export function hostInterface(cluster: Cluster, pod: SimPod): string {
  return pluginOf(cluster).hostIf(pod);
}

/** The node a place lives on, or null outside the cluster. */
export function nodeOfPlace(cluster: Cluster, p: Place): SimNode | null {
  if (p.kind === 'node') return p.node;
  if (p.kind === 'pod')
    return p.pod.nodeName === null ? null : (cluster.nodeByName.get(p.pod.nodeName) ?? null);
  return null;
}

export function placeId(p: Place): string {
  if (p.kind === 'pod') return `pod:${p.pod.key}`;
  if (p.kind === 'node') return `node:${p.node.name}`;
  return 'external:internet';
}

/** The path split where NetworkPolicy acts: after `out` (source egress), before `in` (destination ingress). */
export interface NetworkPath {
  readonly out: readonly Hop[];
  readonly transit: readonly Hop[];
  readonly in: readonly Hop[];
}

function onPodNetwork(p: Place): p is { kind: 'pod'; pod: SimPod } {
  return p.kind === 'pod' && !p.pod.hostNetwork;
}

/** From a pod's eth0 into its node (or nothing for host-network places). */
function leave(cluster: Cluster, from: Place, pkt: PacketHeader): Hop[] {
  if (!onPodNetwork(from)) return [];
  const node = from.pod.nodeName;
  const gw =
    cluster.settings.cniPlugin === 'calico' ? '169.254.1.1 (proxy ARP)' : 'the node bridge';
  return [
    {
      kind: 'interface',
      at: `pod:${from.pod.key}`,
      node,
      device: 'eth0',
      packet: pkt,
      text: `leaves ${from.pod.name}'s eth0 (its default route points at ${gw})`,
    },
    {
      kind: 'interface',
      at: `node:${node ?? ''}`,
      node,
      device: hostInterface(cluster, from.pod),
      packet: pkt,
      text: `arrives on ${node ?? ''} through the host end of the veth pair`,
    },
  ];
}

/** From the node into a pod's eth0. */
function enter(cluster: Cluster, to: Place, pkt: PacketHeader): Hop[] {
  if (!onPodNetwork(to)) return [];
  const node = to.pod.nodeName;
  const plugin = pluginOf(cluster);
  const hops: Hop[] = [];
  if (plugin.bridge) {
    hops.push({
      kind: 'bridge',
      at: `node:${node ?? ''}`,
      node,
      device: plugin.bridge,
      packet: pkt,
      text: `${plugin.bridge} bridges it to the port of ${to.pod.name}`,
    });
  } else {
    hops.push({
      kind: 'route',
      at: `node:${node ?? ''}`,
      node,
      device: 'routing table',
      packet: pkt,
      text: `the /32 route for ${to.pod.ip ?? ''} points at ${hostInterface(cluster, to.pod)}`,
    });
  }
  hops.push(
    {
      kind: 'interface',
      at: `node:${node ?? ''}`,
      node,
      device: hostInterface(cluster, to.pod),
      packet: pkt,
      text: `enters the veth pair of ${to.pod.name}`,
    },
    {
      kind: 'interface',
      at: `pod:${to.pod.key}`,
      node,
      device: 'eth0',
      packet: pkt,
      text: `arrives on ${to.pod.name}'s eth0`,
    },
  );
  return hops;
}

/** Between two nodes: encapsulated (overlay) or routed as is. */
function crossNodes(
  cluster: Cluster,
  a: SimNode,
  b: SimNode,
  pkt: PacketHeader,
  destIsPodNet: boolean,
): Hop[] {
  const plugin = pluginOf(cluster);
  const overlay = cluster.settings.cniMode === 'overlay' && destIsPodNet;
  if (!overlay) {
    const how = !destIsPodNet
      ? 'the node network'
      : cluster.settings.cniPlugin === 'calico'
        ? `a BGP route (proto bird) via ${b.ip}`
        : `a route via ${b.ip}`;
    return [
      {
        kind: 'route',
        at: `node:${a.name}`,
        node: a.name,
        device: 'eth0',
        packet: pkt,
        text: `${a.name} sends it out of eth0 by ${how}, no encapsulation: the pod IPs are on the wire`,
      },
      {
        kind: 'wire',
        at: `node:${b.name}`,
        node: b.name,
        device: 'eth0',
        packet: pkt,
        text: `${b.name} receives it on eth0`,
      },
    ];
  }
  const outer: PacketHeader = {
    src: `${a.ip}:${String(plugin.vxlanPort)}`,
    dst: `${b.ip}:${String(plugin.vxlanPort)}`,
    protocol: 'UDP',
  };
  return [
    {
      kind: 'route',
      at: `node:${a.name}`,
      node: a.name,
      device: plugin.overlayDevice,
      packet: pkt,
      text: `the route for ${b.podCIDR} points at ${plugin.overlayDevice}`,
    },
    {
      kind: 'encap',
      at: `node:${a.name}`,
      node: a.name,
      device: plugin.overlayDevice,
      packet: pkt,
      outer,
      text: `${plugin.overlayDevice} wraps it in VXLAN: outer ${a.ip} → ${b.ip} UDP ${String(plugin.vxlanPort)}`,
    },
    {
      kind: 'wire',
      at: `node:${b.name}`,
      node: b.name,
      device: 'eth0',
      packet: pkt,
      outer,
      text: `${a.name} → ${b.name} over the node network (the inner pod IPs are unchanged)`,
    },
    {
      kind: 'decap',
      at: `node:${b.name}`,
      node: b.name,
      device: plugin.overlayDevice,
      packet: pkt,
      text: `${plugin.overlayDevice} on ${b.name} unwraps it`,
    },
  ];
}

/**
 * The network path from `from` to `to` for a packet with header `pkt` (addresses already as
 * they travel: NAT is the caller's business). Same-node paths never mention another node.
 */
export function networkPath(
  cluster: Cluster,
  from: Place,
  to: Place,
  pkt: PacketHeader,
): NetworkPath {
  const out = leave(cluster, from, pkt);
  const inHops = enter(cluster, to, pkt);
  const a = nodeOfPlace(cluster, from);
  const b = nodeOfPlace(cluster, to);
  const transit: Hop[] = [];
  if (from.kind === 'external' && b) {
    transit.push({
      kind: 'wire',
      at: `node:${b.name}`,
      node: b.name,
      device: 'eth0',
      packet: pkt,
      text: `from outside the cluster to ${b.name}'s eth0 (${b.ip})`,
    });
  } else if (a && to.kind === 'external') {
    transit.push({
      kind: 'wire',
      at: 'external:internet',
      node: null,
      device: 'eth0',
      packet: pkt,
      text: `${a.name} sends it out of eth0 to the outside network`,
    });
  } else if (a && b && a.name !== b.name) {
    transit.push(...crossNodes(cluster, a, b, pkt, onPodNetwork(to)));
  } else if (a && b && !onPodNetwork(to) && !onPodNetwork(from)) {
    transit.push({
      kind: 'route',
      at: `node:${a.name}`,
      node: a.name,
      device: 'lo',
      packet: pkt,
      text: `stays inside ${a.name}'s own network stack`,
    });
  }
  return { out, transit, in: inHops };
}
