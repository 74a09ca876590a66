/**
 * The connections one NetworkPolicy's own rules allow, pod to pod, for drawing on the canvas
 * when the policy is selected. This is what the policy grants, not the cluster's verdict: other
 * policies may allow more, and the far end's own policies may still deny (a rule of an ingress
 * policy says nothing about the peer's egress).
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
import { describePeer } from './explain';
import { cidrContains, formatIPv4, parseCidr4, parseIPv4 } from './ip';
import type { Cidr4 } from './ip';
import { describeSelector } from './labels';
import type { Labels } from './labels';
import { compiledPolicies, peerMatches, podEndpoint, policySelects } from './networkpolicy';
import type { CompiledPeer, CompiledPolicy, CompiledPort, CompiledRule } from './networkpolicy';
import type { Cluster, SimPod } from './types';

export interface PolicyConnection {
  /** Canvas id: `pod:ns/name` or `external:internet`. */
  readonly from: string;
  readonly to: string;
  readonly direction: 'ingress' | 'egress';
  /** Index of the rule in the policy's ingress or egress list. */
  readonly rule: number;
  /** `TCP/80`, `TCP/http`, `TCP/8000-8080`, …; null: every port. */
  readonly ports: readonly string[] | null;
}

export interface PolicyConnections {
  readonly policy: string;
  readonly connections: readonly PolicyConnection[];
  /** Connections left out beyond {@link MAX_POLICY_CONNECTIONS}. */
  readonly omitted: number;
  /** What the drawing cannot show, in words (ipBlocks, open rules, peers matching nothing). */
  readonly notes: readonly string[];
}

/** Enough to see the shape of a policy; more edges than this is a hairball, not a picture. */
export const MAX_POLICY_CONNECTIONS = 400;

/** The canvas node that stands for every address outside the cluster. */
export const INTERNET = 'external:internet';

const podId = (pod: SimPod): string => `pod:${pod.key}`;

function formatPort(p: CompiledPort): string {
  if (p.name !== undefined) return `${p.protocol}/${p.name}`;
  if (p.port === undefined) return `${p.protocol}/any`;
  if (p.endPort !== undefined) return `${p.protocol}/${String(p.port)}-${String(p.endPort)}`;
  return `${p.protocol}/${String(p.port)}`;
}

/**
 * The rule's ports as seen at one destination: named ports resolve against the destination
 * pod's own containers, so a name it does not declare admits nothing there (and nothing at all
 * outside the cluster). null: every port; 'none': no port is left, so the rule allows nothing
 * to that destination.
 */
function portsAt(
  ports: readonly CompiledPort[] | null,
  dst: SimPod | null,
): readonly string[] | null | 'none' {
  if (ports === null) return null;
  const kept = ports.filter(
    (p) =>
      p.name === undefined ||
      (dst !== null &&
        dst.containers.some((c) =>
          c.ports.some((cp) => cp.name === p.name && cp.protocol === p.protocol),
        )),
  );
  return kept.length === 0 ? 'none' : kept.map(formatPort);
}

/** Whether some address of `block` lies outside `podCIDR` (the block is not all pods). */
function reachesOutside(block: Cidr4, podCIDR: Cidr4 | null): boolean {
  return podCIDR === null || block.prefix < podCIDR.prefix || !cidrContains(podCIDR, block.base);
}

interface RuleContext {
  readonly cluster: Cluster;
  readonly policy: CompiledPolicy;
  readonly selected: readonly SimPod[];
  /** Scenario pods with an IP: the pods a peer can be drawn as. */
  readonly candidates: readonly SimPod[];
  readonly nsLabels: (ns: string) => Labels;
  readonly out: PolicyConnection[];
  readonly notes: string[];
}

/** Push `src → dst` unless the destination resolves none of the rule's ports. */
function connect(
  ctx: RuleContext,
  rule: CompiledRule,
  src: string,
  dst: string,
  dstPod: SimPod | null,
  unresolved: Set<string>,
): void {
  if (src === dst) return; // a pod always reaches itself; a loop adds nothing to the picture
  const ports = portsAt(rule.ports, dstPod);
  if (ports === 'none') {
    unresolved.add(dstPod ? dstPod.key : 'addresses outside the cluster');
    return;
  }
  ctx.out.push({ from: src, to: dst, direction: rule.direction, rule: rule.index, ports });
}

function addRule(ctx: RuleContext, rule: CompiledRule): void {
  const { cluster, policy, selected, notes } = ctx;
  const isIngress = rule.direction === 'ingress';
  const label = `${rule.direction} rule ${String(rule.index)}`;
  const unresolved = new Set<string>();
  // Ingress: peer → selected pod; egress: selected pod → peer.
  const link = (peer: string, peerPod: SimPod | null) => {
    for (const pod of selected) {
      if (isIngress) connect(ctx, rule, peer, podId(pod), pod, unresolved);
      else connect(ctx, rule, podId(pod), peer, peerPod, unresolved);
    }
  };
  if (rule.peers === null) {
    // Every pod, node and outside address: one edge per selected pod from/to the internet
    // node stands for all of them, instead of every pod × every pod.
    notes.push(
      isIngress
        ? `${label} allows every source (all pods, nodes and outside addresses); drawn as ${INTERNET}`
        : `${label} allows every destination (all pods, nodes and outside addresses); drawn as ${INTERNET}`,
    );
    link(INTERNET, null);
  } else {
    const external = parseIPv4(cluster.settings.externalClientIP);
    const podCIDR = parseCidr4(cluster.settings.podCIDR);
    let hasInternet = false;
    for (const peer of rule.peers) {
      const matched = ctx.candidates.filter((pod) => matches(ctx, peer, pod));
      if (peer.kind === 'ipBlock') {
        const what = `${label}: ipBlock ${describePeer(peer, policy.namespace).replace(/^addresses in /, '')}`;
        if (peer.cidr === null) notes.push(`${what} is not IPv4 and matches no pod`);
        else if (
          external !== null &&
          peerMatches(peer, policy.namespace, ipEnd(external), ctx.nsLabels)
        ) {
          notes.push(
            `${what} covers addresses outside the cluster, including the external client ${formatIPv4(external)}; drawn as ${INTERNET}`,
          );
          hasInternet = true;
        } else if (reachesOutside(peer.cidr, podCIDR))
          notes.push(
            `${what} covers addresses outside the pod network; only pods inside are drawn`,
          );
      }
      if (matched.length === 0 && peer.kind === 'selector')
        notes.push(`${label}: ${describePeer(peer, policy.namespace)} match no pod`);
    }
    const peerPods = ctx.candidates.filter((pod) =>
      (rule.peers ?? []).some((peer) => matches(ctx, peer, pod)),
    );
    if (hasInternet) link(INTERNET, null);
    for (const pod of peerPods) link(podId(pod), pod);
  }
  if (unresolved.size > 0 && rule.ports !== null) {
    const names = rule.ports.filter((p) => p.name !== undefined).map(formatPort);
    notes.push(
      `${label}: ${[...unresolved].join(', ')} ${unresolved.size === 1 ? 'declares' : 'declare'} no port ${names.join(' or ')}, so the rule allows nothing there`,
    );
  }
}

function ipEnd(ip: number) {
  return { pod: null, ip };
}

function matches(ctx: RuleContext, peer: CompiledPeer, pod: SimPod): boolean {
  return peerMatches(peer, ctx.policy.namespace, podEndpoint(pod), ctx.nsLabels);
}

function compareConnections(a: PolicyConnection, b: PolicyConnection): number {
  if (a.direction !== b.direction) return a.direction === 'ingress' ? -1 : 1;
  if (a.rule !== b.rule) return a.rule - b.rule;
  if (a.from !== b.from) return a.from < b.from ? -1 : 1;
  return a.to < b.to ? -1 : a.to > b.to ? 1 : 0;
}

/**
 * The connections the NetworkPolicy `policy` (`ns/name`) allows by its own rules: for each
 * ingress rule, each pod it admits → each pod the policy selects; for each egress rule, each
 * selected pod → each pod it admits. Pods are the scenario's pods with an IP (system pods are
 * left out); a peer pod is matched as the data path sees it (an ipBlock matches pods whose IP is
 * inside, hostNetwork pods included). Outside addresses are one `external:internet` end: for a
 * rule without peers (every source or destination) and for an ipBlock that holds the external
 * client's address. Self-connections are left out (a pod always reaches itself). Sorted by
 * direction (ingress first), rule, from, to; at most {@link MAX_POLICY_CONNECTIONS}, the rest
 * counted in `omitted`. Notes say what the picture cannot: unknown policy, nothing selected, a
 * CNI that enforces no policy, deny-all directions, ipBlocks and peers matching no pod.
 */
export function policyConnections(cluster: Cluster, policy: string): PolicyConnections {
  const compiled = compiledPolicies(cluster).find((p) => p.key === policy);
  if (!compiled)
    return { policy, connections: [], omitted: 0, notes: [`NetworkPolicy ${policy} not found`] };
  const notes: string[] = [];
  if (!cluster.settings.enforcesPolicy)
    notes.push(
      `the ${cluster.settings.cniPlugin} CNI does not enforce NetworkPolicy: these rules are drawn as written but allow and deny nothing`,
    );
  const candidates = cluster.pods.filter((p) => p.ip !== null && !p.isSystem);
  const selected = candidates.filter((p) => policySelects(compiled, p));
  if (selected.length === 0) {
    notes.push(
      `${policy} selects no pods (podSelector: ${describeSelector(compiled.podSelector)} in namespace ${compiled.namespace})`,
    );
    return { policy, connections: [], omitted: 0, notes };
  }
  const out: PolicyConnection[] = [];
  const ctx: RuleContext = {
    cluster,
    policy: compiled,
    selected,
    candidates,
    nsLabels: (ns) =>
      cluster.namespaceByName.get(ns)?.labels ?? { 'kubernetes.io/metadata.name': ns },
    out,
    notes,
  };
  for (const [affects, rules, dir] of [
    [compiled.affectsIngress, compiled.ingress, 'ingress'],
    [compiled.affectsEgress, compiled.egress, 'egress'],
  ] as const) {
    if (affects && rules.length === 0)
      notes.push(`${policy} has no ${dir} rules: it denies all ${dir} of the pods it selects`);
    for (const rule of rules) addRule(ctx, rule);
  }
  out.sort(compareConnections);
  return {
    policy,
    connections: out.slice(0, MAX_POLICY_CONNECTIONS),
    omitted: Math.max(0, out.length - MAX_POLICY_CONNECTIONS),
    notes,
  };
}
