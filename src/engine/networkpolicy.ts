/**
 * NetworkPolicy (networking.k8s.io/v1) semantics, pair by pair, naming the deciding rule.
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/
 *
 * hostNetwork pods and nodes (our documented choice, as Calico and Cilium behave): policies
 * never select hostNetwork pods, so traffic to them is not policed; traffic from them is host
 * traffic: their egress is not policed, podSelector/namespaceSelector peers never match them
 * (they carry the node IP, which only an ipBlock can match), and a host reaching a pod on its
 * own node is always allowed (so kubelet probes keep working).
 */
import type { NetworkPolicyPeer, NetworkPolicyPort } from 'kubernetes-types/networking/v1';
import type { ObjectSource } from '../model/manifest';
import { cidrContains, parseCidr4, parseIPv4 } from './ip';
import type { Cidr4 } from './ip';
import { compileSelector, matchesSelector } from './labels';
import type { CompiledSelector, Labels } from './labels';
import type { Cluster, Protocol, SimPod, SimPolicy } from './types';

export type Direction = 'ingress' | 'egress';

export type CompiledPeer =
  | {
      readonly kind: 'selector';
      /** null: every pod (of the selected namespaces). */
      readonly podSelector: CompiledSelector | null;
      /** null: only the policy's own namespace. */
      readonly namespaceSelector: CompiledSelector | null;
    }
  | {
      readonly kind: 'ipBlock';
      /** null for IPv6 blocks, which never match the cluster's IPv4 pods. */
      readonly cidr: Cidr4 | null;
      readonly except: readonly Cidr4[];
      readonly text: string;
      readonly exceptText: readonly string[];
    };

export interface CompiledPort {
  readonly protocol: Protocol;
  /** Absent: every port of the protocol. */
  readonly port?: number;
  readonly endPort?: number;
  /** A named port, resolved against the destination pod. */
  readonly name?: string;
}

export interface CompiledRule {
  readonly policy: CompiledPolicy;
  readonly direction: Direction;
  readonly index: number;
  /** null: `from`/`to` absent or empty, so every source/destination. */
  readonly peers: readonly CompiledPeer[] | null;
  /** null: `ports` absent or empty, so every port and protocol. */
  readonly ports: readonly CompiledPort[] | null;
}

export interface CompiledPolicy {
  /** Position in `Cluster.policies`. */
  readonly id: number;
  readonly key: string;
  readonly namespace: string;
  readonly podSelector: CompiledSelector;
  readonly affectsIngress: boolean;
  readonly affectsEgress: boolean;
  readonly ingress: readonly CompiledRule[];
  readonly egress: readonly CompiledRule[];
  readonly source?: ObjectSource;
}

function compilePeer(p: NetworkPolicyPeer): CompiledPeer {
  if (p.ipBlock) {
    return {
      kind: 'ipBlock',
      cidr: parseCidr4(p.ipBlock.cidr),
      except: (p.ipBlock.except ?? []).map(parseCidr4).filter((c): c is Cidr4 => c !== null),
      text: p.ipBlock.cidr,
      exceptText: p.ipBlock.except ?? [],
    };
  }
  return {
    kind: 'selector',
    podSelector: p.podSelector ? compileSelector(p.podSelector) : null,
    namespaceSelector: p.namespaceSelector ? compileSelector(p.namespaceSelector) : null,
  };
}

function compilePort(p: NetworkPolicyPort): CompiledPort {
  const protocol = (p.protocol ?? 'TCP') as Protocol;
  if (typeof p.port === 'string') return { protocol, name: p.port };
  if (typeof p.port === 'number')
    return { protocol, port: p.port, ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) };
  return { protocol };
}

/**
 * Policy types as the API server defaults them: Ingress always, Egress when `spec.egress`
 * has rules (SetDefaults_NetworkPolicy).
 */
export function policyTypes(policy: SimPolicy): { ingress: boolean; egress: boolean } {
  const types = policy.spec.policyTypes;
  if (types && types.length > 0)
    return { ingress: types.includes('Ingress'), egress: types.includes('Egress') };
  return { ingress: true, egress: (policy.spec.egress?.length ?? 0) > 0 };
}

export function compilePolicy(policy: SimPolicy, id: number): CompiledPolicy {
  const types = policyTypes(policy);
  const ingress: CompiledRule[] = [];
  const egress: CompiledRule[] = [];
  const compiled: CompiledPolicy = {
    id,
    key: policy.key,
    namespace: policy.namespace,
    podSelector: compileSelector(policy.spec.podSelector),
    affectsIngress: types.ingress,
    affectsEgress: types.egress,
    ingress,
    egress,
    ...(policy.source ? { source: policy.source } : {}),
  };
  const rules = (
    direction: Direction,
    list: readonly {
      from?: NetworkPolicyPeer[];
      to?: NetworkPolicyPeer[];
      ports?: NetworkPolicyPort[];
    }[],
  ) =>
    list.map((r, index): CompiledRule => {
      const peers = direction === 'ingress' ? r.from : r.to;
      return {
        policy: compiled,
        direction,
        index,
        peers: peers && peers.length > 0 ? peers.map(compilePeer) : null,
        ports: r.ports && r.ports.length > 0 ? r.ports.map(compilePort) : null,
      };
    });
  // Rules only count for the directions the policy isolates.
  if (types.ingress) ingress.push(...rules('ingress', policy.spec.ingress ?? []));
  if (types.egress) egress.push(...rules('egress', policy.spec.egress ?? []));
  return compiled;
}

const compiledCache = new WeakMap<Cluster, readonly CompiledPolicy[]>();

/** Compile every policy of the cluster once (cached per cluster object). */
export function compiledPolicies(cluster: Cluster): readonly CompiledPolicy[] {
  let c = compiledCache.get(cluster);
  if (!c) {
    c = cluster.policies.map(compilePolicy);
    compiledCache.set(cluster, c);
  }
  return c;
}

/** Whether the policy's podSelector selects the pod (never a hostNetwork pod). */
export function policySelects(policy: CompiledPolicy, pod: SimPod): boolean {
  return (
    !pod.hostNetwork &&
    pod.namespace === policy.namespace &&
    matchesSelector(policy.podSelector, pod.labels)
  );
}

/** One side of a connection: a pod, or a bare address (a node, the internet). */
export interface Endpoint {
  readonly pod: SimPod | null;
  /** IPv4 as a number, or null when unknown. */
  readonly ip: number | null;
}

export function podEndpoint(pod: SimPod): Endpoint {
  return { pod, ip: pod.ip === null ? null : parseIPv4(pod.ip) };
}

export function ipInBlock(peer: Extract<CompiledPeer, { kind: 'ipBlock' }>, ip: number): boolean {
  return (
    peer.cidr !== null &&
    cidrContains(peer.cidr, ip) &&
    !peer.except.some((e) => cidrContains(e, ip))
  );
}

/** Whether `peer` (of a policy in `policyNamespace`) matches the endpoint. */
export function peerMatches(
  peer: CompiledPeer,
  policyNamespace: string,
  ep: Endpoint,
  namespaceLabels: (ns: string) => Labels,
): boolean {
  if (peer.kind === 'ipBlock') return ep.ip !== null && ipInBlock(peer, ep.ip);
  const pod = ep.pod;
  // Selector peers match pods on the pod network only: a hostNetwork pod carries its node's IP.
  if (!pod || pod.hostNetwork) return false;
  const nsOk = peer.namespaceSelector
    ? matchesSelector(peer.namespaceSelector, namespaceLabels(pod.namespace))
    : pod.namespace === policyNamespace;
  return nsOk && (peer.podSelector === null || matchesSelector(peer.podSelector, pod.labels));
}

/** Whether a rule's port list admits `port`/`protocol` towards the destination `dst`. */
/** A numeric (or absent: every port) port entry against `port`; endPort makes it a range. */
export function numericPortMatches(p: CompiledPort, port: number): boolean {
  if (p.port === undefined) return true;
  return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
}

/** Whether the pod has a container port `name` with this protocol and number. */
export function podHasNamedPort(
  pod: SimPod,
  name: string,
  protocol: Protocol,
  port: number,
): boolean {
  return pod.containers.some((c) =>
    c.ports.some((cp) => cp.name === name && cp.protocol === protocol && cp.containerPort === port),
  );
}

export function portMatches(
  ports: readonly CompiledPort[] | null,
  port: number,
  protocol: Protocol,
  dst: SimPod | null,
): boolean {
  if (ports === null) return true;
  return ports.some((p) => {
    if (p.protocol !== protocol) return false;
    // Named ports resolve against the destination pod's own containers, per pod.
    if (p.name !== undefined) return dst !== null && podHasNamedPort(dst, p.name, protocol, port);
    return numericPortMatches(p, port);
  });
}

export type DirectionVerdict =
  | { readonly isolated: false; readonly reason?: string }
  | {
      readonly isolated: true;
      /** The rules that allow the connection (empty: denied). */
      readonly allowedBy: readonly { readonly policy: string; readonly rule: number }[];
      /** Every policy that isolates the pod in this direction. */
      readonly policies: readonly string[];
    };

export interface ConnectionVerdict {
  readonly allowed: boolean;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
  /** Why policy did not apply at all (self traffic, CNI without enforcement), if so. */
  readonly note?: string;
}

function nsLabelsOf(cluster: Cluster): (ns: string) => Labels {
  return (ns) => cluster.namespaceByName.get(ns)?.labels ?? { 'kubernetes.io/metadata.name': ns };
}

function direction(
  rulesOf: readonly CompiledPolicy[],
  dir: Direction,
  subject: SimPod,
  peer: Endpoint,
  port: number,
  protocol: Protocol,
  dst: SimPod | null,
  nsLabels: (ns: string) => Labels,
): DirectionVerdict {
  const isolating = rulesOf.filter(
    (p) => (dir === 'ingress' ? p.affectsIngress : p.affectsEgress) && policySelects(p, subject),
  );
  if (isolating.length === 0) return { isolated: false };
  const allowedBy: { policy: string; rule: number }[] = [];
  for (const p of isolating) {
    for (const r of dir === 'ingress' ? p.ingress : p.egress) {
      const peerOk =
        r.peers === null ||
        r.peers.some((peerSel) => peerMatches(peerSel, p.namespace, peer, nsLabels));
      if (peerOk && portMatches(r.ports, port, protocol, dst))
        allowedBy.push({ policy: p.key, rule: r.index });
    }
  }
  return { isolated: true, allowedBy, policies: isolating.map((p) => p.key) };
}

/** Under a CNI that ignores NetworkPolicy (flannel) every connection is allowed. */
function notEnforced(cluster: Cluster): ConnectionVerdict {
  const open: DirectionVerdict = { isolated: false };
  return {
    allowed: true,
    egress: open,
    ingress: open,
    note: `the ${cluster.settings.cniPlugin} CNI does not enforce NetworkPolicy`,
  };
}

function allowedDir(v: DirectionVerdict): boolean {
  return !v.isolated || v.allowedBy.length > 0;
}

/**
 * May `from` open a connection to `to` on `port`/`protocol` (by pod IP)? Needs the source's
 * egress and the destination's ingress both allowed.
 */
export function evaluateConnection(
  cluster: Cluster,
  from: SimPod,
  to: SimPod,
  port: number,
  protocol: Protocol,
): ConnectionVerdict {
  const open: DirectionVerdict = { isolated: false };
  if (from.key === to.key)
    return { allowed: true, egress: open, ingress: open, note: 'a pod may always reach itself' };
  if (!cluster.settings.enforcesPolicy) return notEnforced(cluster);
  const policies = compiledPolicies(cluster);
  const nsLabels = nsLabelsOf(cluster);
  const egress: DirectionVerdict = from.hostNetwork
    ? { isolated: false, reason: 'host-network traffic is not subject to pod egress policy' }
    : direction(policies, 'egress', from, podEndpoint(to), port, protocol, to, nsLabels);
  let ingress: DirectionVerdict;
  if (to.hostNetwork)
    ingress = { isolated: false, reason: 'NetworkPolicy does not select hostNetwork pods' };
  else if (from.hostNetwork && from.nodeName !== null && from.nodeName === to.nodeName) {
    ingress = {
      isolated: false,
      reason: 'the node may always reach its own pods (kubelet probes)',
    };
  } else
    ingress = direction(policies, 'ingress', to, podEndpoint(from), port, protocol, to, nsLabels);
  return { allowed: allowedDir(egress) && allowedDir(ingress), egress, ingress };
}

/**
 * One side of a connection in the data path: a pod on the pod network, a hostNetwork pod or a
 * node (traffic carrying a node IP), or an address outside the cluster.
 */
export type TrafficEnd =
  | { readonly kind: 'pod'; readonly pod: SimPod }
  | { readonly kind: 'node'; readonly node: string; readonly ip: string }
  | { readonly kind: 'external'; readonly ip: string };

function endOf(e: TrafficEnd): Endpoint {
  if (e.kind === 'pod') return podEndpoint(e.pod);
  return { pod: null, ip: parseIPv4(e.ip) };
}

/** The node a traffic end lives on, if any (hostNetwork pods and nodes carry the node IP). */
function hostNodeOf(e: TrafficEnd): string | null {
  if (e.kind === 'node') return e.node;
  if (e.kind === 'pod' && e.pod.hostNetwork) return e.pod.nodeName;
  return null;
}

/**
 * The general form of {@link evaluateConnection}: either side may be a node or an outside
 * address (as seen after any NAT). Pods on the host network and nodes are host traffic:
 * their egress is not policed, selectors never match them, only ipBlock does; a node always
 * reaches the pods on itself. Traffic to an address outside the cluster is policed only by the
 * source pod's egress rules (ipBlock peers).
 */
export function evaluateTraffic(
  cluster: Cluster,
  from: TrafficEnd,
  to: TrafficEnd,
  port: number,
  protocol: Protocol,
): ConnectionVerdict {
  if (from.kind === 'pod' && to.kind === 'pod')
    return evaluateConnection(cluster, from.pod, to.pod, port, protocol);
  if (!cluster.settings.enforcesPolicy) return notEnforced(cluster);
  const policies = compiledPolicies(cluster);
  const nsLabels = nsLabelsOf(cluster);
  const dstPod = to.kind === 'pod' ? to.pod : null;
  const egress: DirectionVerdict =
    from.kind === 'pod' && !from.pod.hostNetwork
      ? direction(policies, 'egress', from.pod, endOf(to), port, protocol, dstPod, nsLabels)
      : {
          isolated: false,
          reason:
            from.kind === 'external'
              ? 'traffic from outside the cluster has no pod egress policy'
              : 'host traffic is not subject to pod egress policy',
        };
  let ingress: DirectionVerdict;
  if (!dstPod)
    ingress = {
      isolated: false,
      reason: 'the destination is not a pod, so no pod ingress policy applies',
    };
  else if (dstPod.hostNetwork)
    ingress = { isolated: false, reason: 'NetworkPolicy does not select hostNetwork pods' };
  else if (hostNodeOf(from) !== null && hostNodeOf(from) === dstPod.nodeName) {
    ingress = {
      isolated: false,
      reason: 'the node may always reach its own pods (kubelet probes)',
    };
  } else
    ingress = direction(policies, 'ingress', dstPod, endOf(from), port, protocol, dstPod, nsLabels);
  return { allowed: allowedDir(egress) && allowedDir(ingress), egress, ingress };
}

/** A denied verdict in words, naming the direction and the policies that isolate it. */
export function describeDenial(v: ConnectionVerdict, fromName: string, toName: string): string {
  const parts: string[] = [];
  if (v.egress.isolated && v.egress.allowedBy.length === 0) {
    parts.push(
      `${fromName}'s egress is isolated by ${v.egress.policies.join(', ')} and no egress rule allows this connection`,
    );
  }
  if (v.ingress.isolated && v.ingress.allowedBy.length === 0) {
    parts.push(
      `${toName}'s ingress is isolated by ${v.ingress.policies.join(', ')} and no ingress rule allows this connection`,
    );
  }
  return parts.join('; ');
}
