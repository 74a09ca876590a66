/**
 * The reference NetworkPolicy evaluator: one connection at a time, straight from the API
 * documentation, with no index, cache or bitset. It is slow on purpose — the engine's fast path
 * (`networkpolicy.ts`, `matrix.ts`) is checked against it by property tests, and the benchmark uses
 * it as the baseline. Keep it obviously correct rather than clever; share no helper with the engine.
 *
 * Spec: https://kubernetes.io/docs/concepts/services-networking/network-policies/ and the
 * NetworkPolicySpec API reference
 * (https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/).
 */
import type {
  IPBlock,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySpec,
} from 'kubernetes-types/networking/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Cluster, Protocol, SimPod, SimPolicy } from '../types';

type Direction = 'Ingress' | 'Egress';
type Labels = Readonly<Record<string, string>>;

/**
 * Whether `from` may open a connection to `to` on `port`/`protocol` by pod IP.
 *
 * Both ends must agree: the source's egress and the destination's ingress. A pod talking to itself
 * is always allowed. Under a CNI that does not enforce policy (flannel) everything is allowed.
 * hostNetwork pods are the host itself, as Calico and Cilium see them: no policy selects them, so
 * nothing polices their ingress or their egress; as a peer they are their node's IP, which only an
 * ipBlock can match (a source's egress towards them is still policed); and the host always reaches
 * the pods on its own node (kubelet probes).
 */
export function naiveIsAllowed(
  cluster: Cluster,
  from: SimPod,
  to: SimPod,
  port: number,
  protocol: Protocol,
): boolean {
  if (!cluster.settings.enforcesPolicy) return true;
  if (from.key === to.key) return true;
  if (!from.hostNetwork && !isDirectionAllowed(cluster, 'Egress', from, to, port, protocol)) {
    return false;
  }
  if (to.hostNetwork) return true;
  if (from.hostNetwork && from.nodeName !== null && from.nodeName === to.nodeName) return true;
  return isDirectionAllowed(cluster, 'Ingress', to, from, port, protocol);
}

/**
 * The whole pod-to-pod table over pods that have an IP, in cluster order:
 * `result[i][j]` is whether the i-th such pod may connect to the j-th.
 */
export function naiveMatrix(cluster: Cluster, port: number, protocol: Protocol): boolean[][] {
  const pods = cluster.pods.filter((p) => p.ip !== null);
  return pods.map((from) => pods.map((to) => naiveIsAllowed(cluster, from, to, port, protocol)));
}

/**
 * One direction for the pod it applies to (`subject`: the destination for Ingress, the source for
 * Egress), with `peer` the other end. Not isolated → allowed; isolated → some rule of some
 * isolating policy must allow it (policies are additive).
 */
function isDirectionAllowed(
  cluster: Cluster,
  direction: Direction,
  subject: SimPod,
  peer: SimPod,
  port: number,
  protocol: Protocol,
): boolean {
  const isolating = cluster.policies.filter(
    (p) =>
      p.namespace === subject.namespace &&
      policyTypes(p.spec).includes(direction) &&
      matchesSelector(p.spec.podSelector, subject.labels),
  );
  if (isolating.length === 0) return true;
  const destination = direction === 'Ingress' ? subject : peer;
  return isolating.some((policy) =>
    rulesOf(policy.spec, direction).some(
      (rule) =>
        matchesAnyPeer(cluster, policy, rule.peers, peer) &&
        matchesAnyPort(rule.ports, destination, port, protocol),
    ),
  );
}

/**
 * policyTypes as the API server defaults them: absent or empty → Ingress, plus Egress when the
 * policy has at least one egress rule.
 */
function policyTypes(spec: NetworkPolicySpec): readonly string[] {
  if (spec.policyTypes != null && spec.policyTypes.length > 0) return spec.policyTypes;
  return spec.egress != null && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

interface Rule {
  readonly peers: readonly NetworkPolicyPeer[] | null | undefined;
  readonly ports: readonly NetworkPolicyPort[] | null | undefined;
}

function rulesOf(spec: NetworkPolicySpec, direction: Direction): readonly Rule[] {
  if (direction === 'Ingress') {
    return (spec.ingress ?? []).map((r) => ({ peers: r?.from, ports: r?.ports }));
  }
  return (spec.egress ?? []).map((r) => ({ peers: r?.to, ports: r?.ports }));
}

/** `from`/`to` absent or empty means every peer: any pod, any address. */
function matchesAnyPeer(
  cluster: Cluster,
  policy: SimPolicy,
  peers: readonly NetworkPolicyPeer[] | null | undefined,
  other: SimPod,
): boolean {
  if (peers == null || peers.length === 0) return true;
  return peers.some((peer) => matchesPeer(cluster, policy, peer ?? {}, other));
}

function matchesPeer(
  cluster: Cluster,
  policy: SimPolicy,
  peer: NetworkPolicyPeer,
  other: SimPod,
): boolean {
  if (peer.ipBlock != null) {
    return other.ip !== null && matchesIpBlock(peer.ipBlock, other.ip);
  }
  if (peer.podSelector == null && peer.namespaceSelector == null) {
    // The API rejects a peer with no field set ("must specify a peer"); it selects nothing here.
    return false;
  }
  // A hostNetwork pod is its node's address, not a pod on the pod network: selectors never match
  // it, as a source (ingress) or as a destination (egress).
  if (other.hostNetwork) return false;
  if (peer.namespaceSelector == null) {
    if (other.namespace !== policy.namespace) return false;
  } else {
    const ns = cluster.namespaces.find((n) => n.name === other.namespace);
    if (!matchesSelector(peer.namespaceSelector, ns?.labels ?? {})) return false;
  }
  return peer.podSelector == null || matchesSelector(peer.podSelector, other.labels);
}

/** `ports` absent or empty means every port of every protocol. */
function matchesAnyPort(
  ports: readonly NetworkPolicyPort[] | null | undefined,
  destination: SimPod,
  port: number,
  protocol: Protocol,
): boolean {
  if (ports == null || ports.length === 0) return true;
  // A null list item is a zero-value struct in the API: a port entry with nothing set.
  return ports.some((p) => matchesPort(p ?? {}, destination, port, protocol));
}

function matchesPort(
  rulePort: NetworkPolicyPort,
  destination: SimPod,
  port: number,
  protocol: Protocol,
): boolean {
  if ((rulePort.protocol ?? 'TCP') !== protocol) return false;
  const p = rulePort.port;
  if (p == null) return true;
  if (typeof p === 'number') {
    return rulePort.endPort == null ? port === p : port >= p && port <= rulePort.endPort;
  }
  // A named port means whatever the destination pod calls that name, for this protocol; each
  // destination pod resolves it on its own (egress rules too).
  return destination.containers.some((c) =>
    c.ports.some((cp) => cp.name === p && cp.protocol === protocol && cp.containerPort === port),
  );
}

/**
 * matchLabels AND matchExpressions; an empty selector matches everything (and so does a null
 * `spec.podSelector`, which the API reads as an empty struct).
 */
function matchesSelector(selector: LabelSelector | null, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
    if (!Object.hasOwn(labels, key) || labels[key] !== value) return false;
  }
  for (const req of selector?.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, req.key);
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
        if (!has || !values.includes(labels[req.key] ?? '')) return false;
        break;
      case 'NotIn':
        // NotIn also matches when the key is absent (labels.Selector semantics).
        if (has && values.includes(labels[req.key] ?? '')) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        // Validation rejects other operators; a selector we cannot read selects nothing.
        return false;
    }
  }
  return true;
}

/** Inside `cidr` and inside none of `except`. IPv4 only: an IPv6 block never holds a pod IP here. */
function matchesIpBlock(block: IPBlock, ip: string): boolean {
  if (!inCidr(block.cidr, ip)) return false;
  return !(block.except ?? []).some((e) => inCidr(e, ip));
}

function inCidr(cidr: string, ip: string): boolean {
  const slash = cidr.indexOf('/');
  if (slash < 0) return false;
  const base = parseIpv4(cidr.slice(0, slash));
  const addr = parseIpv4(ip);
  const bitsText = cidr.slice(slash + 1);
  if (base === null || addr === null || !/^\d{1,2}$/.test(bitsText)) return false;
  const bits = Number(bitsText);
  if (bits > 32) return false;
  // 2^32 arithmetic instead of bit operators: JS shifts are 32-bit signed and wrap at /0.
  const size = 2 ** (32 - bits);
  return Math.floor(base / size) === Math.floor(addr / size);
}

function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}
