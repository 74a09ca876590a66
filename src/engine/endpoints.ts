/**
 * Endpoints of each Service, as the EndpointSlice controller computes them: pods in the
 * Service's own namespace that match its selector and have an IP; `targetPort` resolved per
 * pod (a named port only counts on pods that define it, with the Service port's protocol);
 * not-ready pods are listed but not used, unless `publishNotReadyAddresses`. Services without
 * a selector take the user's Endpoints or EndpointSlice objects (and `default/kubernetes` the
 * API server on the control plane).
 * https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/
 */
import type { Diagnostic } from '../model/diagnostics';
import type { ManifestOf } from '../model/manifest';
import { nameSuffix } from '../model/names';
import { matchesMap } from './labels';
import type { SimService, SimServicePort } from './services';
import type { PodKey, SimNode, SimPod } from './types';

export interface SimEndpoint {
  readonly ip: string;
  readonly pod: PodKey | null;
  readonly nodeName: string | null;
  readonly ready: boolean;
  /** StatefulSet pods behind a headless Service get DNS names `<hostname>.<svc>.<ns>.svc…`. */
  readonly hostname?: string;
}

export interface EndpointTarget {
  readonly endpoint: SimEndpoint;
  /** The resolved target port on this endpoint. */
  readonly port: number;
}

export interface PortEndpoints {
  readonly port: SimServicePort;
  /** Every address listed for this port, ready or not. */
  readonly all: readonly EndpointTarget[];
  /** The ones kube-proxy sends traffic to (ready, or all with publishNotReadyAddresses). */
  readonly serving: readonly EndpointTarget[];
}

export interface SimEndpointSlice {
  readonly name: string;
  readonly ports: readonly {
    readonly name: string;
    readonly port: number;
    readonly protocol: string;
  }[];
  readonly endpoints: readonly SimEndpoint[];
}

export interface ServiceEndpoints {
  readonly service: string;
  readonly ports: readonly PortEndpoints[];
  /** The slices kubectl would show (grouped by resolved port numbers). */
  readonly slices: readonly SimEndpointSlice[];
  /** Where these came from. */
  readonly origin: 'selector' | 'Endpoints' | 'EndpointSlice' | 'api-server' | 'none';
}

function resolveTargetPort(pod: SimPod, sp: SimServicePort): number | null {
  if (typeof sp.targetPort === 'number') return sp.targetPort;
  if (/^\d+$/.test(sp.targetPort)) return Number(sp.targetPort);
  for (const c of pod.containers) {
    for (const p of c.ports)
      if (p.name === sp.targetPort && p.protocol === sp.protocol) return p.containerPort;
  }
  return null;
}

function slicesOf(service: SimService, ports: readonly PortEndpoints[]): SimEndpointSlice[] {
  // One slice per distinct mapping of port name → resolved number, as the controller groups them.
  const groups = new Map<
    string,
    {
      ports: Map<string, { name: string; port: number; protocol: string }>;
      endpoints: Map<string, SimEndpoint>;
    }
  >();
  const byEndpoint = new Map<
    string,
    { ep: SimEndpoint; mapping: { name: string; port: number; protocol: string }[] }
  >();
  for (const pe of ports) {
    for (const t of pe.all) {
      const id = `${t.endpoint.ip}|${t.endpoint.pod ?? ''}`;
      const entry = byEndpoint.get(id) ?? { ep: t.endpoint, mapping: [] };
      entry.mapping.push({ name: pe.port.name, port: t.port, protocol: pe.port.protocol });
      byEndpoint.set(id, entry);
    }
  }
  for (const { ep, mapping } of byEndpoint.values()) {
    const key = mapping.map((m) => `${m.name}:${String(m.port)}/${m.protocol}`).join(',');
    const g = groups.get(key) ?? {
      ports: new Map(mapping.map((m) => [m.name, m])),
      endpoints: new Map<string, SimEndpoint>(),
    };
    g.endpoints.set(ep.ip, ep);
    groups.set(key, g);
  }
  return [...groups.entries()].map(([key, g]) => ({
    name: `${service.name}-${nameSuffix(`${service.key}|${key}`, 5)}`,
    ports: [...g.ports.values()],
    endpoints: [...g.endpoints.values()],
  }));
}

function fromPods(service: SimService, pods: readonly SimPod[]): PortEndpoints[] {
  const selector = service.selector ?? {};
  const selected = pods.filter(
    (p) => p.namespace === service.namespace && p.ip !== null && matchesMap(selector, p.labels),
  );
  return service.ports.map((sp) => {
    const all: EndpointTarget[] = [];
    for (const pod of selected) {
      const port = resolveTargetPort(pod, sp);
      if (port === null) continue;
      // The EndpointSlice controller publishes spec.hostname when the pod's subdomain is this
      // Service's name (StatefulSet pods: their name, subdomain = serviceName).
      const named = pod.hostname !== undefined && pod.subdomain === service.name;
      all.push({
        endpoint: {
          ip: pod.ip!,
          pod: pod.key,
          nodeName: pod.nodeName,
          ready: pod.ready,
          ...(named ? { hostname: pod.hostname } : {}),
        },
        port,
      });
    }
    return {
      port: sp,
      all,
      serving: all.filter((t) => t.endpoint.ready || service.publishNotReadyAddresses),
    };
  });
}

function portByName(
  service: SimService,
  name: string,
  protocol: string,
): SimServicePort | undefined {
  return (
    service.ports.find((p) => p.name === name && p.protocol === protocol) ??
    (service.ports.length === 1 ? service.ports[0] : undefined)
  );
}

/** An address from a user's Endpoints or EndpointSlice, matched to a pod when it is one. */
function manualTarget(
  ip: string,
  nodeName: string | undefined,
  hostname: string | undefined,
  ready: boolean,
  port: number,
  podByIp: ReadonlyMap<string, SimPod>,
): EndpointTarget {
  const pod = podByIp.get(ip);
  return {
    endpoint: {
      ip,
      pod: pod?.key ?? null,
      nodeName: nodeName ?? pod?.nodeName ?? null,
      ready,
      ...(hostname ? { hostname } : {}),
    },
    port,
  };
}

/** Every Service port with its listed addresses, and the ones kube-proxy uses. */
function perPort(
  service: SimService,
  lists: ReadonlyMap<SimServicePort, EndpointTarget[]>,
): PortEndpoints[] {
  return service.ports.map((sp) => {
    const all = lists.get(sp) ?? [];
    return {
      port: sp,
      all,
      serving: all.filter((t) => t.endpoint.ready || service.publishNotReadyAddresses),
    };
  });
}

function fromEndpointsObject(
  service: SimService,
  m: ManifestOf<'Endpoints'>,
  podByIp: ReadonlyMap<string, SimPod>,
): PortEndpoints[] {
  const lists = new Map<SimServicePort, EndpointTarget[]>();
  for (const subset of m.object.subsets ?? []) {
    const addresses = [
      ...(subset.addresses ?? []).map((a) => ({ a, ready: true })),
      ...(subset.notReadyAddresses ?? []).map((a) => ({ a, ready: false })),
    ];
    for (const p of subset.ports ?? []) {
      const sp = portByName(service, p.name ?? '', p.protocol ?? 'TCP');
      if (!sp) continue;
      const list = lists.get(sp) ?? [];
      for (const { a, ready } of addresses) {
        list.push(manualTarget(a.ip, a.nodeName, a.hostname, ready, p.port, podByIp));
      }
      lists.set(sp, list);
    }
  }
  return perPort(service, lists);
}

function fromSlices(
  service: SimService,
  slices: readonly ManifestOf<'EndpointSlice'>[],
  podByIp: ReadonlyMap<string, SimPod>,
): PortEndpoints[] {
  const lists = new Map<SimServicePort, EndpointTarget[]>();
  for (const s of slices) {
    for (const p of s.object.ports ?? []) {
      const sp = portByName(service, p.name ?? '', p.protocol ?? 'TCP');
      if (!sp || p.port === undefined) continue;
      const list = lists.get(sp) ?? [];
      for (const e of s.object.endpoints) {
        for (const ip of e.addresses) {
          // conditions.ready: nil means ready (the API's own convention).
          list.push(
            manualTarget(
              ip,
              e.nodeName,
              e.hostname,
              e.conditions?.ready !== false,
              p.port,
              podByIp,
            ),
          );
        }
      }
      lists.set(sp, list);
    }
  }
  return perPort(service, lists);
}

export function buildEndpoints(
  services: readonly SimService[],
  pods: readonly SimPod[],
  nodes: readonly SimNode[],
  endpointsObjects: readonly ManifestOf<'Endpoints'>[],
  sliceObjects: readonly ManifestOf<'EndpointSlice'>[],
  out: Diagnostic[],
): Map<string, ServiceEndpoints> {
  const podByIp = new Map<string, SimPod>();
  for (const p of pods) if (p.ip !== null && !p.hostNetwork) podByIp.set(p.ip, p);
  const result = new Map<string, ServiceEndpoints>();
  for (const svc of services) {
    let ports: PortEndpoints[];
    let origin: ServiceEndpoints['origin'];
    if (svc.type === 'ExternalName') {
      ports = [];
      origin = 'none';
    } else if (svc.selector) {
      ports = fromPods(svc, pods);
      origin = 'selector';
    } else if (svc.key === 'default/kubernetes' && svc.isSystem) {
      const cp = nodes.find((n) => n.isControlPlane) ?? nodes[0];
      ports = svc.ports.map((sp) => {
        const all = cp
          ? [{ endpoint: { ip: cp.ip, pod: null, nodeName: cp.name, ready: true }, port: 6443 }]
          : [];
        return { port: sp, all, serving: all };
      });
      origin = 'api-server';
    } else {
      const eps = endpointsObjects.find(
        (e) => e.namespace === svc.namespace && e.name === svc.name,
      );
      const slices = sliceObjects.filter(
        (s) =>
          s.namespace === svc.namespace &&
          s.object.metadata?.labels?.['kubernetes.io/service-name'] === svc.name,
      );
      if (slices.length > 0) {
        ports = fromSlices(svc, slices, podByIp);
        origin = 'EndpointSlice';
      } else if (eps) {
        ports = fromEndpointsObject(svc, eps, podByIp);
        origin = 'Endpoints';
      } else {
        ports = svc.ports.map((sp) => ({ port: sp, all: [], serving: [] }));
        origin = 'none';
        if (svc.source) {
          out.push({
            ...svc.source.positions.value('spec'),
            severity: 'warning',
            path: 'spec.selector',
            code: 'service-no-selector',
            message: `Service has no selector and no Endpoints or EndpointSlice named ${svc.name}; it has no endpoints (add a selector, or an EndpointSlice labelled kubernetes.io/service-name: ${svc.name})`,
          });
        }
      }
    }
    result.set(svc.key, { service: svc.key, ports, slices: slicesOf(svc, ports), origin });
  }
  return result;
}
