/**
 * The application layer of a probe: what answers an HTTP request once a connection is
 * delivered, including the ingress controller, which routes by host and path and opens a new
 * connection from its own pod to a backend pod (so backends see the controller as the source,
 * and NetworkPolicy applies to controller → backend).
 */
import type { Place } from '../cni';
import { respond } from '../containers';
import type { Hop } from '../hops';
import { ingressController, routeIngress } from '../ingress';
import type { Cluster, SimPod } from '../types';
import type { Leg } from './connect';
import { connect } from './connect';

export interface HttpAsk {
  readonly scheme: 'http' | 'https';
  /** The Host header: the URL's host (name or IP), with `:port` when not the default. */
  readonly host: string;
  readonly path: string;
}

export interface HttpOutcome {
  readonly hops: readonly Hop[];
  readonly response: { readonly status: number; readonly body: string } | null;
  /** When the ingress controller proxied: the second leg decides the verdict. */
  readonly proxied: Leg | null;
  readonly backendPod: SimPod | null;
  readonly seenSource: string | null;
  readonly text: string;
}

function isController(cluster: Cluster, pod: SimPod): boolean {
  return ingressController(cluster)?.pods.some((p) => p.key === pod.key) ?? false;
}

/** Ask the delivered listener for `ask`; follow the ingress controller's proxying. */
export function answerHttp(cluster: Cluster, leg: Leg, ask: HttpAsk, seed: number): HttpOutcome {
  const o = leg.outcome;
  if (o.kind !== 'delivered' || !o.pod || !o.listener) {
    return {
      hops: [],
      response: null,
      proxied: null,
      backendPod: null,
      seenSource: null,
      text: o.kind === 'delivered' ? o.text : '',
    };
  }
  const pod = o.pod;
  if (isController(cluster, pod) && (o.port === 80 || o.port === 443)) {
    const hostOnly = ask.host.replace(/:\d+$/, '');
    const routed = routeIngress(cluster, { host: hostOnly, path: ask.path, scheme: ask.scheme });
    if (routed.kind === 'not-found') {
      return {
        hops: [],
        response: { status: 404, body: routed.body },
        proxied: null,
        backendPod: null,
        seenSource: leg.seenSource,
        text: routed.note,
      };
    }
    if (routed.kind === 'redirect') {
      return {
        hops: [],
        response: { status: 308, body: `Permanent Redirect to ${routed.location}` },
        proxied: null,
        backendPod: null,
        seenSource: leg.seenSource,
        text: routed.note,
      };
    }
    const backend = routed.route.backend;
    if (!('service' in backend)) {
      return {
        hops: [],
        response: { status: 503, body: 'resource backends are not served by ingress-nginx' },
        proxied: null,
        backendPod: null,
        seenSource: leg.seenSource,
        text: routed.note,
      };
    }
    const svc = cluster.serviceByKey.get(backend.service);
    const sp = svc?.ports.find((p) =>
      typeof backend.port === 'number' ? p.port === backend.port : p.name === backend.port,
    );
    const eps =
      svc && sp
        ? (cluster.endpoints.get(svc.key)?.ports.find((p) => p.port === sp)?.serving ?? [])
        : [];
    const proxyHop: Hop = {
      kind: 'proxy',
      at: `pod:${pod.key}`,
      node: pod.nodeName,
      device: 'nginx (ingress controller)',
      packet: { src: `${pod.ip ?? ''}:0`, dst: backend.service, protocol: 'TCP' },
      text: `ingress-nginx matches ${routed.route.matchedHost ?? '*'}${routed.route.path ? ` ${routed.route.path.pathType} ${routed.route.path.path}` : ' (defaultBackend)'} of ${routed.route.ingress} → ${backend.service}:${String(backend.port)}; it proxies to a backend pod's IP directly (not the ClusterIP). ${routed.note}`,
    };
    if (!svc || !sp || eps.length === 0) {
      return {
        hops: [proxyHop],
        response: { status: 503, body: '503 Service Temporarily Unavailable' },
        proxied: null,
        backendPod: null,
        seenSource: leg.seenSource,
        text: `${backend.service}${sp ? '' : `:${String(backend.port)}`} has no ready endpoints, so ingress-nginx answers 503`,
      };
    }
    const chosen = eps[seed % eps.length]!;
    const from: Place = { kind: 'pod', pod };
    const second = connect(cluster, {
      from,
      dstIp: chosen.endpoint.ip,
      dstPort: chosen.port,
      protocol: 'TCP',
      seed: seed + 1,
    });
    const rewrite = rewrittenPath(
      cluster,
      routed.route.ingress,
      routed.route.path?.path ?? null,
      ask.path,
    );
    const inner = answerHttp(cluster, second, { ...ask, path: rewrite.path }, seed + 1);
    const answered = inner.response
      ? `the backend answered ${String(inner.response.status)}`
      : inner.text;
    return {
      hops: [proxyHop, ...second.hops, ...inner.hops],
      response:
        second.outcome.kind === 'delivered'
          ? inner.response
          : second.outcome.kind === 'denied'
            ? { status: 504, body: '504 Gateway Time-out' }
            : { status: 502, body: '502 Bad Gateway' },
      proxied: second,
      backendPod: second.outcome.kind === 'delivered' ? second.outcome.pod : null,
      seenSource: second.seenSource,
      text: `ingress-nginx routed ${ask.path} to ${backend.service}${rewrite.note}; ${answered}${inner.text && inner.response ? ` (${inner.text})` : ''}`,
    };
  }
  if (o.listener.app !== 'http' && o.listener.app !== 'https') {
    return {
      hops: [],
      response: null,
      proxied: null,
      backendPod: pod,
      seenSource: leg.seenSource,
      text: `${o.listener.process} speaks ${o.listener.app}, not HTTP`,
    };
  }
  const r = respond(pod, o.listener, {
    scheme: ask.scheme,
    method: 'GET',
    host: ask.host,
    path: ask.path,
    port: o.port,
    clientIp: leg.seenSource,
    clientPort: leg.srcPort,
  });
  if (r.status === 0) {
    return {
      hops: [],
      response: null,
      proxied: null,
      backendPod: pod,
      seenSource: leg.seenSource,
      text: r.error ?? 'no HTTP answer',
    };
  }
  return {
    hops: [],
    response: { status: r.status, body: r.body },
    proxied: null,
    backendPod: pod,
    seenSource: leg.seenSource,
    text: r.note ?? '',
  };
}

/**
 * ingress-nginx passes the request path to the backend unchanged, unless the Ingress asks for
 * `nginx.ingress.kubernetes.io/rewrite-target` (a fixed target, or `$1`-style captures of a
 * regex path, which we do not evaluate).
 */
function rewrittenPath(
  cluster: Cluster,
  ingressKey: string,
  matched: string | null,
  path: string,
): { path: string; note: string } {
  const ing = cluster.ingress?.ingresses.find((i) => i.key === ingressKey);
  const target = ing?.annotations['nginx.ingress.kubernetes.io/rewrite-target'];
  if (target === undefined) {
    return {
      path,
      note:
        matched && matched !== '/'
          ? ` with the path unchanged (${path}; add nginx.ingress.kubernetes.io/rewrite-target to strip ${matched})`
          : '',
    };
  }
  if (target.includes('$'))
    return {
      path,
      note: ` (rewrite-target ${target} uses regex captures, which the playground does not evaluate: the path is kept)`,
    };
  return { path: target, note: ` rewriting the path to ${target} (rewrite-target)` };
}
