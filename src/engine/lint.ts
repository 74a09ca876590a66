/**
 * Semantic warnings: things the API server accepts but that will not do what the author
 * probably meant (a Service that selects nothing, a policy that selects no pod, …).
 */
import type { IngressBackend } from 'kubernetes-types/networking/v1';
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { Diagnostic } from '../model/diagnostics';
import type { Manifest, ManifestOf, ObjectSource } from '../model/manifest';
import { compileSelector, matchesMap, matchesSelector } from './labels';
import type { Cluster } from './types';

function warn(source: ObjectSource, path: string, code: string, message: string): Diagnostic {
  return { ...source.positions.value(path), severity: 'warning', path, code, message };
}

/** The pod spec a manifest defines directly or through its template, with its field path. */
function podSpecOf(m: Manifest): { spec: PodSpec; path: string } | undefined {
  switch (m.kind) {
    case 'Pod':
      return m.object.spec ? { spec: m.object.spec, path: 'spec' } : undefined;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job': {
      const spec = m.object.spec?.template?.spec;
      return spec ? { spec, path: 'spec.template.spec' } : undefined;
    }
    default:
      return undefined;
  }
}

function lintContainerPorts(m: Manifest, out: Diagnostic[]): void {
  const ps = podSpecOf(m);
  if (!ps) return;
  const seen = new Map<string, string>();
  (ps.spec.containers ?? []).forEach((c, ci) => {
    (c.ports ?? []).forEach((p, pi) => {
      const key = `${p.protocol ?? 'TCP'}/${String(p.containerPort)}`;
      const other = seen.get(key);
      if (other !== undefined && other !== c.name) {
        out.push(
          warn(
            m.source,
            `${ps.path}.containers[${String(ci)}].ports[${String(pi)}].containerPort`,
            'duplicate-container-port',
            `containers ${JSON.stringify(other)} and ${JSON.stringify(c.name)} both use port ${key}: containers of a pod share one network namespace, so only one of them can bind it (the other fails with "address already in use")`,
          ),
        );
      } else seen.set(key, c.name);
    });
  });
}

function lintService(m: ManifestOf<'Service'>, cluster: Cluster, out: Diagnostic[]): void {
  const spec = m.object.spec;
  if (
    !spec ||
    spec.type === 'ExternalName' ||
    !spec.selector ||
    Object.keys(spec.selector).length === 0
  )
    return;
  const selector = spec.selector;
  const selected = cluster.pods.filter(
    (p) => p.namespace === m.namespace && matchesMap(selector, p.labels),
  );
  if (selected.length === 0) {
    const text = Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    out.push(
      warn(
        m.source,
        'spec.selector',
        'service-selects-nothing',
        `Service selects no pods in namespace ${m.namespace} (selector ${text}); it will have no endpoints — check the labels of your pods (kubectl get pods -n ${m.namespace} -l ${text})`,
      ),
    );
    return;
  }
  (spec.ports ?? []).forEach((port, i) => {
    if (typeof port.targetPort !== 'string') return;
    const name = port.targetPort;
    const defines = selected.some((p) =>
      p.containers.some((c) => c.ports.some((cp) => cp.name === name)),
    );
    if (!defines) {
      out.push(
        warn(
          m.source,
          `spec.ports[${String(i)}].targetPort`,
          'unknown-target-port',
          `targetPort ${JSON.stringify(name)} is not a named containerPort of any selected pod; name a container port ${JSON.stringify(name)} or use the port number`,
        ),
      );
    }
  });
}

function lintPolicy(m: ManifestOf<'NetworkPolicy'>, cluster: Cluster, out: Diagnostic[]): void {
  const sel = compileSelector(m.object.spec?.podSelector);
  const any = cluster.pods.some(
    (p) => p.namespace === m.namespace && !p.hostNetwork && matchesSelector(sel, p.labels),
  );
  if (!any) {
    out.push(
      warn(
        m.source,
        'spec.podSelector',
        'policy-selects-nothing',
        `NetworkPolicy selects no pods in namespace ${m.namespace}, so it has no effect; policies only apply to pods in their own namespace — check metadata.namespace and the podSelector labels`,
      ),
    );
  }
}

function lintIngress(
  m: ManifestOf<'Ingress'>,
  manifests: readonly Manifest[],
  out: Diagnostic[],
): void {
  const services = new Map(
    manifests
      .filter(
        (x): x is ManifestOf<'Service'> => x.kind === 'Service' && x.namespace === m.namespace,
      )
      .map((s) => [s.name, s]),
  );
  const check = (backend: IngressBackend | undefined, path: string) => {
    const svc = backend?.service;
    if (!svc) return;
    const target = services.get(svc.name);
    if (!target) {
      out.push(
        warn(
          m.source,
          `${path}.service.name`,
          'ingress-missing-service',
          `Service ${JSON.stringify(svc.name)} does not exist in namespace ${m.namespace}; the ingress controller answers 503 for this path until it does`,
        ),
      );
      return;
    }
    const ports = target.object.spec?.ports ?? [];
    const p = svc.port;
    if (p?.number !== undefined && !ports.some((sp) => sp.port === p.number)) {
      out.push(
        warn(
          m.source,
          `${path}.service.port.number`,
          'ingress-missing-port',
          `Service ${svc.name} has no port ${String(p.number)} (it has ${ports.map((sp) => String(sp.port)).join(', ') || 'none'})`,
        ),
      );
    } else if (p?.name !== undefined && !ports.some((sp) => sp.name === p.name)) {
      out.push(
        warn(
          m.source,
          `${path}.service.port.name`,
          'ingress-missing-port',
          `Service ${svc.name} has no port named ${JSON.stringify(p.name)} (it has ${ports.map((sp) => sp.name ?? String(sp.port)).join(', ') || 'none'})`,
        ),
      );
    }
  };
  check(m.object.spec?.defaultBackend, 'spec.defaultBackend');
  (m.object.spec?.rules ?? []).forEach((rule, ri) => {
    (rule.http?.paths ?? []).forEach((p, pi) => {
      check(p.backend, `spec.rules[${String(ri)}].http.paths[${String(pi)}].backend`);
    });
  });
}

export function lintScenario(manifests: readonly Manifest[], cluster: Cluster): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of manifests) {
    lintContainerPorts(m, out);
    if (m.kind === 'Service') lintService(m, cluster, out);
    else if (m.kind === 'NetworkPolicy') lintPolicy(m, cluster, out);
    else if (m.kind === 'Ingress') lintIngress(m, manifests, out);
  }
  return out;
}
