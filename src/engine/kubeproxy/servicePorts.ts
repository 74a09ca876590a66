/**
 * What kube-proxy on one node knows about each service port before it writes rules: which
 * endpoints it uses under each traffic policy, as `proxy.CategorizeEndpoints`
 * (`pkg/proxy/topology.go`) sorts them, and which of its rules (REJECT/DROP or DNAT) apply.
 * All three modes and the data path (`translate.ts`) start from this view.
 * https://kubernetes.io/docs/reference/networking/virtual-ips/#traffic-policies
 */
import type { EndpointTarget } from '../endpoints';
import type { SimService, SimServicePort } from '../services';
import { cidrContains, parseCidr4, parseIPv4 } from '../ip';
import type { Cluster } from '../types';
import { servicePortName } from './chains';

/** How a packet reached a Service: its ClusterIP, a NodePort, an externalIP or the LB IP. */
export type Frontend = 'clusterIP' | 'nodePort' | 'externalIP' | 'loadBalancer';

export interface ServiceHit {
  readonly service: SimService;
  readonly port: SimServicePort;
  readonly frontend: Frontend;
}

export interface ProxiedPort {
  readonly service: SimService;
  readonly port: SimServicePort;
  /** `ns/name:port` (or `ns/name` for an unnamed port), kube-proxy's ServicePortName. */
  readonly name: string;
  readonly clusterIP: string;
  /** Endpoints kube-proxy knows for this port, ready or not (its large-cluster count). */
  readonly knownEndpoints: number;
  /** Ready endpoints, in kube-proxy's order (sorted by the `ip:port` string). */
  readonly endpoints: readonly EndpointTarget[];
  /** Endpoints for the Cluster policy (empty when only the Local policy is in use). */
  readonly clusterEndpoints: readonly EndpointTarget[];
  /** Ready endpoints on this node (empty when no Local policy is in use). */
  readonly localEndpoints: readonly EndpointTarget[];
  /** Endpoints this node may DNAT to under either policy (each gets an endpoint chain). */
  readonly reachable: readonly EndpointTarget[];
  /** Any usable endpoint anywhere in the cluster. */
  readonly hasEndpoints: boolean;
  /** ClusterIP traffic has somewhere to go on this node (itp Local needs a local one). */
  readonly hasInternalEndpoints: boolean;
  /** External traffic has somewhere to go on this node (etp Local needs a local one). */
  readonly hasExternalEndpoints: boolean;
  /** NodePort, externalIPs or a LoadBalancer IP. */
  readonly externallyAccessible: boolean;
  readonly internalPolicyLocal: boolean;
  /** etp Local on a Service that has external addresses at all. */
  readonly externalPolicyLocal: boolean;
  readonly usesClusterEndpoints: boolean;
  readonly usesLocalEndpoints: boolean;
}

export const endpointString = (t: EndpointTarget): string => `${t.endpoint.ip}:${t.port}`;

/** Go's `sort.Sort(byEndpoint)`: plain string order, so 10.244.1.10 sorts before 10.244.1.2. */
function sortEndpoints(targets: readonly EndpointTarget[]): EndpointTarget[] {
  const seen = new Set<string>();
  const unique = targets.filter((t) => {
    const key = endpointString(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => {
    const x = endpointString(a);
    const y = endpointString(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Whether kube-proxy programs this Service at all (it skips headless and ExternalName). */
export function isProxied(service: SimService): service is SimService & { clusterIP: string } {
  return service.clusterIP !== null && !service.headless && service.type !== 'ExternalName';
}

/** One service port as kube-proxy on `nodeName` sees it. */
export function proxiedPort(
  cluster: Cluster,
  service: SimService & { clusterIP: string },
  port: SimServicePort,
  nodeName: string,
): ProxiedPort {
  const portIndex = service.ports.indexOf(port);
  const pe = cluster.endpoints.get(service.key)?.ports[portIndex];
  const endpoints = sortEndpoints(pe?.serving ?? []);
  const externallyAccessible =
    port.nodePort !== null || service.externalIPs.length > 0 || service.loadBalancerIP !== null;
  const internalPolicyLocal = service.internalTrafficPolicy === 'Local';
  const externalPolicyLocal = externallyAccessible && service.externalTrafficPolicy === 'Local';
  // Even with etp Local, Cluster endpoints are needed: pods and the node itself reaching an
  // external address are short-circuited to them.
  const usesClusterEndpoints = !internalPolicyLocal || externallyAccessible;
  const usesLocalEndpoints = internalPolicyLocal || externalPolicyLocal;
  const hasEndpoints = endpoints.length > 0;
  const local = endpoints.filter((t) => t.endpoint.nodeName === nodeName);
  const clusterEndpoints = usesClusterEndpoints ? endpoints : [];
  const localEndpoints = usesLocalEndpoints ? local : [];
  const reachable = usesClusterEndpoints ? endpoints : localEndpoints;
  return {
    service,
    port,
    name: servicePortName(service.namespace, service.name, port.name),
    clusterIP: service.clusterIP,
    knownEndpoints: pe?.all.length ?? 0,
    endpoints,
    clusterEndpoints,
    localEndpoints,
    reachable,
    hasEndpoints,
    hasInternalEndpoints: hasEndpoints && (!internalPolicyLocal || local.length > 0),
    hasExternalEndpoints: hasEndpoints && (!externalPolicyLocal || local.length > 0),
    externallyAccessible,
    internalPolicyLocal,
    externalPolicyLocal,
    usesClusterEndpoints,
    usesLocalEndpoints,
  };
}

/**
 * Every proxied service port on `nodeName`, sorted by ServicePortName then protocol (kube-proxy
 * walks a Go map, so its own order changes from sync to sync; a fixed order reads better).
 */
export function proxiedPorts(cluster: Cluster, nodeName: string): ProxiedPort[] {
  const out: ProxiedPort[] = [];
  for (const service of cluster.services) {
    if (!isProxied(service)) continue;
    for (const port of service.ports) out.push(proxiedPort(cluster, service, port, nodeName));
  }
  return out.sort((a, b) => {
    const x = `${a.name} ${a.port.protocol}`;
    const y = `${b.name} ${b.port.protocol}`;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Whether `ip` is inside the cluster's pod CIDR (kube-proxy's `--cluster-cidr` detector). */
export function isPodAddress(cluster: Cluster, ip: string): boolean {
  const cidr = parseCidr4(cluster.settings.podCIDR);
  const n = parseIPv4(ip);
  return cidr !== null && n !== null && cidrContains(cidr, n);
}
