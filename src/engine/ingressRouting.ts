/**
 * Which Ingresses ingress-nginx serves (IngressClass, the default class, the legacy annotation),
 * how it turns them into nginx servers and locations, and how a request finds one. One server per rule host; a request picks the server whose name equals its
 * Host, else a `*.` wildcard server (exactly one extra label: ingress-nginx writes
 * `*.example.com` as the regex `^[\w-]+\.example\.com$`), else the catch-all server `_` that
 * carries the rules without host. Inside the server the longest matching path wins, Exact before
 * Prefix at equal length; when nothing matches, the server's root location answers: the
 * defaultBackend of the Ingress that created the server, or the controller's own 404.
 * Rules for one host merge across Ingresses; for the same path and pathType the first Ingress
 * keeps it (ingress-nginx's admission webhook rejects the second).
 * https://kubernetes.io/docs/concepts/services-networking/ingress/#path-types
 * https://kubernetes.io/docs/concepts/services-networking/ingress/#hostname-wildcards
 */
import type { IngressBackend, IngressSpec } from 'kubernetes-types/networking/v1';
import { childPath } from '../model/fieldPath';
import type { Manifest, ManifestOf } from '../model/manifest';

export type IngressPathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** A Service backend: `ns/name` and the Service port (number, or its name). */
export interface IngressServiceRef {
  readonly service: string;
  readonly port: number | string;
}

/** What routing needs of an Ingress the controller serves. */
export interface ServedIngress {
  /** `ns/name`. */
  readonly key: string;
  readonly namespace: string;
  readonly spec: IngressSpec;
}

export interface IngressLocation {
  readonly ingress: string;
  /** Index in the Ingress's spec.rules. */
  readonly rule: number;
  readonly path: string;
  readonly pathType: IngressPathType;
  readonly backend: IngressServiceRef;
}

export interface IngressServerTls {
  /** The Ingress whose spec.tls lists this host first. */
  readonly ingress: string;
  /** null: the entry has no secretName, so the controller's default certificate is used. */
  readonly secretName: string | null;
  readonly secretFound: boolean;
}

export interface IngressServer {
  /** The rule host (`*.example.com` for a wildcard), or `_` for the catch-all server. */
  readonly hostname: string;
  /** In the order the Ingresses define them. */
  readonly locations: readonly IngressLocation[];
  /** The root location's backend when it is an Ingress's spec.defaultBackend. */
  readonly defaultBackend: { readonly ingress: string; readonly backend: IngressServiceRef } | null;
  readonly tls: IngressServerTls | null;
}

export interface IngressServers {
  readonly exact: ReadonlyMap<string, IngressServer>;
  /** Wildcard servers by the suffix after `*.` (`example.com`). */
  readonly wildcard: ReadonlyMap<string, IngressServer>;
  readonly catchAll: IngressServer;
}

/** A path that an earlier Ingress already defines for the same host, path and pathType. */
export interface IngressPathConflict {
  readonly ingress: string;
  readonly rule: number;
  readonly pathIndex: number;
  readonly host: string;
  readonly path: string;
  readonly keptBy: string;
}

interface MutableServer {
  hostname: string;
  locations: IngressLocation[];
  defaultBackend: IngressServer['defaultBackend'];
  tls: IngressServerTls | null;
}

/** The Service an Ingress backend names, or null for a resource backend. */
export function serviceRef(
  namespace: string,
  backend: IngressBackend | undefined,
): IngressServiceRef | null {
  const svc = backend?.service;
  if (!svc) return null;
  const port = svc.port?.number ?? svc.port?.name ?? 0;
  return { service: `${namespace}/${svc.name}`, port };
}

function pathTypeOf(t: string | undefined): IngressPathType {
  return t === 'Exact' || t === 'Prefix' ? t : 'ImplementationSpecific';
}

/** Host header → server name: lowercase, without port or trailing dot. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/:\d*$/, '').replace(/\.$/, '');
}

/** The request path without query or fragment, always starting with `/`. */
export function normalizePath(path: string): string {
  const bare = path.replace(/[?#].*$/, '');
  return bare.startsWith('/') ? bare : `/${bare}`;
}

/**
 * Whether `*.suffix` covers `host`: exactly one label in front (`a.example.com`, not
 * `a.b.example.com` nor `example.com`).
 */
export function wildcardCovers(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && /^[\w-]+$/.test(host.slice(0, dot)) && host.slice(dot + 1) === pattern.slice(2);
}

/** Prefix paths compare by elements, so a trailing slash does not count (`/foo/` ≡ `/foo`). */
function prefixBase(path: string): string {
  return path.replace(/\/+$/, '');
}

/**
 * Exact: the same string. Prefix (and ImplementationSpecific, treated as Prefix): every element
 * of the rule path is an element of the request path, so `/foo` matches `/foo`, `/foo/` and
 * `/foo/bar` but not `/foobar`, and `/` matches everything.
 */
export function pathMatches(type: IngressPathType, path: string, requestPath: string): boolean {
  if (type === 'Exact') return requestPath === path;
  const base = prefixBase(path);
  return base === '' || requestPath === base || requestPath.startsWith(`${base}/`);
}

function matchLength(l: IngressLocation): number {
  return l.pathType === 'Exact' ? l.path.length : prefixBase(l.path).length;
}

/** The longest matching location; at equal length Exact beats Prefix, then the first one. */
export function bestLocation(
  locations: readonly IngressLocation[],
  requestPath: string,
): IngressLocation | null {
  let best: IngressLocation | null = null;
  for (const l of locations) {
    if (!pathMatches(l.pathType, l.path, requestPath)) continue;
    if (
      best === null ||
      matchLength(l) > matchLength(best) ||
      (matchLength(l) === matchLength(best) && l.pathType === 'Exact' && best.pathType !== 'Exact')
    )
      best = l;
  }
  return best;
}

/** The server nginx picks for a (normalized) host: exact name, then wildcard, then `_`. */
export function findServer(
  servers: IngressServers,
  host: string,
): { readonly server: IngressServer; readonly match: 'exact' | 'wildcard' | 'catch-all' } {
  const exact = servers.exact.get(host);
  if (exact) return { server: exact, match: 'exact' };
  const dot = host.indexOf('.');
  if (dot > 0 && /^[\w-]+$/.test(host.slice(0, dot))) {
    const wild = servers.wildcard.get(host.slice(dot + 1));
    if (wild) return { server: wild, match: 'wildcard' };
  }
  return { server: servers.catchAll, match: 'catch-all' };
}

/**
 * The certificate for a host: its own server's, else a wildcard server's (ingress-nginx looks
 * the host up, then `*.` plus the host without its first label).
 */
export function tlsForHost(servers: IngressServers, host: string): IngressServerTls | null {
  const own = servers.exact.get(host)?.tls;
  if (own) return own;
  const dot = host.indexOf('.');
  return dot > 0 ? (servers.wildcard.get(host.slice(dot + 1))?.tls ?? null) : null;
}

/**
 * Build the servers for the served Ingresses, in the controller's order (creation order, which
 * is input order here). `hasSecret(namespace, name)` says whether a TLS Secret exists.
 */
export function buildServers(
  served: readonly ServedIngress[],
  hasSecret: (namespace: string, name: string) => boolean,
): { readonly servers: IngressServers; readonly conflicts: readonly IngressPathConflict[] } {
  const exact = new Map<string, MutableServer>();
  const wildcard = new Map<string, MutableServer>();
  const catchAll: MutableServer = { hostname: '_', locations: [], defaultBackend: null, tls: null };
  const lookup = (host: string) =>
    host.startsWith('*.') ? wildcard.get(host.slice(2)) : exact.get(host);
  const hostOf = (host: string | undefined) => (host ? host.toLowerCase() : '');

  // Servers first. An Ingress's defaultBackend becomes the root of the servers it creates; with
  // no rules at all it takes over the catch-all server (the first such Ingress does).
  for (const ing of served) {
    const rules = ing.spec.rules ?? [];
    const def = serviceRef(ing.namespace, ing.spec.defaultBackend);
    const root = def ? { ingress: ing.key, backend: def } : null;
    if (root && rules.length === 0 && catchAll.defaultBackend === null)
      catchAll.defaultBackend = root;
    for (const rule of rules) {
      const host = hostOf(rule.host);
      if (host === '' || lookup(host)) continue;
      const server: MutableServer = {
        hostname: host,
        locations: [],
        defaultBackend: root,
        tls: null,
      };
      if (host.startsWith('*.')) wildcard.set(host.slice(2), server);
      else exact.set(host, server);
    }
  }

  // Locations, merged across Ingresses. Resource backends are skipped, as ingress-nginx does.
  const conflicts: IngressPathConflict[] = [];
  for (const ing of served) {
    (ing.spec.rules ?? []).forEach((rule, ri) => {
      const host = hostOf(rule.host);
      const server = host === '' ? catchAll : lookup(host);
      if (!server) return;
      (rule.http?.paths ?? []).forEach((p, pi) => {
        const backend = serviceRef(ing.namespace, p.backend);
        if (!backend) return;
        const path = p.path || '/';
        const pathType = pathTypeOf(p.pathType);
        const taken = server.locations.find((l) => l.path === path && l.pathType === pathType);
        if (taken) {
          if (taken.ingress !== ing.key)
            conflicts.push({
              ingress: ing.key,
              rule: ri,
              pathIndex: pi,
              host: host || '*',
              path,
              keptBy: taken.ingress,
            });
          return;
        }
        server.locations.push({ ingress: ing.key, rule: ri, path, pathType, backend });
      });
    });
  }

  // TLS: the first Ingress whose spec.tls lists a server's host gives its certificate.
  for (const ing of served) {
    for (const rule of ing.spec.rules ?? []) {
      const host = hostOf(rule.host);
      const server = host === '' ? undefined : lookup(host);
      if (!server || server.tls) continue;
      const entry = (ing.spec.tls ?? []).find((t) =>
        (t.hosts ?? []).some((h) => h.toLowerCase() === host),
      );
      if (!entry) continue;
      const secretName = entry.secretName || null;
      server.tls = {
        ingress: ing.key,
        secretName,
        secretFound: secretName !== null && hasSecret(ing.namespace, secretName),
      };
    }
  }
  return { servers: { exact, wildcard, catchAll }, conflicts };
}

/** Whether a rule or TLS host (exact or `*.` wildcard) covers a request host. */
export function hostCovers(ruleHost: string | undefined, host: string): boolean {
  if (!ruleHost) return false;
  const h = ruleHost.toLowerCase();
  return h === host || wildcardCovers(h, host);
}

/** IngressClass spec.controller of ingress-nginx (its --controller-class). */
export const INGRESS_NGINX_CONTROLLER_CLASS = 'k8s.io/ingress-nginx';
/** The legacy annotation value ingress-nginx answers to (its --ingress-class). */
export const LEGACY_CLASS_VALUE = 'nginx';
const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export interface SimIngressClass {
  readonly name: string;
  readonly controller: string;
  readonly isDefault: boolean;
  /** The playground's own `nginx` class (only when the scenario declares no IngressClass). */
  readonly isBuiltIn: boolean;
}

/** The user's IngressClasses, or ingress-nginx's `nginx` class (default) when there are none. */
export function ingressClasses(manifests: readonly Manifest[]): SimIngressClass[] {
  const declared = manifests.filter(
    (m): m is ManifestOf<'IngressClass'> => m.kind === 'IngressClass',
  );
  if (declared.length === 0)
    return [
      {
        name: 'nginx',
        controller: INGRESS_NGINX_CONTROLLER_CLASS,
        isDefault: true,
        isBuiltIn: true,
      },
    ];
  return declared.map((m) => ({
    name: m.name,
    controller: m.object.spec?.controller ?? '',
    isDefault: m.object.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true',
    isBuiltIn: false,
  }));
}

/**
 * The class an Ingress gets and whether ingress-nginx serves it, or why not. Without
 * ingressClassName, the DefaultIngressClass admission plugin fills in the one default class;
 * with several defaults it rejects the Ingress, and with none the Ingress stays classless,
 * which ingress-nginx ignores (--watch-ingress-without-class=false).
 */
export function classifyIngress(
  m: ManifestOf<'Ingress'>,
  classes: readonly SimIngressClass[],
): {
  className: string | null;
  served: boolean;
  problem?: { path: string; code: string; message: string };
} {
  const names = classes.map((c) => c.name).join(', ') || 'none';
  const servedBy = (c: SimIngressClass | undefined, path: string, how: string, name: string) => {
    if (!c)
      return {
        className: name,
        served: false,
        problem: {
          path,
          code: 'ingress-class-missing',
          message: `${how}, but no IngressClass has that name (classes: ${names}); no controller serves this Ingress`,
        },
      };
    if (c.controller === INGRESS_NGINX_CONTROLLER_CLASS) return { className: c.name, served: true };
    return {
      className: c.name,
      served: false,
      problem: {
        path,
        code: 'ingress-class-not-served',
        message: `${how}, and IngressClass ${c.name} belongs to controller ${JSON.stringify(c.controller)}, which does not run here (the playground's controller is ingress-nginx, ${INGRESS_NGINX_CONTROLLER_CLASS}); no controller serves this Ingress`,
      },
    };
  };
  const explicit = m.object.spec?.ingressClassName;
  if (explicit) {
    return servedBy(
      classes.find((c) => c.name === explicit),
      'spec.ingressClassName',
      `ingressClassName is ${explicit}`,
      explicit,
    );
  }
  const legacy = m.object.metadata?.annotations?.[LEGACY_CLASS_ANNOTATION];
  if (legacy !== undefined) {
    if (legacy === LEGACY_CLASS_VALUE) return { className: legacy, served: true };
    return {
      className: legacy,
      served: false,
      problem: {
        path: childPath('metadata.annotations', LEGACY_CLASS_ANNOTATION),
        code: 'ingress-class-not-served',
        message: `ingress-nginx only serves the ${LEGACY_CLASS_ANNOTATION} value "${LEGACY_CLASS_VALUE}"; no controller serves this Ingress (use spec.ingressClassName instead)`,
      },
    };
  }
  const defaults = classes.filter((c) => c.isDefault);
  if (defaults.length !== 1) {
    const message =
      defaults.length === 0
        ? `no ingressClassName and no default IngressClass (none has ${DEFAULT_CLASS_ANNOTATION}: "true"), so no controller serves this Ingress; set spec.ingressClassName (classes: ${names})`
        : `no ingressClassName and ${String(defaults.length)} IngressClasses are marked default (${defaults.map((c) => c.name).join(', ')}): the API server rejects such an Ingress; set spec.ingressClassName or keep one default`;
    return {
      className: null,
      served: false,
      problem: { path: 'spec', code: 'ingress-no-class', message },
    };
  }
  const byDefault = defaults[0]?.name ?? '';
  return servedBy(
    defaults[0],
    'spec',
    `no ingressClassName, so it gets the default class ${byDefault}`,
    byDefault,
  );
}
