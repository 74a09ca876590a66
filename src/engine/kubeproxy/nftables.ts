/**
 * kube-proxy's nftables mode (GA in Kubernetes 1.33): one `kube-proxy` table whose
 * `services` chain looks the destination up in the `service-ips` and `service-nodeports`
 * verdict maps and jumps to a per-service chain, which picks an endpoint chain with
 * `numgen random mod N vmap`. Services without (local) endpoints are answered from the
 * filter-hook chains through `no-endpoint-services` / `no-endpoint-nodeports`.
 * Layout follows `setupNFTables` and `syncProxyRules` in `pkg/proxy/nftables/proxier.go` and
 * the expected transactions in its `proxier_test.go`; NodePorts accept on the node's primary
 * IP only (`--nodeport-addresses primary`, the nftables-mode default).
 * https://kubernetes.io/docs/reference/networking/virtual-ips/#proxy-mode-nftables
 */
import type { EndpointTarget } from '../endpoints';
import type { Cluster } from '../types';
import { lowerProtocol, nftEndpointNames, nftServiceChains } from './chains';
import { NftTable } from './nftPrint';
import type { ProxiedPort } from './servicePorts';
import { endpointString, proxiedPorts } from './servicePorts';

const MARK = '0x00004000';
const ADDR_PORT_VERDICT = 'ipv4_addr . inet_proto . inet_service : verdict';
const PORT_VERDICT = 'inet_proto . inet_service : verdict';

/** Base chains, hooked in at these priorities (filter chains before and after DNAT). */
function setUpTable(table: NftTable, cluster: Cluster, nodeIP: string | undefined): void {
  table.addSet({
    kind: 'set',
    name: 'cluster-ips',
    type: 'ipv4_addr',
    comment: 'Active ClusterIPs',
  });
  table.addSet({
    kind: 'set',
    name: 'nodeport-ips',
    type: 'ipv4_addr',
    comment: 'IPs that accept NodePort traffic',
  });
  if (nodeIP !== undefined) table.addElement('nodeport-ips', { key: nodeIP });
  const maps: [string, string, string][] = [
    [
      'no-endpoint-services',
      ADDR_PORT_VERDICT,
      'vmap to drop or reject packets to services with no endpoints',
    ],
    [
      'no-endpoint-nodeports',
      PORT_VERDICT,
      'vmap to drop or reject packets to service nodeports with no endpoints',
    ],
    [
      'firewall-ips',
      ADDR_PORT_VERDICT,
      'destinations that are subject to LoadBalancerSourceRanges',
    ],
    ['service-ips', ADDR_PORT_VERDICT, 'ClusterIP, ExternalIP and LoadBalancer IP traffic'],
    ['service-nodeports', PORT_VERDICT, 'NodePort traffic'],
  ];
  for (const [name, type, comment] of maps) table.addSet({ kind: 'map', name, type, comment });

  const base = [
    ['filter-prerouting-pre-dnat', 'filter', 'prerouting', 'dstnat - 10'],
    ['filter-output-pre-dnat', 'filter', 'output', 'dstnat - 10'],
    ['filter-input', 'filter', 'input', 'filter'],
    ['filter-forward', 'filter', 'forward', 'filter'],
    ['filter-output', 'filter', 'output', 'filter'],
    ['nat-prerouting', 'nat', 'prerouting', 'dstnat'],
    ['nat-output', 'nat', 'output', 'dstnat'],
    ['nat-postrouting', 'nat', 'postrouting', 'srcnat'],
  ] as const;
  for (const [name, type, hook, priority] of base)
    table.addChain(name, { base: { type, hook, priority } });
  const jumps = [
    ['nodeport-endpoints-check', 'filter-input', 'ct state new '],
    ['service-endpoints-check', 'filter-input', 'ct state new '],
    ['service-endpoints-check', 'filter-forward', 'ct state new '],
    ['service-endpoints-check', 'filter-output', 'ct state new '],
    ['firewall-check', 'filter-prerouting-pre-dnat', 'ct state new '],
    ['firewall-check', 'filter-output-pre-dnat', 'ct state new '],
    ['services', 'nat-output', ''],
    ['services', 'nat-prerouting', ''],
    ['masquerading', 'nat-postrouting', ''],
    ['cluster-ips-check', 'filter-forward', 'ct state new '],
    ['cluster-ips-check', 'filter-output', 'ct state new '],
  ] as const;
  for (const [dst] of jumps) table.addChain(dst);
  for (const [dst, src, extra] of jumps) table.addRule(src, `${extra}jump ${dst}`);
  table.addRule('mark-for-masquerade', `meta mark set meta mark | ${MARK}`);
  table.addRule('masquerading', `meta mark & ${MARK} == 0x00000000 return`);
  table.addRule('masquerading', `meta mark set meta mark ^ ${MARK}`);
  table.addRule('masquerading', 'masquerade fully-random');
  table.addRule(
    'cluster-ips-check',
    'ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"',
  );
  table.addRule(
    'cluster-ips-check',
    `ip daddr ${cluster.settings.serviceCIDR} drop comment "Drop traffic to unallocated ClusterIPs"`,
  );
  table.addChain('reject-chain', {
    comment: 'helper for @no-endpoint-services / @no-endpoint-nodeports',
  });
  table.addRule('reject-chain', 'reject');
  table.addRule(
    'service-endpoints-check',
    'ip daddr . meta l4proto . th dport vmap @no-endpoint-services',
  );
  table.addRule(
    'nodeport-endpoints-check',
    'ip daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports',
  );
  table.addRule('firewall-check', 'ip daddr . meta l4proto . th dport vmap @firewall-ips');
  table.addRule('services', 'ip daddr . meta l4proto . th dport vmap @service-ips');
  table.addRule(
    'services',
    'ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports',
  );
}

/** Session-affinity checks, then one `numgen` vmap over the endpoint chains. */
function serviceToEndpoints(
  table: NftTable,
  p: ProxiedPort,
  chain: string,
  endpoints: readonly EndpointTarget[],
  names: (t: EndpointTarget) => { chain: string; affinitySet: string },
): void {
  if (p.service.sessionAffinity === 'ClientIP') {
    for (const t of endpoints)
      table.addRule(chain, `ip saddr @${names(t).affinitySet} goto ${names(t).chain}`);
  }
  const vmap = endpoints.map((t, i) => `${i} : goto ${names(t).chain}`).join(', ');
  table.addRule(chain, `numgen random mod ${endpoints.length} vmap { ${vmap} }`);
}

function servicePort(table: NftTable, p: ProxiedPort, podCIDR: string): void {
  const { service, port } = p;
  const proto = lowerProtocol(port.protocol);
  const chains = nftServiceChains(service.namespace, service.name, port.name, port.protocol);
  const names = (t: EndpointTarget) =>
    nftEndpointNames(
      service.namespace,
      service.name,
      port.name,
      port.protocol,
      t.endpoint.ip,
      t.port,
    );
  const internalChain = p.internalPolicyLocal ? chains.local : chains.service;
  const externalPolicyChain = p.externalPolicyLocal ? chains.local : chains.service;
  const internalVerdict = p.hasEndpoints ? 'drop' : 'goto reject-chain';
  const externalVerdict = internalVerdict;

  // Chains are created endpoint chains first, then the policy and external chains.
  for (const t of p.reachable) table.addChain(names(t).chain);
  const usesCluster = p.usesClusterEndpoints && p.clusterEndpoints.length > 0;
  const usesLocal = p.usesLocalEndpoints && p.localEndpoints.length > 0;
  if (usesCluster) table.addChain(chains.service);
  if (usesLocal) table.addChain(chains.local);
  const usesExternal = p.hasEndpoints && p.externallyAccessible;
  if (usesExternal) table.addChain(chains.external);

  const key = (ip: string) => `${ip} . ${proto} . ${port.port}`;
  table.addElement('cluster-ips', { key: p.clusterIP });
  if (p.hasInternalEndpoints) {
    table.addElement('service-ips', { key: key(p.clusterIP), value: `goto ${internalChain}` });
  } else {
    table.addElement('no-endpoint-services', {
      key: key(p.clusterIP),
      comment: p.name,
      value: internalVerdict,
    });
  }
  const externalAddresses = [...service.externalIPs];
  if (service.loadBalancerIP !== null) externalAddresses.push(service.loadBalancerIP);
  for (const ip of externalAddresses) {
    if (p.hasEndpoints)
      table.addElement('service-ips', { key: key(ip), value: `goto ${chains.external}` });
    if (!p.hasExternalEndpoints)
      table.addElement('no-endpoint-services', {
        key: key(ip),
        comment: p.name,
        value: externalVerdict,
      });
  }
  if (port.nodePort !== null) {
    const npKey = `${proto} . ${port.nodePort}`;
    if (p.hasEndpoints)
      table.addElement('service-nodeports', { key: npKey, value: `goto ${chains.external}` });
    if (!p.hasExternalEndpoints)
      table.addElement('no-endpoint-nodeports', {
        key: npKey,
        comment: p.name,
        value: externalVerdict,
      });
  }

  if (p.hasInternalEndpoints) {
    table.addRule(
      internalChain,
      `ip daddr ${p.clusterIP} ip saddr != ${podCIDR} jump mark-for-masquerade`,
    );
  }
  if (usesExternal) {
    if (!p.externalPolicyLocal) {
      table.addRule(chains.external, 'jump mark-for-masquerade');
    } else {
      table.addRule(
        chains.external,
        `ip saddr ${podCIDR} goto ${chains.service} comment "short-circuit pod traffic"`,
      );
      table.addRule(
        chains.external,
        'fib saddr type local jump mark-for-masquerade comment "masquerade local traffic"',
      );
      table.addRule(
        chains.external,
        `fib saddr type local goto ${chains.service} comment "short-circuit local traffic"`,
      );
    }
    if (p.hasExternalEndpoints) table.addRule(chains.external, `goto ${externalPolicyChain}`);
  }
  if (service.sessionAffinity === 'ClientIP') {
    for (const t of p.reachable) {
      table.addSet({
        kind: 'set',
        name: names(t).affinitySet,
        type: 'ipv4_addr',
        flags: 'dynamic,timeout',
        timeout: '3h',
      });
    }
  }
  if (usesCluster) serviceToEndpoints(table, p, chains.service, p.clusterEndpoints, names);
  if (usesLocal) serviceToEndpoints(table, p, chains.local, p.localEndpoints, names);
  for (const t of p.reachable) {
    const { chain, affinitySet } = names(t);
    table.addRule(chain, `ip saddr ${t.endpoint.ip} jump mark-for-masquerade`);
    if (service.sessionAffinity === 'ClientIP')
      table.addRule(chain, `update @${affinitySet} { ip saddr }`);
    table.addRule(chain, `meta l4proto ${proto} dnat to ${endpointString(t)}`);
  }
}

export interface NftablesOptions {
  /**
   * Only what kube-proxy writes for this Service (`ns/name`): its chains and sets and its
   * elements of the shared maps, printed the same way ('' if it has none).
   */
  readonly service?: string;
}

/**
 * The `kube-proxy` table on `nodeName` as `nft list table ip kube-proxy` prints it. Which
 * endpoints the Local policies use depends on the node.
 */
export function renderNftables(
  cluster: Cluster,
  nodeName: string,
  options: NftablesOptions = {},
): string {
  const table = new NftTable('kube-proxy', 'rules for kube-proxy');
  setUpTable(table, cluster, cluster.nodeByName.get(nodeName)?.ip);
  for (const p of proxiedPorts(cluster, nodeName)) {
    table.owner = p.service.key;
    servicePort(table, p, cluster.settings.podCIDR);
  }
  table.owner = null;
  const { service } = options;
  return service === undefined ? table.render() : (table.render(service) ?? '');
}
