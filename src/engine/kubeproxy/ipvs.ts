/**
 * kube-proxy's IPVS mode (deprecated upstream in Kubernetes 1.35): every ClusterIP,
 * externalIP and LoadBalancer IP becomes a virtual server bound on the `kube-ipvs0` dummy
 * interface, every NodePort a virtual server on the node's IP, each with the ready endpoints
 * as real servers (masquerading, weight 1) under the `rr` scheduler. ClientIP affinity makes
 * the service `persistent` for its timeout. etp/itp Local keep only this node's endpoints.
 * Printed as `ipvsadm -Ln` prints it: services sorted by protocol, address and port, real
 * servers by address and port (`ipvs_sort_services`/`ipvs_sort_dests` in ipvsadm).
 * https://kubernetes.io/docs/reference/networking/virtual-ips/#proxy-mode-ipvs
 */
import type { EndpointTarget } from '../endpoints';
import { parseIPv4 } from '../ip';
import type { Cluster, Protocol } from '../types';
import { STICKY_SECONDS } from './iptables';
import type { ProxiedPort } from './servicePorts';
import { endpointString, proxiedPorts } from './servicePorts';

export interface VirtualServer {
  readonly protocol: Protocol;
  readonly address: string;
  readonly port: number;
  /** `kube-ipvs0` for service addresses, the node's interface for NodePorts. */
  readonly boundOnDummy: boolean;
  readonly persistent: boolean;
  readonly realServers: readonly EndpointTarget[];
}

const PROTOCOL_NUMBER: Record<Protocol, number> = { TCP: 6, UDP: 17, SCTP: 132 };

/** The virtual servers one service port gets on `nodeIP`. */
export function virtualServersOf(p: ProxiedPort, nodeIP: string | undefined): VirtualServer[] {
  const { service, port } = p;
  const internal = p.internalPolicyLocal ? p.localEndpoints : p.clusterEndpoints;
  const external = p.externalPolicyLocal ? p.localEndpoints : p.clusterEndpoints;
  const persistent = service.sessionAffinity === 'ClientIP';
  const vs = (
    address: string,
    portNumber: number,
    dummy: boolean,
    rs: readonly EndpointTarget[],
  ) => ({
    protocol: port.protocol,
    address,
    port: portNumber,
    boundOnDummy: dummy,
    persistent,
    realServers: rs,
  });
  const out: VirtualServer[] = [vs(p.clusterIP, port.port, true, internal)];
  for (const ip of service.externalIPs) out.push(vs(ip, port.port, true, external));
  if (service.loadBalancerIP !== null)
    out.push(vs(service.loadBalancerIP, port.port, true, external));
  if (port.nodePort !== null && nodeIP !== undefined)
    out.push(vs(nodeIP, port.nodePort, false, external));
  return out;
}

function compareAddress(a: string, b: string): number {
  return (parseIPv4(a) ?? 0) - (parseIPv4(b) ?? 0);
}

function compareVirtualServers(a: VirtualServer, b: VirtualServer): number {
  return (
    PROTOCOL_NUMBER[a.protocol] - PROTOCOL_NUMBER[b.protocol] ||
    compareAddress(a.address, b.address) ||
    a.port - b.port
  );
}

/**
 * Every virtual server kube-proxy (IPVS mode) programs on `nodeName`, in ipvsadm's order;
 * with `service` (`ns/name`), only that Service's.
 */
export function virtualServers(
  cluster: Cluster,
  nodeName: string,
  service?: string,
): VirtualServer[] {
  const nodeIP = cluster.nodeByName.get(nodeName)?.ip;
  return proxiedPorts(cluster, nodeName)
    .filter((p) => service === undefined || p.service.key === service)
    .flatMap((p) => virtualServersOf(p, nodeIP))
    .sort(compareVirtualServers);
}

/** `-> 10.244.1.2:80  Masq  1  0  0` as ipvsadm pads it (trailing blanks trimmed). */
function realServerLine(t: EndpointTarget): string {
  const line = `  -> ${endpointString(t).padEnd(28)} ${'Masq'.padEnd(7)} ${'1'.padEnd(6)} ${'0'.padEnd(10)} 0`;
  return line.trimEnd();
}

/** `TCP  10.96.0.1:443 rr` (plus ` persistent 10800` with ClientIP affinity). */
export function virtualServerLine(v: VirtualServer): string {
  const persistent = v.persistent ? ` persistent ${STICKY_SECONDS}` : '';
  return `${v.protocol}  ${v.address}:${v.port} rr${persistent}`;
}

export interface IpvsOptions {
  /** Only this Service's (`ns/name`) virtual servers, under the same header. */
  readonly service?: string;
}

/** The node's IPVS table as `ipvsadm -Ln` prints it, header included. */
export function renderIpvs(cluster: Cluster, nodeName: string, options: IpvsOptions = {}): string {
  const lines = [
    'IP Virtual Server version 1.2.1 (size=4096)',
    'Prot LocalAddress:Port Scheduler Flags',
    '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
  ];
  for (const v of virtualServers(cluster, nodeName, options.service)) {
    lines.push(virtualServerLine(v));
    const sorted = [...v.realServers].sort(
      (a, b) => compareAddress(a.endpoint.ip, b.endpoint.ip) || a.port - b.port,
    );
    for (const t of sorted) lines.push(realServerLine(t));
  }
  return `${lines.join('\n')}\n`;
}
