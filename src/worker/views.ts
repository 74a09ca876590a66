/**
 * Flattening the engine's cluster into the protocol's plain views: what the canvas, inspector
 * and panels draw. The Cluster itself (maps, indexes, closures) never leaves the worker.
 */
import { podProcesses } from '../engine/containers';
import { describeRule } from '../engine/explain';
import { compiledPolicies, policySelects } from '../engine/networkpolicy';
import type { Cluster, SimPod } from '../engine/types';
import type { IngressView, PodView, PolicyView, ServiceView } from './protocol';

export function toPodView(pod: SimPod): PodView {
  const owner = pod.owners[0];
  const processes = pod.ip === null ? null : podProcesses(pod);
  return {
    key: pod.key,
    namespace: pod.namespace,
    name: pod.name,
    ip: pod.ip,
    node: pod.nodeName,
    phase: pod.phase,
    ...(pod.pendingReason === undefined ? {} : { pendingReason: pod.pendingReason }),
    hostNetwork: pod.hostNetwork,
    isSystem: pod.isSystem,
    containers: pod.containers.map((c) => c.name),
    containerPorts: pod.containers.flatMap((c) =>
      c.ports.map((p, index) => ({
        container: c.name,
        index,
        port: p.containerPort,
        protocol: p.protocol,
        name: p.name ?? null,
      })),
    ),
    labels: pod.labels,
    ready: pod.ready,
    listeners: processes
      ? processes.listeners.map(
          (l) => `${String(l.port)}/${l.protocol} ${l.process} (${l.container})`,
        )
      : [],
    failing: processes ? processes.conflicts.map((c) => `${c.container}: ${c.message}`) : [],
    ...(owner ? { owner: `${owner.kind}/${owner.name}` } : {}),
    isWrittenPod: pod.isWrittenPod,
  };
}

export function toServiceViews(cluster: Cluster): ServiceView[] {
  return cluster.services.map((svc) => {
    const eps = cluster.endpoints.get(svc.key);
    return {
      key: svc.key,
      namespace: svc.namespace,
      name: svc.name,
      type: svc.type,
      clusterIP: svc.clusterIP,
      headless: svc.headless,
      externalName: svc.externalName,
      loadBalancerIP: svc.loadBalancerIP,
      externalIPs: svc.externalIPs,
      ports: svc.ports.map((p) => ({
        name: p.name,
        protocol: p.protocol,
        port: p.port,
        targetPort: p.targetPort,
        nodePort: p.nodePort,
      })),
      selector: svc.selector,
      endpoints: (eps?.ports ?? []).flatMap((pe) =>
        pe.all.map((t) => ({
          pod: t.endpoint.pod,
          ip: t.endpoint.ip,
          port: t.port,
          ready: t.endpoint.ready,
          servicePort: pe.port.name || String(pe.port.port),
        })),
      ),
      isSystem: svc.isSystem,
    };
  });
}

export function toIngressViews(cluster: Cluster): IngressView[] {
  return (cluster.ingress?.ingresses ?? []).map((ing) => {
    const paths: IngressView['paths'][number][] = [];
    for (const rule of ing.spec.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        const svc = p.backend.service;
        if (!svc) continue;
        paths.push({
          host: rule.host ?? null,
          path: p.path ?? '/',
          pathType: p.pathType,
          service: `${ing.namespace}/${svc.name}`,
          port: svc.port?.number ?? svc.port?.name ?? '',
        });
      }
    }
    const def = ing.spec.defaultBackend?.service;
    if (def)
      paths.push({
        host: null,
        path: '*',
        pathType: 'defaultBackend',
        service: `${ing.namespace}/${def.name}`,
        port: def.port?.number ?? def.port?.name ?? '',
      });
    return {
      key: ing.key,
      namespace: ing.namespace,
      name: ing.name,
      className: ing.className,
      served: ing.served,
      paths,
      tlsHosts: (ing.spec.tls ?? []).flatMap((t) => t.hosts ?? []),
    };
  });
}

export function toPolicyViews(cluster: Cluster): PolicyView[] {
  return compiledPolicies(cluster).map((p) => ({
    key: p.key,
    namespace: p.namespace,
    name: p.key.slice(p.namespace.length + 1),
    types: [
      ...(p.affectsIngress ? ['Ingress' as const] : []),
      ...(p.affectsEgress ? ['Egress' as const] : []),
    ],
    selects: cluster.pods.filter((pod) => policySelects(p, pod)).map((pod) => pod.key),
    rules: [...p.ingress, ...p.egress].map((r) => describeRule(r, p.namespace)),
  }));
}
