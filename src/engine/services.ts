/**
 * Services as the API server and its allocators set them up: ClusterIPs from the service CIDR
 * (the `kubernetes` Service at the first address, kube-dns at .10 as kubeadm configures it),
 * NodePorts from 30000–32767, LoadBalancer addresses from a MetalLB-style pool.
 * Allocation is deterministic: a hash of `namespace/name` picks the address, probing on
 * collisions, so adding a Service never moves the others.
 * https://kubernetes.io/docs/concepts/services-networking/service/
 */
import type { ServicePort } from 'kubernetes-types/core/v1';
import type { Diagnostic } from '../model/diagnostics';
import type { ManifestOf, ObjectSource } from '../model/manifest';
import { fnv1a } from '../model/names';
import { cidrContains, cidrSize, formatIPv4, parseCidr4, parseIPv4 } from './ip';
import type { Labels } from './labels';
import type { Protocol, ResolvedSettings } from './types';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface SimServicePort {
  /** '' for a single unnamed port. */
  readonly name: string;
  readonly protocol: Protocol;
  readonly port: number;
  /** Number, or the name of a container port resolved per pod. */
  readonly targetPort: number | string;
  readonly nodePort: number | null;
  readonly appProtocol?: string;
}

export interface SimService {
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly type: ServiceType;
  /** null for headless Services (`clusterIP: None`) and ExternalName. */
  readonly clusterIP: string | null;
  readonly headless: boolean;
  readonly externalName: string | null;
  /** null: no selector, endpoints come from Endpoints/EndpointSlice objects. */
  readonly selector: Labels | null;
  readonly ports: readonly SimServicePort[];
  readonly externalIPs: readonly string[];
  /** The LoadBalancer ingress address, if type LoadBalancer. */
  readonly loadBalancerIP: string | null;
  readonly sessionAffinity: 'None' | 'ClientIP';
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly internalTrafficPolicy: 'Cluster' | 'Local';
  readonly publishNotReadyAddresses: boolean;
  readonly isSystem: boolean;
  readonly source?: ObjectSource;
}

/** MetalLB-style pool on the kind docker network (DESIGN.md). */
const LB_POOL_FIRST = parseIPv4('172.18.255.200') ?? 0;
const LB_POOL_LAST = parseIPv4('172.18.255.250') ?? 0;
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

/** The API server's own Service and the cluster DNS Service, present in every cluster. */
function builtInServices(settings: ResolvedSettings): SimService[] {
  const range = parseCidr4(settings.serviceCIDR);
  const at = (offset: number) => (range ? formatIPv4(range.base + offset) : null);
  const base = {
    type: 'ClusterIP' as const,
    headless: false,
    externalName: null,
    externalIPs: [],
    loadBalancerIP: null,
    sessionAffinity: 'None' as const,
    externalTrafficPolicy: 'Cluster' as const,
    internalTrafficPolicy: 'Cluster' as const,
    publishNotReadyAddresses: false,
    isSystem: true,
  };
  return [
    {
      ...base,
      key: 'default/kubernetes',
      name: 'kubernetes',
      namespace: 'default',
      clusterIP: at(1),
      // No selector: the API server publishes its own endpoints (the control plane, port 6443).
      selector: null,
      ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 6443, nodePort: null }],
    },
    {
      ...base,
      key: 'kube-system/kube-dns',
      name: 'kube-dns',
      namespace: 'kube-system',
      clusterIP: at(10),
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', protocol: 'UDP', port: 53, targetPort: 53, nodePort: null },
        { name: 'dns-tcp', protocol: 'TCP', port: 53, targetPort: 53, nodePort: null },
        { name: 'metrics', protocol: 'TCP', port: 9153, targetPort: 9153, nodePort: null },
      ],
    },
  ];
}

function err(
  source: ObjectSource | undefined,
  path: string,
  code: string,
  message: string,
): Diagnostic | undefined {
  return source
    ? { ...source.positions.value(path), severity: 'error', path, code, message }
    : undefined;
}

/** Allocates ClusterIPs, NodePorts and LoadBalancer IPs, honouring explicit values first. */
class Allocator {
  private readonly usedIps = new Set<number>();
  private readonly usedNodePorts = new Set<number>();
  private nextLb = LB_POOL_FIRST;

  constructor(private readonly settings: ResolvedSettings) {}

  reserveIp(ip: string): 'ok' | 'taken' | 'outside' | 'invalid' {
    const n = parseIPv4(ip);
    const range = parseCidr4(this.settings.serviceCIDR);
    if (n === null) return 'invalid';
    if (!range || !cidrContains(range, n)) return 'outside';
    if (this.usedIps.has(n)) return 'taken';
    this.usedIps.add(n);
    return 'ok';
  }

  /** A hash-chosen free address, skipping the network, broadcast and first ten addresses. */
  allocateIp(key: string): string | null {
    const range = parseCidr4(this.settings.serviceCIDR);
    if (!range) return null;
    const size = cidrSize(range);
    const usable = size - 12;
    if (usable <= 0) return null;
    let offset = 11 + (fnv1a(key) % usable);
    for (let tries = 0; tries < usable; tries++) {
      const ip = range.base + offset;
      if (!this.usedIps.has(ip)) {
        this.usedIps.add(ip);
        return formatIPv4(ip);
      }
      offset = offset + 1 >= size - 1 ? 11 : offset + 1;
    }
    return null;
  }

  reserveNodePort(port: number): boolean {
    if (this.usedNodePorts.has(port)) return false;
    this.usedNodePorts.add(port);
    return true;
  }

  allocateNodePort(key: string): number {
    const span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
    let p = NODE_PORT_MIN + (fnv1a(key) % span);
    while (this.usedNodePorts.has(p)) p = p + 1 > NODE_PORT_MAX ? NODE_PORT_MIN : p + 1;
    this.usedNodePorts.add(p);
    return p;
  }

  allocateLoadBalancerIp(): string | null {
    if (this.nextLb > LB_POOL_LAST) return null;
    return formatIPv4(this.nextLb++);
  }
}

function toPort(p: ServicePort): Omit<SimServicePort, 'nodePort'> {
  return {
    name: p.name ?? '',
    protocol: (p.protocol ?? 'TCP') as Protocol,
    port: p.port,
    targetPort: p.targetPort ?? p.port,
    ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
  };
}

/**
 * Build every Service: the built-in ones (unless the user redefines them), then the add-ons'
 * (`addOns`, e.g. the ingress controller's; allocated first, as if installed before the user's
 * objects, and marked `isSystem`), then the user's.
 */
export function buildServices(
  manifests: readonly ManifestOf<'Service'>[],
  settings: ResolvedSettings,
  out: Diagnostic[],
  addOns: readonly ManifestOf<'Service'>[] = [],
): SimService[] {
  const alloc = new Allocator(settings);
  const userKeys = new Set(manifests.map((m) => `${m.namespace}/${m.name}`));
  const builtIn = builtInServices(settings).filter((s) => !userKeys.has(s.key));
  const systemManifests = addOns.filter((m) => !userKeys.has(`${m.namespace}/${m.name}`));
  for (const s of builtIn) if (s.clusterIP) alloc.reserveIp(s.clusterIP);
  // Explicit addresses and ports first, so a dynamic allocation never takes them.
  for (const m of manifests) {
    const spec = m.object.spec ?? {};
    const ip = spec.clusterIP;
    if (ip && ip !== 'None' && spec.type !== 'ExternalName') {
      const r = alloc.reserveIp(ip);
      const d =
        r === 'taken'
          ? err(
              m.source,
              'spec.clusterIP',
              'cluster-ip-taken',
              `clusterIP ${ip} is already allocated to another Service; remove clusterIP to get a free one`,
            )
          : r === 'outside'
            ? err(
                m.source,
                'spec.clusterIP',
                'cluster-ip-outside',
                `clusterIP ${ip} is not in the service CIDR ${settings.serviceCIDR}; pick an address inside it or remove clusterIP`,
              )
            : r === 'invalid'
              ? err(
                  m.source,
                  'spec.clusterIP',
                  'invalid-ip',
                  `clusterIP ${JSON.stringify(ip)} is not an IPv4 address`,
                )
              : undefined;
      if (d) out.push(d);
    }
    (spec.ports ?? []).forEach((p, i) => {
      if (p.nodePort !== undefined && !alloc.reserveNodePort(p.nodePort)) {
        const d = err(
          m.source,
          `spec.ports[${String(i)}].nodePort`,
          'node-port-taken',
          `nodePort ${String(p.nodePort)} is already allocated to another Service; remove it to get a free one`,
        );
        if (d) out.push(d);
      }
    });
  }
  const services: SimService[] = [...builtIn];
  for (const [i, m] of [...systemManifests, ...manifests].entries()) {
    const isSystem = i < systemManifests.length;
    const spec = m.object.spec ?? {};
    const key = `${m.namespace}/${m.name}`;
    const type = (spec.type ?? 'ClusterIP') as ServiceType;
    const headless = spec.clusterIP === 'None';
    let clusterIP: string | null = null;
    if (type !== 'ExternalName' && !headless) {
      // Explicit addresses were reserved (and reported) above; an unreadable one is replaced.
      clusterIP =
        spec.clusterIP && parseIPv4(spec.clusterIP) !== null
          ? spec.clusterIP
          : alloc.allocateIp(key);
    }
    const needsNodePort = type === 'NodePort' || type === 'LoadBalancer';
    const ports = (spec.ports ?? []).map((p) => ({
      ...toPort(p),
      nodePort: needsNodePort
        ? (p.nodePort ?? alloc.allocateNodePort(`${key}:${p.name ?? ''}:${String(p.port)}`))
        : null,
    }));
    let loadBalancerIP: string | null = null;
    if (type === 'LoadBalancer') {
      loadBalancerIP = spec.loadBalancerIP ?? alloc.allocateLoadBalancerIp();
      if (loadBalancerIP === null && !isSystem) {
        out.push({
          ...m.source.positions.value('spec.type'),
          severity: 'warning',
          path: 'spec.type',
          code: 'lb-pool-exhausted',
          message:
            'the LoadBalancer pool 172.18.255.200-250 is used up; this Service stays <pending> (reachable by its NodePort)',
        });
      }
    }
    services.push({
      key,
      name: m.name,
      namespace: m.namespace,
      type,
      clusterIP,
      headless,
      externalName: type === 'ExternalName' ? (spec.externalName ?? null) : null,
      selector: spec.selector && Object.keys(spec.selector).length > 0 ? spec.selector : null,
      ports,
      externalIPs: spec.externalIPs ?? [],
      loadBalancerIP,
      sessionAffinity: spec.sessionAffinity === 'ClientIP' ? 'ClientIP' : 'None',
      externalTrafficPolicy: spec.externalTrafficPolicy === 'Local' ? 'Local' : 'Cluster',
      internalTrafficPolicy: spec.internalTrafficPolicy === 'Local' ? 'Local' : 'Cluster',
      publishNotReadyAddresses: spec.publishNotReadyAddresses === true,
      isSystem,
      ...(isSystem ? {} : { source: m.source }),
    });
  }
  return services;
}
