/**
 * The ingress controller: ingress-nginx installed as kind's guide installs it (namespace
 * `ingress-nginx`, one controller pod on the control-plane node, its Service, the `nginx`
 * IngressClass marked default), present only in scenarios that have an Ingress. Which
 * Ingresses it serves, and how it answers a request (see ingressRouting.ts for the matching).
 * https://kubernetes.io/docs/concepts/services-networking/ingress/
 * https://kubernetes.github.io/ingress-nginx/user-guide/tls/#server-side-https-enforcement-through-redirect
 */
import type { IngressSpec } from 'kubernetes-types/networking/v1';
import type { Diagnostic } from '../model/diagnostics';
import type { Manifest, ManifestOf, ObjectSource } from '../model/manifest';
import type {
  IngressPathType,
  IngressServers,
  IngressServiceRef,
  SimIngressClass,
} from './ingressRouting';
import {
  bestLocation,
  buildServers,
  classifyIngress,
  findServer,
  hostCovers,
  ingressClasses,
  INGRESS_NGINX_CONTROLLER_CLASS,
  LEGACY_CLASS_VALUE,
  normalizeHost,
  normalizePath,
  serviceRef,
  tlsForHost,
} from './ingressRouting';
import { builtIn } from './system';
import type { Cluster, SimPod } from './types';

export const INGRESS_NGINX_NAMESPACE = 'ingress-nginx';
/** Labels of kind's ingress-nginx Namespace. */
export const INGRESS_NGINX_NAMESPACE_LABELS: Readonly<Record<string, string>> = {
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/name': 'ingress-nginx',
};
const CONTROLLER_NAME = 'ingress-nginx-controller';
const SERVICE_KEY = `${INGRESS_NGINX_NAMESPACE}/${CONTROLLER_NAME}`;
const CONTROLLER_LABELS = {
  'app.kubernetes.io/name': 'ingress-nginx',
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/component': 'controller',
};

/** What the controller's default server answers when no rule matches (nginx's 404 page). */
export const INGRESS_NOT_FOUND_BODY = `<html>
<head><title>404 Not Found</title></head>
<body>
<center><h1>404 Not Found</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

export interface SimIngress {
  /** `ns/name`. */
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  /** spec.ingressClassName, the legacy annotation, or the default class it was given. */
  readonly className: string | null;
  /** Whether ingress-nginx picks it up. */
  readonly served: boolean;
  readonly spec: IngressSpec;
  /** metadata.annotations (ingress-nginx reads its options from them, e.g. rewrite-target). */
  readonly annotations: Readonly<Record<string, string>>;
  readonly source: ObjectSource;
}

/** The controller's view of the scenario, built with the cluster. */
export interface IngressState {
  readonly classes: readonly SimIngressClass[];
  readonly ingresses: readonly SimIngress[];
  readonly servers: IngressServers;
}

export interface IngressRoute {
  /** `ns/name` of the Ingress whose rule (or defaultBackend) matched. */
  readonly ingress: string;
  /** Index in spec.rules, or null for spec.defaultBackend. */
  readonly rule: number | null;
  readonly path: { readonly path: string; readonly pathType: IngressPathType } | null;
  /**
   * A Service backend. (`resource`: for controllers that support resource backends;
   * ingress-nginx skips them, so its routes never carry one.)
   */
  readonly backend: IngressServiceRef | { readonly resource: string };
  /** The rule host that matched (`*.example.com` for a wildcard), null for a rule without host. */
  readonly matchedHost: string | null;
  /** Whether the host has TLS configured (listed in an Ingress's spec.tls). */
  readonly tls: boolean;
}

export type IngressResult =
  | { readonly kind: 'routed'; readonly route: IngressRoute; readonly note: string }
  | { readonly kind: 'default-backend'; readonly route: IngressRoute; readonly note: string }
  | {
      readonly kind: 'not-found';
      readonly status: 404;
      readonly body: string;
      readonly note: string;
    }
  | {
      readonly kind: 'redirect';
      readonly status: 308;
      readonly location: string;
      readonly note: string;
    };

/**
 * ingress-nginx's controller Deployment: one replica that tolerates the control-plane taint and
 * runs on the control-plane node, as kind's manifest pins it there (`ingress-ready=true`).
 */
export function ingressNginxDeployment(
  controlPlaneNode: string | undefined,
): ManifestOf<'Deployment'> {
  return builtIn('Deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: CONTROLLER_NAME,
      namespace: INGRESS_NGINX_NAMESPACE,
      labels: CONTROLLER_LABELS,
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: CONTROLLER_LABELS },
      template: {
        metadata: { labels: CONTROLLER_LABELS },
        spec: {
          ...(controlPlaneNode
            ? { nodeSelector: { 'kubernetes.io/hostname': controlPlaneNode } }
            : {}),
          tolerations: [
            {
              key: 'node-role.kubernetes.io/control-plane',
              operator: 'Equal',
              effect: 'NoSchedule',
            },
          ],
          containers: [
            {
              name: 'controller',
              image: 'registry.k8s.io/ingress-nginx/controller:v1.12.0',
              args: [
                '/nginx-ingress-controller',
                '--election-id=ingress-nginx-leader',
                `--controller-class=${INGRESS_NGINX_CONTROLLER_CLASS}`,
                `--ingress-class=${LEGACY_CLASS_VALUE}`,
                `--publish-service=${SERVICE_KEY}`,
              ],
              ports: [
                { name: 'http', containerPort: 80, protocol: 'TCP' },
                { name: 'https', containerPort: 443, protocol: 'TCP' },
              ],
            },
          ],
        },
      },
    },
  });
}

/** The controller's LoadBalancer Service (it gets the pool's first address: installed first). */
export function ingressNginxService(): ManifestOf<'Service'> {
  return builtIn('Service', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: CONTROLLER_NAME,
      namespace: INGRESS_NGINX_NAMESPACE,
      labels: CONTROLLER_LABELS,
    },
    spec: {
      type: 'LoadBalancer',
      selector: CONTROLLER_LABELS,
      ports: [
        { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
        { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
      ],
    },
  });
}

function warn(source: ObjectSource, path: string, code: string, message: string): Diagnostic {
  return { ...source.positions.value(path), severity: 'warning', path, code, message };
}

/**
 * The controller's state for a scenario with Ingresses, with warnings for Ingresses it does not
 * serve, TLS Secrets that do not exist, paths another Ingress already claims and resource backends.
 */
export function buildIngressState(manifests: readonly Manifest[], out: Diagnostic[]): IngressState {
  const classes = ingressClasses(manifests);
  const secrets = new Set(
    manifests
      .filter((m) => m.kind === 'Other' && m.object.kind === 'Secret')
      .map((m) => `${m.namespace}/${m.name}`),
  );
  const ingresses: SimIngress[] = [];
  for (const m of manifests) {
    if (m.kind !== 'Ingress') continue;
    const c = classifyIngress(m, classes);
    if (c.problem) out.push(warn(m.source, c.problem.path, c.problem.code, c.problem.message));
    const spec = m.object.spec ?? {};
    for (const [i, t] of (spec.tls ?? []).entries()) {
      if (t.secretName && !secrets.has(`${m.namespace}/${t.secretName}`))
        out.push(
          warn(
            m.source,
            `spec.tls[${String(i)}].secretName`,
            'ingress-tls-secret-missing',
            `Secret ${t.secretName} does not exist in namespace ${m.namespace}; ingress-nginx still redirects HTTP to HTTPS for these hosts but presents its self-signed "Kubernetes Ingress Controller Fake Certificate" (create it: kubectl create secret tls ${t.secretName} -n ${m.namespace} --cert=… --key=…)`,
          ),
        );
    }
    const rules = c.served ? (spec.rules ?? []) : [];
    for (const [ri, r] of rules.entries()) {
      for (const [pi, p] of (r.http?.paths ?? []).entries()) {
        if (serviceRef(m.namespace, p.backend) !== null) continue;
        out.push(
          warn(
            m.source,
            `spec.rules[${String(ri)}].http.paths[${String(pi)}].backend`,
            'ingress-resource-backend',
            'ingress-nginx ignores resource backends: this path is skipped, so its requests go to a shorter matching path or the default backend (404)',
          ),
        );
      }
    }
    ingresses.push({
      key: `${m.namespace}/${m.name}`,
      name: m.name,
      namespace: m.namespace,
      className: c.className,
      served: c.served,
      spec,
      annotations: m.object.metadata?.annotations ?? {},
      source: m.source,
    });
  }
  const served = ingresses.filter((i) => i.served);
  const { servers, conflicts } = buildServers(served, (ns, name) => secrets.has(`${ns}/${name}`));
  for (const c of conflicts) {
    const source = ingresses.find((i) => i.key === c.ingress)?.source;
    if (source)
      out.push(
        warn(
          source,
          `spec.rules[${String(c.rule)}].http.paths[${String(c.pathIndex)}].path`,
          'ingress-path-conflict',
          `host ${c.host} path ${c.path} is already defined by Ingress ${c.keptBy}, which keeps it; ingress-nginx's admission webhook would reject this Ingress`,
        ),
      );
  }
  return { classes, ingresses, servers };
}

function describeHost(match: 'exact' | 'wildcard' | 'catch-all', host: string, server: string) {
  return match === 'exact'
    ? `host ${host} matches rule host ${server}`
    : match === 'wildcard'
      ? `host ${host} matches the wildcard ${server} (one label)`
      : `no rule names host ${host}, so the rules without host apply`;
}

/**
 * Route an HTTP request arriving at the controller as ingress-nginx would: pick the server by
 * Host, redirect plain HTTP to HTTPS (308) when the host has TLS, then take the best matching
 * path, else the Ingress's defaultBackend, else the controller's own 404.
 */
export function routeIngress(
  cluster: Cluster,
  request: { readonly host: string; readonly path: string; readonly scheme: 'http' | 'https' },
): IngressResult {
  const state = cluster.ingress;
  const host = normalizeHost(request.host);
  const path = normalizePath(request.path);
  const notFound = (note: string): IngressResult => ({
    kind: 'not-found',
    status: 404,
    body: INGRESS_NOT_FOUND_BODY,
    note,
  });
  if (!state) return notFound('the scenario has no Ingress, so no ingress controller is installed');
  const { server, match } = findServer(state.servers, host);
  const tls = match === 'catch-all' ? null : tlsForHost(state.servers, host);
  const notes: string[] = [describeHost(match, host, server.hostname)];
  if (request.scheme === 'http' && tls) {
    return {
      kind: 'redirect',
      status: 308,
      location: `https://${host}${request.path.startsWith('/') ? request.path : `/${request.path}`}`,
      note: `${notes[0] ?? ''}; ${host} has TLS (spec.tls of ${tls.ingress}), and ingress-nginx redirects plain HTTP to HTTPS with 308 Permanent Redirect (ssl-redirect is on by default)`,
    };
  }
  if (request.scheme === 'https') {
    if (!tls)
      notes.push(
        `no Ingress lists ${host} under spec.tls, so the controller presents its self-signed "Kubernetes Ingress Controller Fake Certificate" (curl refuses it unless -k)`,
      );
    else if (!tls.secretFound)
      notes.push(
        tls.secretName === null
          ? `the spec.tls entry of ${tls.ingress} has no secretName, so the controller's default (fake) certificate is used`
          : `Secret ${tls.secretName} does not exist, so the controller presents its fake certificate (curl refuses it unless -k)`,
      );
  }
  const matchedHost = match === 'catch-all' ? null : server.hostname;
  const route = (r: Omit<IngressRoute, 'matchedHost' | 'tls'>): IngressRoute => ({
    ...r,
    matchedHost,
    tls: tls !== null,
  });
  const location = bestLocation(server.locations, path);
  if (location) {
    notes.push(
      `path ${path} matches ${location.pathType} ${location.path} of ${location.ingress} (longest match wins)`,
    );
    if (location.pathType === 'ImplementationSpecific')
      notes.push(
        'ImplementationSpecific is treated as Prefix here; ingress-nginx itself uses a plain nginx prefix location, where /foo also matches /foobar',
      );
    notes.push(
      `proxied to Service ${location.backend.service} port ${String(location.backend.port)} (the controller sends to the endpoint pod IPs directly)`,
    );
    return {
      kind: 'routed',
      route: route({
        ingress: location.ingress,
        rule: location.rule,
        path: { path: location.path, pathType: location.pathType },
        backend: location.backend,
      }),
      note: notes.join('; '),
    };
  }
  if (server.defaultBackend) {
    notes.push(
      `no path matches ${path}, so spec.defaultBackend of ${server.defaultBackend.ingress} answers (Service ${server.defaultBackend.backend.service})`,
    );
    return {
      kind: 'default-backend',
      route: route({ ...server.defaultBackend, rule: null, path: null }),
      note: notes.join('; '),
    };
  }
  notes.push(
    server.locations.length > 0
      ? `no path matches ${path}, so the controller's default backend answers 404`
      : "no Ingress rule applies, so the controller's default backend answers 404",
  );
  const unserved = state.ingresses.filter(
    (i) => !i.served && (i.spec.rules ?? []).some((r) => hostCovers(r.host, host)),
  );
  for (const i of unserved)
    notes.push(`Ingress ${i.key} names ${host} but is not served (class ${i.className ?? 'none'})`);
  return notFound(notes.join('; '));
}

/** The controller's namespace, Service key, LoadBalancer IP and pods; null when not installed. */
export function ingressController(cluster: Cluster): {
  readonly namespace: string;
  readonly service: string;
  readonly loadBalancerIP: string | null;
  readonly pods: readonly SimPod[];
} | null {
  if (!cluster.ingress) return null;
  return {
    namespace: INGRESS_NGINX_NAMESPACE,
    service: SERVICE_KEY,
    loadBalancerIP: cluster.serviceByKey.get(SERVICE_KEY)?.loadBalancerIP ?? null,
    pods: cluster.pods.filter(
      (p) =>
        p.namespace === INGRESS_NGINX_NAMESPACE &&
        p.labels['app.kubernetes.io/name'] === 'ingress-nginx' &&
        p.labels['app.kubernetes.io/component'] === 'controller',
    ),
  };
}

/**
 * For the external client: every Ingress host (rule or TLS host, exact or covered by a `*.`
 * wildcard) resolves to the controller's LoadBalancer IP, as if public DNS pointed there.
 * null for any other name (or while the Service has no address).
 */
export function ingressHostAddress(cluster: Cluster, name: string): string | null {
  const state = cluster.ingress;
  if (!state) return null;
  const host = normalizeHost(name);
  const named = state.ingresses.some(
    (i) =>
      (i.spec.rules ?? []).some((r) => hostCovers(r.host, host)) ||
      (i.spec.tls ?? []).some((t) => (t.hosts ?? []).some((h) => hostCovers(h, host))),
  );
  return named ? (ingressController(cluster)?.loadBalancerIP ?? null) : null;
}
