/**
 * Ingress and IngressClass rules after networking/validation ValidateIngressSpec, plus the
 * classic migration mistakes: extensions/v1beta1 backend fields and `/*` paths.
 * https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource
 */
import { childPath } from './fieldPath';
import { parseIp } from './ipAddress';
import type { CheckContext } from './schema';
import type { Obj } from './validators';
import {
  asList,
  asObj,
  asStr,
  checkDnsName,
  checkPortName,
  checkPortNumber,
  isDns1123Subdomain,
  objItems,
  report,
} from './validators';

/** Flow-style YAML for a message: plain scalars bare, anything odd quoted. */
function yamlScalar(v: unknown): string {
  if (typeof v === 'number') return String(v);
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
  return /^[A-Za-z0-9][-A-Za-z0-9_./]*$/.test(s) && !/^\d+$/.test(s) ? s : JSON.stringify(s);
}

/** The v1 form of an old `{serviceName, servicePort}` backend. */
function rewriteBackend(backend: Obj): string {
  const name = backend['serviceName'] ?? asObj(backend['service'])?.['name'] ?? '<service>';
  const port = backend['servicePort'];
  const portText =
    typeof port === 'number'
      ? `{number: ${String(port)}}`
      : typeof port === 'string' && /^\d+$/.test(port)
        ? `{number: ${port}}`
        : typeof port === 'string'
          ? `{name: ${yamlScalar(port)}}`
          : '{number: <port>}';
  return `service: {name: ${yamlScalar(name)}, port: ${portText}}`;
}

function validateBackend(ctx: CheckContext, path: string, backend: Obj): void {
  const legacy = ['serviceName', 'servicePort'].filter((k) => Object.hasOwn(backend, k));
  const first = legacy[0];
  if (first !== undefined) {
    report(
      ctx,
      childPath(path, first),
      'error',
      'ingress-v1beta1-backend',
      `${legacy.join(' and ')} ${legacy.length > 1 ? 'were' : 'was'} removed in networking.k8s.io/v1; write the backend as ${rewriteBackend(backend)}`,
      true,
    );
    return;
  }
  const service = asObj(backend['service']);
  const hasResource = asObj(backend['resource']) !== undefined;
  if (service && hasResource) {
    report(
      ctx,
      path,
      'error',
      'invalid-backend',
      'cannot set both resource and service backends; keep one',
      true,
    );
    return;
  }
  if (!service) {
    if (!hasResource) {
      report(
        ctx,
        path,
        'error',
        'invalid-backend',
        'a backend needs service: {name: …, port: {number: …}} (or a resource reference)',
        true,
      );
    }
    return;
  }
  const sp = childPath(path, 'service');
  const name = asStr(service['name']);
  if (name) checkDnsName(ctx, childPath(sp, 'name'), name, 'dns1035', 'Service name');
  const port = asObj(service['port']);
  const portName = asStr(port?.['name']) ?? '';
  const portNumber = port?.['number'];
  const pp = childPath(sp, 'port');
  if (portName !== '' && typeof portNumber === 'number') {
    report(
      ctx,
      pp,
      'error',
      'invalid-backend',
      'cannot set both port name and port number; keep one',
      true,
    );
  } else if (portName !== '') {
    checkPortName(ctx, childPath(pp, 'name'), portName, 'port name');
  } else if (typeof portNumber === 'number') {
    checkPortNumber(ctx, childPath(pp, 'number'), portNumber, 'port number');
  } else {
    report(
      ctx,
      port ? pp : sp,
      'error',
      'missing-field',
      'port name or number is required: port: {number: 80} or port: {name: http} (the Service port, not the container port)',
      true,
    );
  }
}

/** Hosts are DNS names, optionally with one leading `*.` label (networking validateIngressRules). */
function checkHost(ctx: CheckContext, path: string, host: string, isRule: boolean): void {
  const problem = hostProblem(host, isRule);
  if (problem) {
    report(ctx, path, 'error', 'invalid-host', `invalid host ${JSON.stringify(host)}: ${problem}`);
  }
}

function hostProblem(host: string, isRule: boolean): string | undefined {
  if (typeof parseIp(host) !== 'string') {
    const hint = isRule ? '; leave host out to match any host (including requests by IP)' : '';
    return `must be a DNS name, not an IP address${hint}`;
  }
  if (/:\d*$/.test(host)) {
    const bare = JSON.stringify(host.replace(/:\d*$/, '').toLowerCase());
    return `must not include a port; hosts match the Host header without its port, so write ${bare}`;
  }
  if (/^[a-z]+:\/\//i.test(host) || host.includes('/')) {
    return 'must be a bare DNS name, without scheme or path (e.g. "shop.example.com")';
  }
  const bare = host.startsWith('*.') ? host.slice(2) : host;
  if (bare.includes('*'))
    return 'a wildcard is allowed only as the whole first label ("*.example.com")';
  if (bare !== bare.toLowerCase() && isDns1123Subdomain(bare.toLowerCase())) {
    return `must be lowercase: ${JSON.stringify(host.toLowerCase())}`;
  }
  if (!isDns1123Subdomain(bare)) {
    return 'must be a lowercase DNS name such as "shop.example.com" or "*.example.com"';
  }
  return undefined;
}

const BAD_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];

function validatePath(ctx: CheckContext, path: string, p: Obj): void {
  const type = asStr(p['pathType']);
  const text = asStr(p['path']);
  const pp = childPath(path, 'path');
  if (type === 'Exact' || type === 'Prefix') {
    if (text === undefined || !text.startsWith('/')) {
      report(
        ctx,
        text === undefined ? path : pp,
        'error',
        'invalid-path',
        `must be an absolute path: pathType ${type} needs a path starting with "/"${text ? ` (write ${JSON.stringify(`/${text}`)})` : ''}`,
        text === undefined,
      );
      return;
    }
    const bad = BAD_PATH_SEQUENCES.find((s) => text.includes(s));
    if (bad) report(ctx, pp, 'error', 'invalid-path', `must not contain ${JSON.stringify(bad)}`);
    else if (text.endsWith('/..') || text.endsWith('/.'))
      report(
        ctx,
        pp,
        'error',
        'invalid-path',
        `cannot end with ${JSON.stringify(text.endsWith('/..') ? '/..' : '/.')}`,
      );
    if (text.includes('*')) {
      const fix = text.replace(/\/?\*.*$/, '') || '/';
      const matches =
        type === 'Exact'
          ? `only the literal path ${JSON.stringify(text)}`
          : `only paths that literally start with ${JSON.stringify(text)}`;
      report(
        ctx,
        pp,
        'warning',
        'ingress-wildcard-path',
        `"*" is not a wildcard in Ingress paths: with pathType ${type} this matches ${matches}; to match everything under ${fix}, write path: ${fix} with pathType: Prefix`,
      );
    }
  } else if (text !== undefined && text !== '' && !text.startsWith('/')) {
    report(
      ctx,
      pp,
      'error',
      'invalid-path',
      `must be an absolute path (write ${JSON.stringify(`/${text}`)})`,
    );
  }
}

export function validateIngress(ctx: CheckContext, spec: Obj, meta: Obj): void {
  const legacyDefault = asObj(spec['backend']);
  if (Object.hasOwn(spec, 'backend')) {
    const inner = legacyDefault ?? {};
    const rewritten = ['serviceName', 'servicePort'].some((k) => Object.hasOwn(inner, k))
      ? rewriteBackend(inner)
      : 'service: {name: …, port: {number: …}}';
    report(
      ctx,
      'spec.backend',
      'error',
      'ingress-v1beta1-backend',
      `spec.backend was renamed in networking.k8s.io/v1; write defaultBackend: {${rewritten}}`,
      true,
    );
  }
  const defaultBackend = asObj(spec['defaultBackend']);
  if (defaultBackend) validateBackend(ctx, 'spec.defaultBackend', defaultBackend);
  const rules = objItems(spec['rules'], 'spec.rules');
  if (rules.length === 0 && !defaultBackend && !Object.hasOwn(spec, 'backend')) {
    report(
      ctx,
      Object.hasOwn(spec, 'rules') ? 'spec.rules' : 'spec',
      'error',
      'missing-field',
      'either defaultBackend or rules must be specified; add rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]',
      true,
    );
  }
  for (const [rule, rp] of rules) {
    const host = asStr(rule['host']);
    if (host) checkHost(ctx, childPath(rp, 'host'), host, true);
    const http = asObj(rule['http']);
    for (const [p, pp] of objItems(http?.['paths'], childPath(childPath(rp, 'http'), 'paths'))) {
      validatePath(ctx, pp, p);
      const backend = asObj(p['backend']);
      if (backend) validateBackend(ctx, childPath(pp, 'backend'), backend);
    }
  }
  for (const [tls, tp] of objItems(spec['tls'], 'spec.tls')) {
    asList(tls['hosts']).forEach((h, i) => {
      if (typeof h === 'string') checkHost(ctx, childPath(childPath(tp, 'hosts'), i), h, false);
    });
    const secret = asStr(tls['secretName']);
    if (secret) checkDnsName(ctx, childPath(tp, 'secretName'), secret, 'subdomain', 'Secret name');
  }
  const className = asStr(spec['ingressClassName']);
  if (className)
    checkDnsName(ctx, 'spec.ingressClassName', className, 'subdomain', 'ingressClassName');
  const annotation = 'kubernetes.io/ingress.class';
  const annotationPath = childPath('metadata.annotations', annotation);
  if (asStr(asObj(meta['annotations'])?.[annotation]) !== undefined) {
    if (className) {
      report(
        ctx,
        annotationPath,
        'error',
        'ingress-class',
        `the ${annotation} annotation can not be set when spec.ingressClassName is also set; remove the annotation`,
        true,
      );
    } else {
      report(
        ctx,
        annotationPath,
        'warning',
        'ingress-class',
        `the ${annotation} annotation is deprecated; use spec.ingressClassName instead`,
        true,
      );
    }
  }
}

/** IngressClass: `controller` is a domain-prefixed path such as k8s.io/ingress-nginx. */
export function validateIngressClass(ctx: CheckContext, spec: Obj): void {
  const controller = asStr(spec['controller']);
  if (controller === undefined || controller === '') {
    report(
      ctx,
      Object.hasOwn(spec, 'controller') ? 'spec.controller' : 'spec',
      'error',
      'missing-field',
      'an IngressClass needs spec.controller, the name of the controller that serves it (e.g. k8s.io/ingress-nginx)',
      true,
    );
    return;
  }
  const slash = controller.indexOf('/');
  const domain = slash > 0 ? controller.slice(0, slash) : '';
  if (slash <= 0 || !isDns1123Subdomain(domain) || controller.length > 250) {
    report(
      ctx,
      'spec.controller',
      'error',
      'invalid-value',
      `invalid controller ${JSON.stringify(controller)}: must be a domain-prefixed path of at most 250 characters, such as "k8s.io/ingress-nginx" or "example.com/my-controller"`,
    );
  }
}
