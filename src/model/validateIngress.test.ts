import { describe, expect, it } from 'vitest';
import { parseManifests } from './parseManifests';
import { dedent, lint } from './testing/lint';

describe('Ingress migration from extensions/v1beta1', () => {
  it('gives one error per old backend, with the v1 rewrite', () => {
    expect(
      lint(`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop}
        spec:
          backend:
            serviceName: default-http
            servicePort: 80
          rules:
          - http:
              paths:
              - path: /api
                pathType: Prefix
                backend:
                  serviceName: api
                  servicePort: http
              - path: /admin
                pathType: Exact
                backend:
                  servicePort: "8443"
      `),
    ).toEqual([
      'f.yaml:5:3: error: spec.backend: spec.backend was renamed in networking.k8s.io/v1; write defaultBackend: {service: {name: default-http, port: {number: 80}}}',
      'f.yaml:14:11: error: spec.rules[0].http.paths[0].backend.serviceName: serviceName and servicePort were removed in networking.k8s.io/v1; write the backend as service: {name: api, port: {name: http}}',
      'f.yaml:19:11: error: spec.rules[0].http.paths[1].backend.servicePort: servicePort was removed in networking.k8s.io/v1; write the backend as service: {name: "<service>", port: {number: 8443}}',
    ]);
  });

  it('explains old fields in defaultBackend too', () => {
    expect(
      lint(`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop}
        spec:
          defaultBackend: {serviceName: web, servicePort: 8080}
      `),
    ).toEqual([
      'f.yaml:5:20: error: spec.defaultBackend.serviceName: serviceName and servicePort were removed in networking.k8s.io/v1; write the backend as service: {name: web, port: {number: 8080}}',
    ]);
  });

  it('names the replacement for extensions/v1beta1 itself', () => {
    expect(
      lint(`
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: {name: shop}
        spec:
          backend: {serviceName: web, servicePort: 80}
      `),
    ).toEqual([
      'f.yaml:1:13: error: apiVersion: Ingress in extensions/v1beta1 is no longer served by Kubernetes; use apiVersion: networking.k8s.io/v1 (and backend.service.name / backend.service.port.number instead of serviceName / servicePort)',
    ]);
  });
});

describe('Ingress rules', () => {
  it('checks hosts, paths and path types', () => {
    expect(
      lint(`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop}
        spec:
          rules:
          - host: Shop.Example.com:8080
          - host: 192.0.2.1
          - host: "*.example.com"
          - host: "shop.*.com"
          - host: https://shop.example.com
          - host: shop.example.com
            http:
              paths:
              - {path: "/*", pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
              - {path: /app/*, pathType: Exact, backend: {service: {name: web, port: {number: 80}}}}
              - {path: api, backend: {service: {name: web, port: {number: 80}}}}
              - {path: /a//b, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
              - {path: "/.+", pathType: ImplementationSpecific, backend: {service: {name: web, port: {number: 80}}}}
      `),
    ).toEqual([
      'f.yaml:6:11: error: spec.rules[0].host: invalid host "Shop.Example.com:8080": must not include a port; hosts match the Host header without its port, so write "shop.example.com"',
      'f.yaml:7:11: error: spec.rules[1].host: invalid host "192.0.2.1": must be a DNS name, not an IP address; leave host out to match any host (including requests by IP)',
      'f.yaml:9:11: error: spec.rules[3].host: invalid host "shop.*.com": a wildcard is allowed only as the whole first label ("*.example.com")',
      'f.yaml:10:11: error: spec.rules[4].host: invalid host "https://shop.example.com": must be a bare DNS name, without scheme or path (e.g. "shop.example.com")',
      'f.yaml:14:16: warning: spec.rules[5].http.paths[0].path: "*" is not a wildcard in Ingress paths: with pathType Prefix this matches only paths that literally start with "/*"; to match everything under /, write path: / with pathType: Prefix',
      'f.yaml:15:16: warning: spec.rules[5].http.paths[1].path: "*" is not a wildcard in Ingress paths: with pathType Exact this matches only the literal path "/app/*"; to match everything under /app, write path: /app with pathType: Prefix',
      'f.yaml:16:9: error: spec.rules[5].http.paths[2].pathType: missing required field "pathType" in HTTPIngressPath',
      'f.yaml:16:16: error: spec.rules[5].http.paths[2].path: must be an absolute path (write "/api")',
      'f.yaml:17:16: error: spec.rules[5].http.paths[3].path: must not contain "//"',
    ]);
  });

  it('needs a service name and exactly one port per backend', () => {
    expect(
      lint(`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop, annotations: {kubernetes.io/ingress.class: nginx}}
        spec:
          ingressClassName: nginx
          defaultBackend: {service: {name: web}}
          tls: [{hosts: ["*.example.com", "10.0.0.1"], secretName: shop-tls}]
          rules:
          - http:
              paths:
              - path: /
                pathType: Prefix
                backend:
                  service: {name: Web, port: {number: 80, name: http}}
              - path: /b
                pathType: Prefix
                backend: {service: {name: web, port: {name: HTTP}}, resource: {kind: Bucket, name: b}}
              - path: /c
                pathType: Prefix
                backend: {service: {port: {number: 0}}}
              - path: /d
                pathType: Prefix
                backend: {}
      `),
    ).toEqual([
      'f.yaml:3:38: error: metadata.annotations["kubernetes.io/ingress.class"]: the kubernetes.io/ingress.class annotation can not be set when spec.ingressClassName is also set; remove the annotation',
      'f.yaml:6:20: error: spec.defaultBackend.service: port name or number is required: port: {number: 80} or port: {name: http} (the Service port, not the container port)',
      'f.yaml:7:35: error: spec.tls[0].hosts[1]: invalid host "10.0.0.1": must be a DNS name, not an IP address',
      'f.yaml:14:27: error: spec.rules[0].http.paths[0].backend.service.name: invalid Service name "Web": must be a lowercase RFC 1035 label: at most 63 characters, only a-z, 0-9 and "-", starting with a letter and ending with a letter or digit (e.g. "web")',
      'f.yaml:14:32: error: spec.rules[0].http.paths[0].backend.service.port: cannot set both port name and port number; keep one',
      'f.yaml:17:9: error: spec.rules[0].http.paths[1].backend: cannot set both resource and service backends; keep one',
      'f.yaml:20:19: error: spec.rules[0].http.paths[2].backend.service.name: missing required field "name" in IngressServiceBackend',
      'f.yaml:20:44: error: spec.rules[0].http.paths[2].backend.service.port.number: port number 0 is out of range: must be between 1 and 65535',
      'f.yaml:23:9: error: spec.rules[0].http.paths[3].backend: a backend needs service: {name: …, port: {number: …}} (or a resource reference)',
    ]);
  });

  it('needs rules or a default backend', () => {
    expect(
      lint(`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: empty}
        spec: {ingressClassName: nginx}
      `),
    ).toEqual([
      'f.yaml:4:1: error: spec: either defaultBackend or rules must be specified; add rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]',
    ]);
  });

  it('accepts a typical v1 Ingress and IngressClass', () => {
    const result = parseManifests([
      {
        file: 'ingress.yaml',
        content: dedent(`
          apiVersion: networking.k8s.io/v1
          kind: IngressClass
          metadata:
            name: nginx
            annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
          spec: {controller: k8s.io/ingress-nginx}
          ---
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata: {name: shop}
          spec:
            ingressClassName: nginx
            tls: [{hosts: [shop.example.com], secretName: shop-tls}]
            rules:
            - host: shop.example.com
              http:
                paths:
                - path: /
                  pathType: Prefix
                  backend: {service: {name: web, port: {name: http}}}
        `),
      },
    ]);
    expect(result.diagnostics).toEqual([]);
    expect(result.manifests.map((m) => `${m.kind}:${m.namespace}/${m.name}`)).toEqual([
      'IngressClass:/nginx',
      'Ingress:default/shop',
    ]);
  });

  it('needs a domain-prefixed IngressClass controller', () => {
    expect(
      lint(`
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: {name: nginx}
        spec: {controller: nginx}
      `),
    ).toEqual([
      'f.yaml:4:20: error: spec.controller: invalid controller "nginx": must be a domain-prefixed path of at most 250 characters, such as "k8s.io/ingress-nginx" or "example.com/my-controller"',
    ]);
  });
});
