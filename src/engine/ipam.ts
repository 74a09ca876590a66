/**
 * Pod IP allocation, host-local style: each node hands out addresses from its own /24,
 * starting at .2 (.1 is the node's bridge/gateway, e.g. cni0). Addresses a user pinned with
 * status.podIP are reserved first so allocation never collides with them.
 */
import { cidrContains, cidrSize, formatIPv4, parseCidr4, parseIPv4 } from './ip';
import type { Cidr4 } from './ip';

export class Ipam {
  private readonly next = new Map<string, number>();
  private readonly used = new Set<number>();
  private readonly ranges = new Map<string, Cidr4>();

  constructor(nodes: readonly { readonly name: string; readonly podCIDR: string }[]) {
    for (const n of nodes) {
      const c = parseCidr4(n.podCIDR);
      if (c) this.ranges.set(n.name, c);
    }
  }

  /** Reserve a user-given address; false if it is already taken. */
  reserve(ip: string): boolean {
    const n = parseIPv4(ip);
    if (n === null || this.used.has(n)) return false;
    this.used.add(n);
    return true;
  }

  /** Whether `ip` lies in the pod range of `node`. */
  inNodeRange(node: string, ip: string): boolean {
    const c = this.ranges.get(node);
    const n = parseIPv4(ip);
    return c !== undefined && n !== null && cidrContains(c, n);
  }

  /** Next free address on `node`, or null when its range is exhausted. */
  allocate(node: string): string | null {
    const c = this.ranges.get(node);
    if (!c) return null;
    const size = cidrSize(c);
    let offset = this.next.get(node) ?? 2;
    while (offset < size - 1) {
      const ip = c.base + offset;
      offset++;
      if (!this.used.has(ip)) {
        this.used.add(ip);
        this.next.set(node, offset);
        return formatIPv4(ip);
      }
    }
    this.next.set(node, offset);
    return null;
  }
}
