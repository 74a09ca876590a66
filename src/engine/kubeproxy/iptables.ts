/**
 * kube-proxy's iptables mode: the rules one node's kube-proxy writes for the cluster's
 * Services, printed as `iptables-save -t nat` (and, on request, `-t filter`, where the REJECT
 * of Services without endpoints and the DROP of Local policies without a local endpoint live).
 * Structure and comments follow `syncProxyRules` in `pkg/proxy/iptables/proxier.go`:
 * KUBE-SERVICES → KUBE-SVC-… (or KUBE-SVL-… for Local policies) → KUBE-SEP-… → DNAT, with
 * KUBE-NODEPORTS and KUBE-EXT-… for external traffic and KUBE-MARK-MASQ / KUBE-POSTROUTING
 * for SNAT. Only what kube-proxy owns is shown (no Docker, CNI or kubelet chains).
 * https://kubernetes.io/docs/reference/networking/virtual-ips/#proxy-mode-iptables
 */
import type { EndpointTarget } from '../endpoints';
import type { Cluster } from '../types';
import { iptablesEndpointChain, iptablesServiceChains, lowerProtocol } from './chains';
import type { IptRule } from './iptablesSave';
import { comment, IptablesTable, l4, recent, statistic } from './iptablesSave';
import type { ProxiedPort } from './servicePorts';
import { endpointString, proxiedPorts } from './servicePorts';

/** kube-proxy's default `--iptables-masquerade-bit` 14. */
export const MASQ_MARK = '0x4000';
/** `sessionAffinityConfig.clientIP.timeoutSeconds` default (3 hours). */
export const STICKY_SECONDS = 10800;

export type IptablesTableName = 'nat' | 'filter';

export interface IptablesOptions {
  /** Tables to print, in this order. Default `['nat']`, as `iptables-save -t nat`. */
  readonly tables?: readonly IptablesTableName[];
  /**
   * Only the rules written for this Service (`ns/name`), in the same lines and order, with the
   * declarations of its own chains; tables where it has nothing are left out.
   */
  readonly service?: string;
}

const CT_NEW = '-m conntrack --ctstate NEW';
const LOCALHOST = '127.0.0.0/8';

/** The jumps kube-proxy prepends to the built-in chains, as they end up ordered. */
function builtinJumps(nat: IptablesTable, filter: IptablesTable): void {
  for (const chain of ['PREROUTING', 'OUTPUT'])
    nat.add({
      chain,
      matches: [comment('kubernetes service portals')],
      target: '-j KUBE-SERVICES',
    });
  nat.add({
    chain: 'POSTROUTING',
    matches: [comment('kubernetes postrouting rules')],
    target: '-j KUBE-POSTROUTING',
  });
  // Each jump is inserted at the top of its chain, so the last one ensured comes first.
  const lb = [CT_NEW, comment('kubernetes load balancer firewall')];
  const portals = [CT_NEW, comment('kubernetes service portals')];
  const external = [CT_NEW, comment('kubernetes externally-visible service portals')];
  filter.add({ chain: 'INPUT', target: '-j KUBE-FIREWALL' });
  filter.add({ chain: 'INPUT', matches: lb, target: '-j KUBE-PROXY-FIREWALL' });
  filter.add({
    chain: 'INPUT',
    matches: [comment('kubernetes health check service ports')],
    target: '-j KUBE-NODEPORTS',
  });
  filter.add({ chain: 'INPUT', matches: external, target: '-j KUBE-EXTERNAL-SERVICES' });
  filter.add({ chain: 'FORWARD', matches: lb, target: '-j KUBE-PROXY-FIREWALL' });
  filter.add({
    chain: 'FORWARD',
    matches: [comment('kubernetes forwarding rules')],
    target: '-j KUBE-FORWARD',
  });
  filter.add({ chain: 'FORWARD', matches: portals, target: '-j KUBE-SERVICES' });
  filter.add({ chain: 'FORWARD', matches: external, target: '-j KUBE-EXTERNAL-SERVICES' });
  filter.add({ chain: 'OUTPUT', target: '-j KUBE-FIREWALL' });
  filter.add({ chain: 'OUTPUT', matches: lb, target: '-j KUBE-PROXY-FIREWALL' });
  filter.add({ chain: 'OUTPUT', matches: portals, target: '-j KUBE-SERVICES' });
}

/** The fixed chains and rules every sync writes. */
function fixedRules(nat: IptablesTable, filter: IptablesTable): void {
  for (const c of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-PROXY-CANARY']) nat.declare(c);
  for (const c of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS'])
    filter.declare(c);
  for (const c of ['KUBE-PROXY-FIREWALL', 'KUBE-PROXY-CANARY']) filter.declare(c);
  const mark = `${MASQ_MARK}/${MASQ_MARK}`;
  nat.add({
    chain: 'KUBE-POSTROUTING',
    matches: [`-m mark ! --mark ${mark}`],
    target: '-j RETURN',
  });
  // `-j MARK --xor-mark 0x4000` is stored as value 0x4000 under mask 0.
  nat.add({ chain: 'KUBE-POSTROUTING', target: `-j MARK --set-xmark ${MASQ_MARK}/0x0` });
  nat.add({
    chain: 'KUBE-POSTROUTING',
    matches: [comment('kubernetes service traffic requiring SNAT')],
    target: '-j MASQUERADE --random-fully',
  });
  nat.add({ chain: 'KUBE-MARK-MASQ', target: `-j MARK --set-xmark ${mark}` });
  // route_localnet is on for localhost NodePorts (the default), so guard 127/8 from outside.
  filter.add({
    chain: 'KUBE-FIREWALL',
    notSrc: LOCALHOST,
    dst: LOCALHOST,
    matches: [
      comment('block incoming localnet connections'),
      '-m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT',
    ],
    target: '-j DROP',
  });
  filter.add({
    chain: 'KUBE-FORWARD',
    matches: [
      '-m conntrack --ctstate INVALID',
      '-m nfacct --nfacct-name ct_state_invalid_dropped_pkts',
    ],
    target: '-j DROP',
  });
  filter.add({
    chain: 'KUBE-FORWARD',
    matches: [comment('kubernetes forwarding rules'), `-m mark --mark ${mark}`],
    target: '-j ACCEPT',
  });
  filter.add({
    chain: 'KUBE-FORWARD',
    matches: [
      comment('kubernetes forwarding conntrack rule'),
      '-m conntrack --ctstate RELATED,ESTABLISHED',
    ],
    target: '-j ACCEPT',
  });
}

/**
 * kube-proxy's "large cluster mode": past 1000 endpoints it stops writing the comments of
 * the per-endpoint rules (KUBE-SVC → KUBE-SEP and KUBE-SEP itself) to keep the table small.
 */
const LARGE_CLUSTER_ENDPOINTS = 1000;

interface SyncContext {
  readonly podCIDR: string;
  /** The comment matches of per-endpoint rules: none in large cluster mode. */
  readonly endpointComment: (text: string) => string[];
}

/** KUBE-SVC/KUBE-SVL → KUBE-SEP: affinity checks first, then the 1/n, 1/(n-1), … rules. */
function serviceToEndpoints(
  nat: IptablesTable,
  ctx: SyncContext,
  p: ProxiedPort,
  chain: string,
  endpoints: readonly EndpointTarget[],
  sep: (t: EndpointTarget) => string,
): void {
  if (p.service.sessionAffinity === 'ClientIP') {
    for (const t of endpoints) {
      nat.add({
        chain,
        matches: [
          ...ctx.endpointComment(`${p.name} -> ${endpointString(t)}`),
          recent('rcheck', sep(t), STICKY_SECONDS),
        ],
        target: `-j ${sep(t)}`,
      });
    }
  }
  endpoints.forEach((t, i) => {
    const matches = ctx.endpointComment(`${p.name} -> ${endpointString(t)}`);
    if (i < endpoints.length - 1) matches.push(statistic(endpoints.length - i));
    nat.add({ chain, matches, target: `-j ${sep(t)}` });
  });
}

/** Everything one service port contributes to both tables, in kube-proxy's order. */
function servicePortRules(
  nat: IptablesTable,
  filter: IptablesTable,
  ctx: SyncContext,
  p: ProxiedPort,
): void {
  const podCIDR = ctx.podCIDR;
  const proto = lowerProtocol(p.port.protocol);
  const chains = iptablesServiceChains(p.name, p.port.protocol);
  const sep = (t: EndpointTarget) =>
    iptablesEndpointChain(p.name, p.port.protocol, endpointString(t));
  const internalChain = p.internalPolicyLocal ? chains.svl : chains.svc;
  const externalPolicyChain = p.externalPolicyLocal ? chains.svl : chains.svc;
  const noEndpoints = `${p.name} has no endpoints`;
  const noLocal = `${p.name} has no local endpoints`;
  const internalFilter = p.hasEndpoints
    ? '-j DROP'
    : '-j REJECT --reject-with icmp-port-unreachable';
  const externalFilter = internalFilter;
  const filterComment = p.hasEndpoints ? noLocal : noEndpoints;
  const port = p.port.port;
  const vip = (dst: string, what: string) => ({
    dst,
    proto,
    matches: [comment(`${p.name} ${what}`), l4(proto, port)],
  });

  if (p.hasInternalEndpoints) {
    nat.add({
      chain: 'KUBE-SERVICES',
      ...vip(p.clusterIP, 'cluster IP'),
      target: `-j ${internalChain}`,
    });
  } else {
    filter.add({
      chain: 'KUBE-SERVICES',
      dst: p.clusterIP,
      proto,
      matches: [comment(filterComment), l4(proto, port)],
      target: internalFilter,
    });
  }
  const externalDrop = (dst: string): IptRule => ({
    chain: 'KUBE-EXTERNAL-SERVICES',
    dst,
    proto,
    matches: [comment(filterComment), l4(proto, port)],
    target: externalFilter,
  });
  for (const ip of p.service.externalIPs) {
    if (p.hasEndpoints)
      nat.add({ chain: 'KUBE-SERVICES', ...vip(ip, 'external IP'), target: `-j ${chains.ext}` });
    if (!p.hasExternalEndpoints) filter.add(externalDrop(ip));
  }
  const lbIP = p.service.loadBalancerIP;
  if (lbIP !== null) {
    if (p.hasEndpoints)
      nat.add({
        chain: 'KUBE-SERVICES',
        ...vip(lbIP, 'loadbalancer IP'),
        target: `-j ${chains.ext}`,
      });
    if (!p.hasExternalEndpoints) filter.add(externalDrop(lbIP));
  }
  const nodePort = p.port.nodePort;
  if (nodePort !== null) {
    if (p.hasEndpoints) {
      // Localhost NodePorts (on by default) are counted through an nfacct counter first.
      nat.add({
        chain: 'KUBE-NODEPORTS',
        dst: LOCALHOST,
        proto,
        matches: [
          comment(p.name),
          l4(proto, nodePort),
          '-m nfacct --nfacct-name localhost_nps_accepted_pkts',
        ],
        target: `-j ${chains.ext}`,
      });
      nat.add({
        chain: 'KUBE-NODEPORTS',
        proto,
        matches: [comment(p.name), l4(proto, nodePort)],
        target: `-j ${chains.ext}`,
      });
    }
    if (!p.hasExternalEndpoints) {
      filter.add({
        chain: 'KUBE-EXTERNAL-SERVICES',
        proto,
        matches: [comment(filterComment), '-m addrtype --dst-type LOCAL', l4(proto, nodePort)],
        target: externalFilter,
      });
    }
  }

  if (p.hasInternalEndpoints) {
    // Off-cluster sources reaching the VIP through this node are SNATed: replies may
    // otherwise bypass it.
    nat.add({
      chain: internalChain,
      notSrc: podCIDR,
      ...vip(p.clusterIP, 'cluster IP'),
      target: '-j KUBE-MARK-MASQ',
    });
  }
  if (p.hasEndpoints && p.externallyAccessible) {
    nat.declare(chains.ext);
    if (!p.externalPolicyLocal) {
      nat.add({
        chain: chains.ext,
        matches: [comment(`masquerade traffic for ${p.name} external destinations`)],
        target: '-j KUBE-MARK-MASQ',
      });
    } else {
      // Pods and the node itself are short-circuited to all endpoints, as if they had gone
      // out to the load balancer and come back; only traffic from elsewhere keeps Local.
      nat.add({
        chain: chains.ext,
        src: podCIDR,
        matches: [comment(`pod traffic for ${p.name} external destinations`)],
        target: `-j ${chains.svc}`,
      });
      nat.add({
        chain: chains.ext,
        matches: [
          comment(`masquerade LOCAL traffic for ${p.name} external destinations`),
          '-m addrtype --src-type LOCAL',
        ],
        target: '-j KUBE-MARK-MASQ',
      });
      nat.add({
        chain: chains.ext,
        matches: [
          comment(`route LOCAL traffic for ${p.name} external destinations`),
          '-m addrtype --src-type LOCAL',
        ],
        target: `-j ${chains.svc}`,
      });
    }
    if (p.hasExternalEndpoints) nat.add({ chain: chains.ext, target: `-j ${externalPolicyChain}` });
  }
  if (p.usesClusterEndpoints && p.clusterEndpoints.length > 0) {
    nat.declare(chains.svc);
    serviceToEndpoints(nat, ctx, p, chains.svc, p.clusterEndpoints, sep);
  }
  if (p.usesLocalEndpoints && p.localEndpoints.length > 0) {
    nat.declare(chains.svl);
    serviceToEndpoints(nat, ctx, p, chains.svl, p.localEndpoints, sep);
  }
  for (const t of p.reachable) {
    const chain = sep(t);
    // Hairpin: a pod reaching itself through the Service must be SNATed, or it would answer
    // itself directly and the client would drop the reply.
    const matches = ctx.endpointComment(p.name);
    nat.add({ chain, src: t.endpoint.ip, matches: [...matches], target: '-j KUBE-MARK-MASQ' });
    if (p.service.sessionAffinity === 'ClientIP')
      matches.push(recent('set', chain, STICKY_SECONDS));
    matches.push(l4(proto));
    nat.add({ chain, proto, matches, target: `-j DNAT --to-destination ${endpointString(t)}` });
  }
}

/** The node's kube-proxy tables, built once for any set of printed tables. */
function buildTables(cluster: Cluster, nodeName: string): Record<IptablesTableName, IptablesTable> {
  const nat = new IptablesTable('nat', ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']);
  const filter = new IptablesTable('filter', ['INPUT', 'FORWARD', 'OUTPUT']);
  builtinJumps(nat, filter);
  fixedRules(nat, filter);
  const ports = proxiedPorts(cluster, nodeName);
  const total = ports.reduce((n, p) => n + p.knownEndpoints, 0);
  const ctx: SyncContext = {
    podCIDR: cluster.settings.podCIDR,
    endpointComment: (text) => (total > LARGE_CLUSTER_ENDPOINTS ? [] : [comment(text)]),
  };
  for (const p of ports) {
    nat.owner = filter.owner = p.service.key;
    servicePortRules(nat, filter, ctx, p);
  }
  nat.owner = filter.owner = null;
  // Last in KUBE-SERVICES: anything addressed to a local IP may be a NodePort. Localhost
  // NodePorts are allowed (route_localnet), so 127/8 is not excluded.
  nat.add({
    chain: 'KUBE-SERVICES',
    matches: [
      comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'),
      '-m addrtype --dst-type LOCAL',
    ],
    target: '-j KUBE-NODEPORTS',
  });
  return { nat, filter };
}

/**
 * The rules kube-proxy (iptables mode) writes on `nodeName`, as `iptables-save -t nat` prints
 * them; `options.tables` adds the filter table (REJECT/DROP for missing endpoints). Rules that
 * depend on the node (etp/itp Local) use the endpoints on that node. With `options.service`,
 * that Service's share only ('' if it has none).
 */
export function renderIptables(
  cluster: Cluster,
  nodeName: string,
  options: IptablesOptions = {},
): string {
  const tables = buildTables(cluster, nodeName);
  const names = options.tables ?? ['nat'];
  const { service } = options;
  if (service === undefined) return `${names.map((t) => tables[t].render()).join('\n')}\n`;
  const printed = names.flatMap((t) => tables[t].render(service) ?? []);
  return printed.length === 0 ? '' : `${printed.join('\n')}\n`;
}
