/**
 * A packet's journey, hop by hop: what the UI animates, lessons narrate and `k8snet probe`
 * prints. Each hop says where the packet is (a canvas id), which device or chain acts, and
 * the packet's addresses at that point (they change at NAT hops, and an overlay adds an
 * outer header).
 */
import type { Protocol } from './types';

export type HopKind =
  /** A process sends or receives (curl in a container, nginx answering). */
  | 'process'
  /** An interface or veth pair end. */
  | 'interface'
  /** The node's pod bridge (cni0) or routing decision. */
  | 'bridge'
  | 'route'
  /** Overlay encapsulation/decapsulation (VXLAN). */
  | 'encap'
  | 'decap'
  /** Between nodes, or between the outside and a node. */
  | 'wire'
  /** DNAT/SNAT by kube-proxy or the CNI. */
  | 'nat'
  /** A NetworkPolicy decision. */
  | 'policy'
  /** A DNS lookup (itself real traffic, summarised as one hop with its own verdict). */
  | 'dns'
  /** An L7 proxy (the ingress controller) opening a new connection. */
  | 'proxy'
  /** The packet reaches a listening socket. */
  | 'deliver'
  /** Dropped or rejected: the path ends here. */
  | 'drop';

export interface PacketHeader {
  readonly src: string;
  readonly dst: string;
  readonly protocol: Protocol;
}

export interface Hop {
  readonly kind: HopKind;
  /** Canvas id of where the packet is: `pod:ns/name`, `node:name`, `service:ns/name`, `external:internet`. */
  readonly at: string;
  /** The node the hop happens on, or null outside the cluster. */
  readonly node: string | null;
  /** The device, chain or program that acts: eth0, vethab12cd34, cni0, flannel.1, KUBE-SVC-…, nginx. */
  readonly device: string;
  /** Addresses as `ip:port` at this point. */
  readonly packet: PacketHeader;
  /** The outer header while encapsulated (VXLAN: node IP → node IP, UDP 8472 or 4789). */
  readonly outer?: PacketHeader;
  readonly text: string;
  readonly verdict?: 'allowed' | 'denied';
}

export function addr(ip: string, port: number): string {
  return `${ip}:${String(port)}`;
}
