/**
 * The pod-to-pod reachability matrix for one port and protocol, computed on bitsets.
 *
 * Instead of asking every pair (n² × policies), we index labels once, turn every selector and
 * rule into a set of pods, and combine whole sets: per destination the sources its ingress
 * rules admit, per source the destinations its egress rules admit, then
 * allowed[i][j] = egress_i[j] ∧ ingress_j[i]. Pods with the same active rules share one set.
 * The result equals `evaluateConnection` pair by pair (checked by property tests).
 */
import type { Bitset } from './bitset';
import {
  and,
  andInto,
  emptySet,
  forEachBit,
  fullSet,
  hasBit,
  not,
  orInto,
  setBit,
  wordsFor,
} from './bitset';
import type { CompiledSelector } from './labels';
import type { CompiledPeer, CompiledRule } from './networkpolicy';
import { compiledPolicies, ipInBlock, numericPortMatches, podHasNamedPort } from './networkpolicy';
import { parseIPv4 } from './ip';
import type { Cluster, Protocol, SimPod } from './types';

export interface MatrixOptions {
  readonly port: number;
  readonly protocol: Protocol;
  /** Only pods of these namespaces (rows and columns); all when absent. */
  readonly namespaces?: readonly string[];
  /** Include the cluster's own pods (CoreDNS, …); off by default. */
  readonly includeSystem?: boolean;
}

export interface Matrix {
  readonly pods: readonly SimPod[];
  readonly port: number;
  readonly protocol: Protocol;
  /** False when the CNI ignores NetworkPolicy (everything is then allowed). */
  readonly enforced: boolean;
  isAllowed(from: number, to: number): boolean;
  /** Row `from` as a bitset over `pods` (shared storage; do not modify). */
  row(from: number): Bitset;
}

/** Pods the matrix covers: every pod with an IP, in cluster order. */
export function matrixPods(
  cluster: Cluster,
  options: Pick<MatrixOptions, 'namespaces' | 'includeSystem'> = {},
): SimPod[] {
  const ns = options.namespaces ? new Set(options.namespaces) : null;
  return cluster.pods.filter(
    (p) =>
      p.ip !== null &&
      (options.includeSystem === true || !p.isSystem) &&
      (ns === null || ns.has(p.namespace)),
  );
}

/** Label index: key → value → pods, and key → pods having it. */
class LabelIndex {
  private readonly byValue = new Map<string, Map<string, Bitset>>();
  private readonly byKey = new Map<string, Bitset>();
  private readonly cache = new Map<string, Bitset>();

  constructor(
    private readonly n: number,
    items: readonly { readonly labels: Readonly<Record<string, string>> }[],
  ) {
    items.forEach((item, i) => {
      for (const [k, v] of Object.entries(item.labels)) {
        let values = this.byValue.get(k);
        if (!values) this.byValue.set(k, (values = new Map<string, Bitset>()));
        let set = values.get(v);
        if (!set) values.set(v, (set = emptySet(n)));
        setBit(set, i);
        let keySet = this.byKey.get(k);
        if (!keySet) this.byKey.set(k, (keySet = emptySet(n)));
        setBit(keySet, i);
      }
    });
  }

  /** Items the selector matches (cached by its canonical form). */
  select(sel: CompiledSelector): Bitset {
    const hit = this.cache.get(sel.canonical);
    if (hit) return hit;
    const out = fullSet(this.n);
    for (const r of sel.requirements) {
      const any = emptySet(this.n);
      if (r.operator === 'In' || r.operator === 'NotIn') {
        const values = this.byValue.get(r.key);
        for (const v of r.values) {
          const s = values?.get(v);
          if (s) orInto(any, s);
        }
        andInto(out, r.operator === 'In' ? any : not(any, this.n));
      } else {
        const has = this.byKey.get(r.key) ?? any;
        andInto(out, r.operator === 'Exists' ? has : not(has, this.n));
      }
    }
    this.cache.set(sel.canonical, out);
    return out;
  }
}

type PortSet = 'all' | 'none' | Bitset;

/** Compute the matrix. Cost grows with pods × distinct rule combinations, not pods². */
export function computeMatrix(cluster: Cluster, options: MatrixOptions): Matrix {
  const pods = matrixPods(cluster, options);
  const n = pods.length;
  const W = wordsFor(n);
  const { port, protocol } = options;
  const rows = new Uint32Array(n * W);
  const row = (i: number) => rows.subarray(i * W, (i + 1) * W);
  const result: Matrix = {
    pods,
    port,
    protocol,
    enforced: cluster.settings.enforcesPolicy,
    isAllowed: (i, j) => ((rows[i * W + (j >>> 5)] ?? 0) & (1 << (j & 31))) !== 0,
    row,
  };
  if (!cluster.settings.enforcesPolicy) {
    const all = fullSet(n);
    for (let i = 0; i < n; i++) rows.set(all, i * W);
    return result;
  }

  const all = fullSet(n);
  const podIndex = new LabelIndex(n, pods);
  const hostNet = emptySet(n);
  const nsPods = new Map<string, Bitset>();
  pods.forEach((p, i) => {
    if (p.hostNetwork) setBit(hostNet, i);
    let s = nsPods.get(p.namespace);
    if (!s) nsPods.set(p.namespace, (s = emptySet(n)));
    setBit(s, i);
  });
  const podNet = not(hostNet, n);
  const nsIndex = new LabelIndex(cluster.namespaces.length, cluster.namespaces);
  const podIps = pods.map((p) => (p.ip === null ? null : parseIPv4(p.ip)));

  // Pods in the namespaces a namespaceSelector picks (cached).
  const nsSelCache = new Map<string, Bitset>();
  const podsInSelectedNamespaces = (sel: CompiledSelector): Bitset => {
    let s = nsSelCache.get(sel.canonical);
    if (!s) {
      s = emptySet(n);
      const chosen = nsIndex.select(sel);
      cluster.namespaces.forEach((ns, k) => {
        const members = nsPods.get(ns.name);
        if (members && hasBit(chosen, k)) orInto(s!, members);
      });
      nsSelCache.set(sel.canonical, s);
    }
    return s;
  };
  const empty = emptySet(n);
  const peerSet = (peer: CompiledPeer, policyNs: string): Bitset => {
    if (peer.kind === 'ipBlock') {
      const s = emptySet(n);
      podIps.forEach((ip, i) => {
        if (ip !== null && ipInBlock(peer, ip)) setBit(s, i);
      });
      return s;
    }
    const ns = peer.namespaceSelector
      ? podsInSelectedNamespaces(peer.namespaceSelector)
      : (nsPods.get(policyNs) ?? empty);
    const s = and(ns, podNet);
    if (peer.podSelector) andInto(s, podIndex.select(peer.podSelector));
    return s;
  };

  const policies = compiledPolicies(cluster);
  const ruleIds = new Map<CompiledRule, number>();
  const rulePeers: Bitset[] = [];
  const rulePorts: PortSet[] = [];
  const portSetOf = (rule: CompiledRule): PortSet => {
    if (rule.ports === null) return 'all';
    let named: Bitset | null = null;
    for (const p of rule.ports) {
      if (p.protocol !== protocol) continue;
      if (p.name === undefined) {
        if (numericPortMatches(p, port)) return 'all';
        continue;
      }
      named ??= emptySet(n);
      const name = p.name;
      pods.forEach((pod, j) => {
        if (podHasNamedPort(pod, name, protocol, port)) setBit(named!, j);
      });
    }
    return named ?? 'none';
  };
  const register = (rule: CompiledRule, policyNs: string) => {
    ruleIds.set(rule, rulePeers.length);
    let peers: Bitset;
    if (rule.peers === null) peers = all;
    else {
      peers = emptySet(n);
      for (const p of rule.peers) orInto(peers, peerSet(p, policyNs));
    }
    rulePeers.push(peers);
    rulePorts.push(portSetOf(rule));
  };

  // Which policies isolate each pod, per direction.
  const ingressOf: number[][] = pods.map(() => []);
  const egressOf: number[][] = pods.map(() => []);
  for (const p of policies) {
    if (!p.affectsIngress && !p.affectsEgress) continue;
    const selected = and(
      and(nsPods.get(p.namespace) ?? empty, podNet),
      podIndex.select(p.podSelector),
    );
    forEachBit(selected, (i) => {
      if (p.affectsIngress) ingressOf[i]!.push(p.id);
      if (p.affectsEgress) egressOf[i]!.push(p.id);
    });
    for (const r of p.ingress) register(r, p.namespace);
    for (const r of p.egress) register(r, p.namespace);
  }

  // Ingress: the sources each destination admits; destinations with the same active rules share a set.
  const isolatedIn = emptySet(n);
  const ingressSets: (Bitset | null)[] = new Array<Bitset | null>(n).fill(null);
  const inCache = new Map<string, Bitset>();
  for (let j = 0; j < n; j++) {
    const list = ingressOf[j]!;
    if (list.length === 0) continue;
    setBit(isolatedIn, j);
    const active: number[] = [];
    for (const pid of list) {
      for (const r of policies[pid]!.ingress) {
        const id = ruleIds.get(r)!;
        const ps = rulePorts[id]!;
        if (ps === 'all' || (ps !== 'none' && hasBit(ps, j))) active.push(id);
      }
    }
    const key = active.join(',');
    let s = inCache.get(key);
    if (!s) {
      s = emptySet(n);
      for (const id of active) orInto(s, rulePeers[id]!);
      inCache.set(key, s);
    }
    ingressSets[j] = s;
  }

  // Transpose ingress into rows: source i reaches j if j is not isolated, or j admits i.
  const notIsolatedIn = not(isolatedIn, n);
  for (let i = 0; i < n; i++) rows.set(notIsolatedIn, i * W);
  forEachBit(isolatedIn, (j) => {
    const jw = j >>> 5;
    const jb = 1 << (j & 31);
    forEachBit(ingressSets[j]!, (i) => {
      rows[i * W + jw] = (rows[i * W + jw] ?? 0) | jb;
    });
  });

  // Egress: the destinations each source may reach.
  const outCache = new Map<string, Bitset>();
  for (let i = 0; i < n; i++) {
    const src = pods[i]!;
    const r = row(i);
    if (src.hostNetwork) {
      // Host traffic: egress is not policed, and the node may always reach its own pods.
      pods.forEach((dst, j) => {
        if (dst.nodeName === src.nodeName && !dst.hostNetwork) setBit(r, j);
      });
    } else {
      const list = egressOf[i]!;
      if (list.length > 0) {
        const key = list.join(',');
        let e = outCache.get(key);
        if (!e) {
          e = emptySet(n);
          for (const pid of list) {
            for (const rule of policies[pid]!.egress) {
              const id = ruleIds.get(rule)!;
              const ps = rulePorts[id]!;
              if (ps === 'none') continue;
              orInto(e, ps === 'all' ? rulePeers[id]! : and(rulePeers[id]!, ps));
            }
          }
          outCache.set(key, e);
        }
        andInto(r, e);
      }
    }
    setBit(r, i); // a pod may always reach itself
  }
  return result;
}
