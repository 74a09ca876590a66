import { describe, expect, it } from 'vitest';
import demoYaml from '../lessons/demo.yaml?raw';
import type { IngressResult } from './ingress';
import {
  ingressController,
  ingressHostAddress,
  INGRESS_NOT_FOUND_BODY,
  routeIngress,
} from './ingress';
import { lines, scenarioOf } from './testing/scenario';
import type { Cluster } from './types';

/** A Deployment + Service `name` (nginx on 80) in `ns`. */
function app(name: string, ns = 'default'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec: {selector: {app: ${name}}, ports: [{name: http, port: 80, targetPort: http}]}
---
`;
}

/** One path entry of an Ingress rule, flow style. */
function p(path: string, service: string, pathType = 'Prefix'): string {
  return `{path: ${path}, pathType: ${pathType}, backend: {service: {name: ${service}, port: {number: 80}}}}`;
}

/** `kind → ns/service:port` (or the status), the shape most routing tests assert. */
function where(
  cluster: Cluster,
  host: string,
  path: string,
  scheme: 'http' | 'https' = 'http',
): string {
  const r = routeIngress(cluster, { host, path, scheme });
  return summary(r);
}

function summary(r: IngressResult): string {
  switch (r.kind) {
    case 'routed':
    case 'default-backend': {
      const b = r.route.backend;
      return `${r.kind} ${'service' in b ? `${b.service}:${String(b.port)}` : b.resource}`;
    }
    case 'not-found':
      return String(r.status);
    case 'redirect':
      return `${String(r.status)} ${r.location}`;
  }
}

const DEMO_LIKE = `${app('frontend', 'shop')}${app('backend', 'shop')}apiVersion: v1
kind: Service
metadata: {name: public}
spec: {type: LoadBalancer, selector: {app: frontend}, ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
  - http:
      paths:
      - ${p('/web', 'frontend')}
      - ${p('/api', 'backend')}
`;

describe('the ingress controller', () => {
  const s = scenarioOf(DEMO_LIKE);
  const c = s.cluster;

  it('is installed with the first Ingress: namespace, one pod on the control plane', () => {
    expect(c.namespaceByName.get('ingress-nginx')?.labels).toEqual({
      'app.kubernetes.io/instance': 'ingress-nginx',
      'app.kubernetes.io/name': 'ingress-nginx',
      'kubernetes.io/metadata.name': 'ingress-nginx',
    });
    const ctl = ingressController(c);
    expect(ctl).toMatchObject({
      namespace: 'ingress-nginx',
      service: 'ingress-nginx/ingress-nginx-controller',
      loadBalancerIP: '172.18.255.200',
    });
    const pods = ctl?.pods ?? [];
    expect(pods.map((pod) => [pod.nodeName, pod.ip, pod.isSystem])).toEqual([
      ['control-plane', '10.244.0.4', true],
    ]);
    expect(pods[0]?.name).toMatch(/^ingress-nginx-controller-[a-z0-9]{10}-[a-z0-9]{5}$/);
    expect(pods[0]?.labels).toMatchObject({
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/component': 'controller',
    });
    expect(
      pods[0]?.containers.map((k) => [k.name, k.image, k.ports.map((x) => x.containerPort)]),
    ).toEqual([['controller', 'registry.k8s.io/ingress-nginx/controller:v1.12.0', [80, 443]]]);
  });

  it('has a LoadBalancer Service with the first pool address, before the user’s', () => {
    const svc = c.serviceByKey.get('ingress-nginx/ingress-nginx-controller');
    expect(svc).toMatchObject({ type: 'LoadBalancer', isSystem: true });
    expect(svc?.ports.map((x) => `${x.name} ${String(x.port)}→${String(x.targetPort)}`)).toEqual([
      'http 80→http',
      'https 443→https',
    ]);
    expect(c.serviceByKey.get('default/public')?.loadBalancerIP).toBe('172.18.255.201');
    const eps = c.endpoints.get('ingress-nginx/ingress-nginx-controller')?.ports;
    expect(eps?.map((e) => e.serving.map((t) => `${t.endpoint.ip}:${String(t.port)}`))).toEqual([
      ['10.244.0.4:80'],
      ['10.244.0.4:443'],
    ]);
  });

  it('routes the demo-like Ingress by path prefix', () => {
    expect(where(c, '172.18.255.200', '/web')).toBe('routed shop/frontend:80');
    expect(where(c, 'anything.test', '/web/index.html')).toBe('routed shop/frontend:80');
    expect(where(c, 'localhost', '/api/orders?id=1')).toBe('routed shop/backend:80');
    expect(where(c, 'localhost', '/apix')).toBe('404');
    const r = routeIngress(c, { host: 'localhost', path: '/api', scheme: 'http' });
    expect(r.kind === 'routed' && r.route).toEqual({
      ingress: 'shop/shop',
      rule: 0,
      path: { path: '/api', pathType: 'Prefix' },
      backend: { service: 'shop/backend', port: 80 },
      matchedHost: null,
      tls: false,
    });
  });

  it('answers 404 from its own default backend when nothing matches', () => {
    const r = routeIngress(c, { host: 'localhost', path: '/', scheme: 'http' });
    expect(r).toMatchObject({ kind: 'not-found', status: 404, body: INGRESS_NOT_FOUND_BODY });
    expect(INGRESS_NOT_FOUND_BODY).toContain('<center><h1>404 Not Found</h1></center>');
    expect(r.note).toContain("no path matches /, so the controller's default backend answers 404");
  });

  it('is absent without an Ingress, so nobody else’s addresses move', () => {
    const plain = scenarioOf(DEMO_LIKE.replace(/apiVersion: networking[\s\S]*$/, '')).cluster;
    expect(ingressController(plain)).toBeNull();
    expect(plain.namespaceByName.has('ingress-nginx')).toBe(false);
    expect(plain.pods.filter((pod) => pod.namespace === 'ingress-nginx')).toEqual([]);
    expect(plain.serviceByKey.get('default/public')?.loadBalancerIP).toBe('172.18.255.200');
    expect(ingressHostAddress(plain, 'localhost')).toBeNull();
    expect(where(plain, 'localhost', '/web')).toBe('404');
  });
});

describe('the demo scenario', () => {
  const s = scenarioOf(demoYaml);
  it('stays clean and routes /web and /api through the default class', () => {
    expect(lines(s)).toEqual([]);
    expect(where(s.cluster, 'localhost', '/web')).toBe('routed shop/frontend:80');
    expect(where(s.cluster, 'localhost', '/api/orders')).toBe('routed shop/backend:80');
    expect(s.cluster.ingress?.ingresses.map((i) => [i.key, i.className, i.served])).toEqual([
      ['shop/shop', 'nginx', true],
    ]);
  });
});

describe('hosts', () => {
  const c = scenarioOf(`${app('a')}${app('b')}${app('c')}apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: hosts}
spec:
  rules:
  - host: foo.example.com
    http: {paths: [${p('/', 'a')}]}
  - host: "*.example.com"
    http: {paths: [${p('/', 'b')}]}
  - host: only.example.org
    http: {paths: [${p('/foo', 'a')}]}
  - http: {paths: [${p('/', 'c')}]}
`).cluster;

  it('prefers the exact host, then a one-label wildcard, then rules without host', () => {
    expect(where(c, 'foo.example.com', '/')).toBe('routed default/a:80');
    expect(where(c, 'FOO.Example.com:8080', '/x')).toBe('routed default/a:80');
    expect(where(c, 'bar.example.com', '/')).toBe('routed default/b:80');
    expect(where(c, 'a.b.example.com', '/')).toBe('routed default/c:80');
    expect(where(c, 'example.com', '/')).toBe('routed default/c:80');
    const wild = routeIngress(c, { host: 'bar.example.com', path: '/', scheme: 'http' });
    expect(wild.kind === 'routed' && wild.route.matchedHost).toBe('*.example.com');
  });

  it('does not fall back to rules without host once a host has its own rules', () => {
    // nginx picks the server by Host first; only.example.org has no "/" location, so 404.
    expect(where(c, 'only.example.org', '/foo/1')).toBe('routed default/a:80');
    expect(where(c, 'only.example.org', '/')).toBe('404');
  });

  it('resolves every Ingress host for the external client to the controller', () => {
    expect(ingressHostAddress(c, 'foo.example.com')).toBe('172.18.255.200');
    expect(ingressHostAddress(c, 'anything.example.com')).toBe('172.18.255.200');
    expect(ingressHostAddress(c, 'a.b.example.com')).toBeNull();
    expect(ingressHostAddress(c, 'example.net')).toBeNull();
  });
});

describe('paths', () => {
  const c =
    scenarioOf(`${app('exact')}${app('prefix')}${app('root')}${app('api')}${app('v2')}apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: paths}
spec:
  rules:
  - http:
      paths:
      - ${p('/foo', 'exact', 'Exact')}
      - ${p('/foo', 'prefix')}
      - ${p('/', 'root')}
      - ${p('/api', 'api')}
      - ${p('/api/v2/', 'v2')}
      - ${p('/legacy', 'v2', 'ImplementationSpecific')}
`).cluster;

  it('matches Exact only on the same string and beats Prefix at equal length', () => {
    expect(where(c, 'h', '/foo')).toBe('routed default/exact:80');
    expect(where(c, 'h', '/foo/')).toBe('routed default/prefix:80');
    expect(where(c, 'h', '/foo/bar')).toBe('routed default/prefix:80');
  });

  it('matches Prefix by path elements: /foo is not a prefix of /foobar', () => {
    expect(where(c, 'h', '/foobar')).toBe('routed default/root:80');
    expect(where(c, 'h', '/')).toBe('routed default/root:80');
  });

  it('takes the longest match, ignoring a trailing slash on the rule', () => {
    expect(where(c, 'h', '/api/v2')).toBe('routed default/v2:80');
    expect(where(c, 'h', '/api/v2/users')).toBe('routed default/v2:80');
    expect(where(c, 'h', '/api/v1')).toBe('routed default/api:80');
    expect(where(c, 'h', '/api/v2x')).toBe('routed default/api:80');
  });

  it('treats ImplementationSpecific as Prefix, and says so', () => {
    expect(where(c, 'h', '/legacy/x')).toBe('routed default/v2:80');
    expect(where(c, 'h', '/legacyx')).toBe('routed default/root:80');
    expect(routeIngress(c, { host: 'h', path: '/legacy', scheme: 'http' }).note).toContain(
      'ImplementationSpecific is treated as Prefix',
    );
  });
});

describe('several Ingresses and default backends', () => {
  const s =
    scenarioOf(`${app('cart')}${app('pay')}${app('fallback')}${app('catchall')}apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: one}
spec:
  defaultBackend: {service: {name: fallback, port: {number: 80}}}
  rules:
  - host: shop.example.com
    http: {paths: [${p('/cart', 'cart')}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: two}
spec:
  rules:
  - host: shop.example.com
    http: {paths: [${p('/pay', 'pay')}, ${p('/cart', 'pay')}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: everything-else}
spec:
  defaultBackend: {service: {name: catchall, port: {number: 80}}}
`);
  const c = s.cluster;

  it('merges rules for one host across Ingresses; the first keeps a duplicated path', () => {
    expect(where(c, 'shop.example.com', '/cart')).toBe('routed default/cart:80');
    expect(where(c, 'shop.example.com', '/pay/now')).toBe('routed default/pay:80');
    expect(lines(s, 'warning')).toEqual([
      "test.yaml:72:112: warning: spec.rules[0].http.paths[1].path: host shop.example.com path /cart is already defined by Ingress default/one, which keeps it; ingress-nginx's admission webhook would reject this Ingress",
    ]);
  });

  it('sends unmatched paths of a host to its Ingress’s defaultBackend', () => {
    const r = routeIngress(c, { host: 'shop.example.com', path: '/other', scheme: 'http' });
    expect(r.kind).toBe('default-backend');
    expect(r.kind === 'default-backend' && r.route).toEqual({
      ingress: 'default/one',
      rule: null,
      path: null,
      backend: { service: 'default/fallback', port: 80 },
      matchedHost: 'shop.example.com',
      tls: false,
    });
  });

  it('lets an Ingress with only a defaultBackend take every other host', () => {
    expect(where(c, 'unknown.test', '/')).toBe('default-backend default/catchall:80');
  });
});

describe('IngressClass', () => {
  const ing = (name: string, extra: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${name}${extra.startsWith('annotations') ? `, ${extra}` : ''}}
spec:
  ${extra.startsWith('ingressClassName') ? extra : ''}
  rules:
  - host: ${name}.test
    http: {paths: [${p('/', 'web')}]}
---
`;
  const cls = (
    name: string,
    controller: string,
    isDefault: boolean,
  ) => `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: ${name}
  ${isDefault ? 'annotations: {ingressclass.kubernetes.io/is-default-class: "true"}' : ''}
spec: {controller: ${controller}}
---
`;

  it('serves only Ingresses of its class; a class nobody runs is a warning', () => {
    const s = scenarioOf(
      `${app('web')}${ing('mine', 'ingressClassName: nginx')}${ing('theirs', 'ingressClassName: traefik')}`,
    );
    expect(where(s.cluster, 'mine.test', '/')).toBe('routed default/web:80');
    expect(where(s.cluster, 'theirs.test', '/')).toBe('404');
    expect(
      routeIngress(s.cluster, { host: 'theirs.test', path: '/', scheme: 'http' }).note,
    ).toContain('Ingress default/theirs names theirs.test but is not served (class traefik)');
    expect(lines(s, 'warning')).toEqual([
      'test.yaml:28:21: warning: spec.ingressClassName: ingressClassName is traefik, but no IngressClass has that name (classes: nginx); no controller serves this Ingress',
    ]);
  });

  it('uses the user’s classes when declared: the default one, by its controller', () => {
    const s = scenarioOf(
      `${app('web')}${cls('nginx', 'k8s.io/ingress-nginx', false)}${cls('traefik', 'traefik.io/ingress-controller', true)}${ing('plain', '')}${ing('named', 'ingressClassName: nginx')}`,
    );
    expect(s.cluster.ingress?.classes.map((k) => `${k.name} ${String(k.isDefault)}`)).toEqual([
      'nginx false',
      'traefik true',
    ]);
    expect(where(s.cluster, 'plain.test', '/')).toBe('404');
    expect(where(s.cluster, 'named.test', '/')).toBe('routed default/web:80');
    expect(lines(s, 'warning').map((l) => l.replace(/^test\.yaml:\d+:\d+: /, ''))).toEqual([
      'warning: spec: no ingressClassName, so it gets the default class traefik, and IngressClass traefik belongs to controller "traefik.io/ingress-controller", which does not run here (the playground\'s controller is ingress-nginx, k8s.io/ingress-nginx); no controller serves this Ingress',
    ]);
  });

  it('serves no classless Ingress when no class is the default', () => {
    const s = scenarioOf(
      `${app('web')}${cls('nginx', 'k8s.io/ingress-nginx', false)}${ing('plain', '')}`,
    );
    expect(where(s.cluster, 'plain.test', '/')).toBe('404');
    expect(lines(s, 'warning')[0]).toContain(
      'no ingressClassName and no default IngressClass (none has ingressclass.kubernetes.io/is-default-class: "true"), so no controller serves this Ingress',
    );
  });

  it('honours the legacy kubernetes.io/ingress.class annotation with value nginx', () => {
    const s = scenarioOf(
      `${app('web')}${ing('old', 'annotations: {kubernetes.io/ingress.class: nginx}')}${ing('other', 'annotations: {kubernetes.io/ingress.class: gce}')}`,
    );
    expect(where(s.cluster, 'old.test', '/')).toBe('routed default/web:80');
    expect(where(s.cluster, 'other.test', '/')).toBe('404');
  });
});

describe('TLS', () => {
  const tlsIngress = (secret: string) => `${app('web')}apiVersion: v1
kind: Secret
metadata: {name: secure-tls}
type: kubernetes.io/tls
data: {tls.crt: "", tls.key: ""}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: secure}
spec:
  tls:
  - hosts: [secure.example.com]
    secretName: ${secret}
  rules:
  - host: secure.example.com
    http: {paths: [${p('/', 'web')}]}
  - host: plain.example.com
    http: {paths: [${p('/', 'web')}]}
`;
  const s = scenarioOf(tlsIngress('secure-tls'));
  const c = s.cluster;

  it('redirects plain HTTP to HTTPS with 308 for a TLS host', () => {
    const r = routeIngress(c, {
      host: 'secure.example.com',
      path: '/login?next=/',
      scheme: 'http',
    });
    expect(r).toMatchObject({
      kind: 'redirect',
      status: 308,
      location: 'https://secure.example.com/login?next=/',
    });
    expect(r.note).toContain('ssl-redirect is on by default');
  });

  it('serves HTTPS for TLS hosts, and other hosts with the fake certificate', () => {
    const r = routeIngress(c, { host: 'secure.example.com', path: '/', scheme: 'https' });
    expect(r.kind === 'routed' && r.route.tls).toBe(true);
    expect(r.note).not.toContain('Fake Certificate');
    expect(where(c, 'plain.example.com', '/')).toBe('routed default/web:80');
    const plain = routeIngress(c, { host: 'plain.example.com', path: '/', scheme: 'https' });
    expect(plain.kind === 'routed' && plain.route.tls).toBe(false);
    expect(plain.note).toContain('"Kubernetes Ingress Controller Fake Certificate"');
    expect(lines(s, 'warning')).toEqual([]);
  });

  it('warns about a TLS Secret that does not exist', () => {
    const missing = scenarioOf(tlsIngress('nope'));
    expect(lines(missing, 'warning')).toEqual([
      'test.yaml:27:17: warning: spec.tls[0].secretName: Secret nope does not exist in namespace default; ingress-nginx still redirects HTTP to HTTPS for these hosts but presents its self-signed "Kubernetes Ingress Controller Fake Certificate" (create it: kubectl create secret tls nope -n default --cert=… --key=…)',
    ]);
    expect(where(missing.cluster, 'secure.example.com', '/')).toBe(
      '308 https://secure.example.com/',
    );
    expect(
      routeIngress(missing.cluster, { host: 'secure.example.com', path: '/', scheme: 'https' })
        .note,
    ).toContain('Secret nope does not exist');
  });
});

describe('resource backends', () => {
  const s = scenarioOf(`${app('web')}apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: assets}
spec:
  rules:
  - http:
      paths:
      - path: /static
        pathType: Prefix
        backend: {resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: static-assets}}
      - ${p('/', 'web')}
`);
  it('are skipped by ingress-nginx, so a shorter path answers, with a warning', () => {
    expect(where(s.cluster, 'h', '/static/logo.png')).toBe('routed default/web:80');
    expect(lines(s, 'warning')).toEqual([
      'test.yaml:24:18: warning: spec.rules[0].http.paths[0].backend: ingress-nginx ignores resource backends: this path is skipped, so its requests go to a shorter matching path or the default backend (404)',
    ]);
  });
});
