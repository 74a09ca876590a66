/**
 * Rules for Services and what backs them (Endpoints, EndpointSlices), after the API server's
 * core/validation (ValidateService, ValidateEndpoints) and discovery/validation
 * (ValidateEndpointSlice).
 */
import { childPath } from './fieldPath';
import { checkCidr, checkIp } from './ipAddress';
import type { CheckContext } from './schema';
import type { Obj } from './validators';
import {
  asInt,
  asList,
  asObj,
  asStr,
  checkDnsName,
  checkLabelMap,
  checkPortNumber,
  checkPortRef,
  checkUnique,
  objItems,
  report,
} from './validators';

const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

/**
 * Port names within one list: DNS-1123 labels (Service, Endpoints and EndpointSlice ports are
 * validated as labels, unlike container ports), unique, and required once there are several.
 */
function checkPortNames(
  ctx: CheckContext,
  ports: [Obj, string][],
  what: string,
  requireWhenMany = true,
): void {
  const seen = new Map<string, string>();
  for (const [port, pp] of ports) {
    const np = childPath(pp, 'name');
    const name = asStr(port['name']) ?? '';
    if (name === '') {
      if (requireWhenMany && ports.length > 1) {
        report(
          ctx,
          pp,
          'error',
          'missing-port-name',
          `${what} ports must be named when there is more than one; add name: (e.g. "http", "metrics") to each`,
        );
      }
      continue;
    }
    if (!checkDnsName(ctx, np, name, 'label', 'port name')) continue;
    checkUnique(ctx, seen, name, np, 'port name', 'port names must be unique');
  }
}

export function validateService(ctx: CheckContext, spec: Obj): void {
  const type = asStr(spec['type']) ?? 'ClusterIP';
  const clusterIP = asStr(spec['clusterIP']) ?? '';
  const headless = clusterIP === 'None';
  const ports = objItems(spec['ports'], 'spec.ports');
  checkLabelMap(ctx, 'spec.selector', spec['selector'], 'selector label');

  if (type === 'ExternalName') {
    const externalName = asStr(spec['externalName']) ?? '';
    if (externalName === '') {
      report(
        ctx,
        'spec.externalName',
        'error',
        'missing-field',
        'a Service of type ExternalName needs spec.externalName, the DNS name it aliases (e.g. externalName: db.example.com)',
        true,
      );
    } else {
      checkDnsName(
        ctx,
        'spec.externalName',
        externalName.replace(/\.$/, ''),
        'subdomain',
        'externalName',
      );
    }
    if (clusterIP !== '') {
      report(
        ctx,
        'spec.clusterIP',
        'error',
        'invalid-value',
        'an ExternalName Service has no cluster IP (it is only a DNS CNAME); remove clusterIP',
      );
    }
    if (spec['selector'] !== undefined && spec['selector'] !== null) {
      report(
        ctx,
        'spec.selector',
        'warning',
        'ignored-field',
        'selector is ignored for ExternalName Services: DNS answers with a CNAME and no endpoints are made; remove it, or use type ClusterIP to select pods',
      );
    }
  } else {
    if (ports.length === 0 && !headless) {
      report(
        ctx,
        'spec.ports',
        'error',
        'missing-field',
        'a Service needs at least one port (e.g. ports: [{port: 80, targetPort: 8080}]), unless it is headless (clusterIP: None)',
        spec['ports'] === undefined,
      );
    }
    if (asStr(spec['externalName'])) {
      report(
        ctx,
        'spec.externalName',
        'warning',
        'ignored-field',
        `externalName is only used by type ExternalName; this Service is ${type}`,
      );
    }
  }

  if (headless && (type === 'NodePort' || type === 'LoadBalancer')) {
    report(
      ctx,
      'spec.clusterIP',
      'error',
      'invalid-value',
      `clusterIP: None (headless) is only valid for type ClusterIP, not ${type}; remove clusterIP or change the type`,
    );
  } else if (clusterIP !== '' && !headless) {
    checkIp(ctx, 'spec.clusterIP', clusterIP, 'clusterIP');
  }
  asList(spec['clusterIPs']).forEach((ip, i) => {
    const p = childPath('spec.clusterIPs', i);
    if (typeof ip !== 'string' || ip === 'None') return;
    checkIp(ctx, p, ip, 'clusterIP');
    if (i === 0 && clusterIP !== '' && ip !== clusterIP) {
      report(
        ctx,
        p,
        'error',
        'invalid-value',
        `clusterIPs[0] must equal clusterIP (${clusterIP}); drop one of them`,
      );
    }
  });
  asList(spec['externalIPs']).forEach((ip, i) => {
    if (typeof ip === 'string') checkIp(ctx, childPath('spec.externalIPs', i), ip, 'externalIP');
  });
  const lbIP = asStr(spec['loadBalancerIP']);
  if (lbIP) checkIp(ctx, 'spec.loadBalancerIP', lbIP, 'loadBalancerIP');
  asList(spec['loadBalancerSourceRanges']).forEach((r, i) => {
    if (typeof r === 'string')
      checkCidr(ctx, childPath('spec.loadBalancerSourceRanges', i), r, 'source range');
  });

  const externallyReachable =
    type === 'NodePort' || type === 'LoadBalancer' || asList(spec['externalIPs']).length > 0;
  if (spec['externalTrafficPolicy'] !== undefined && !externallyReachable) {
    report(
      ctx,
      'spec.externalTrafficPolicy',
      'warning',
      'ignored-field',
      `externalTrafficPolicy only affects traffic from outside the cluster (NodePort, LoadBalancer or externalIPs); it has no effect on a ${type} Service`,
    );
  }
  const timeout = asInt(
    asObj(asObj(spec['sessionAffinityConfig'])?.['clientIP'])?.['timeoutSeconds'],
  );
  if (timeout !== undefined && (timeout < 1 || timeout > 86400)) {
    report(
      ctx,
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
      'error',
      'invalid-value',
      `timeoutSeconds must be between 1 and 86400 (one day), got ${String(timeout)}`,
    );
  }

  checkPortNames(ctx, ports, 'Service');
  const seen = new Map<string, string>();
  for (const [port, pp] of ports) {
    checkPortNumber(ctx, childPath(pp, 'port'), port['port'], 'port');
    checkPortRef(ctx, childPath(pp, 'targetPort'), port['targetPort'], 'targetPort');
    const nodePort = asInt(port['nodePort']);
    const npp = childPath(pp, 'nodePort');
    if (nodePort !== undefined && nodePort !== 0) {
      if (type !== 'NodePort' && type !== 'LoadBalancer') {
        report(
          ctx,
          npp,
          'error',
          'invalid-value',
          `nodePort may only be set when type is NodePort or LoadBalancer (this Service is ${type}); remove it or change the type`,
        );
      } else if (
        checkPortNumber(ctx, npp, nodePort, 'nodePort') &&
        (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX)
      ) {
        report(
          ctx,
          npp,
          'warning',
          'node-port-range',
          `nodePort ${String(nodePort)} is outside the default range ${String(NODE_PORT_MIN)}-${String(NODE_PORT_MAX)}; the API server rejects it unless --service-node-port-range allows it (omit nodePort to get one assigned)`,
        );
      }
    }
    const key = `${String(port['port'])}/${asStr(port['protocol']) ?? 'TCP'}`;
    const first = seen.get(key);
    if (first !== undefined && typeof port['port'] === 'number') {
      report(
        ctx,
        childPath(pp, 'port'),
        'error',
        'duplicate-port',
        `duplicate port ${key}: already defined at ${first}; each port/protocol pair may appear once`,
      );
    } else {
      seen.set(key, pp);
    }
  }
}

/** Endpoint addresses may not be loopback or link-local (core validateNonSpecialIP). */
function checkEndpointIp(ctx: CheckContext, path: string, ip: string): void {
  const parsed = checkIp(ctx, path, ip, 'endpoint IP');
  if (!parsed) return;
  const range = parsed.addr.range();
  if (
    range === 'loopback' ||
    range === 'linkLocal' ||
    range === 'unspecified' ||
    range === 'multicast'
  ) {
    report(
      ctx,
      path,
      'error',
      'invalid-ip',
      `endpoint IP ${ip} is ${range === 'linkLocal' ? 'link-local' : range}; endpoints must be pod or node addresses`,
    );
  }
}

export function validateEndpoints(ctx: CheckContext, object: Obj): void {
  for (const [subset, sp] of objItems(object['subsets'], 'subsets')) {
    for (const list of ['addresses', 'notReadyAddresses']) {
      for (const [addr, ap] of objItems(subset[list], childPath(sp, list))) {
        const ip = asStr(addr['ip']);
        if (ip) checkEndpointIp(ctx, childPath(ap, 'ip'), ip);
        const hostname = asStr(addr['hostname']);
        if (hostname) checkDnsName(ctx, childPath(ap, 'hostname'), hostname, 'label', 'hostname');
      }
    }
    const ports = objItems(subset['ports'], childPath(sp, 'ports'));
    checkPortNames(ctx, ports, 'Endpoints');
    for (const [port, pp] of ports)
      checkPortNumber(ctx, childPath(pp, 'port'), port['port'], 'port');
  }
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export function validateEndpointSlice(ctx: CheckContext, object: Obj): void {
  const type = asStr(object['addressType']);
  for (const [ep, epPath] of objItems(object['endpoints'], 'endpoints')) {
    const addresses = asList(ep['addresses']);
    const ap = childPath(epPath, 'addresses');
    if (Array.isArray(ep['addresses']) && (addresses.length < 1 || addresses.length > 100)) {
      report(
        ctx,
        ap,
        'error',
        'invalid-value',
        `an endpoint needs 1 to 100 addresses, got ${String(addresses.length)}`,
      );
    }
    addresses.forEach((a, i) => {
      if (typeof a !== 'string') return;
      const p = childPath(ap, i);
      if (type === 'FQDN') checkDnsName(ctx, p, a, 'subdomain', 'FQDN address');
      else if (type === 'IPv4' || type === 'IPv6') {
        const ip = checkIp(ctx, p, a, `${type} address`, type);
        if (ip) checkEndpointIp(ctx, p, a);
      }
    });
  }
  const ports = objItems(object['ports'], 'ports');
  checkPortNames(ctx, ports, 'EndpointSlice', false);
  for (const [port, pp] of ports) checkPortNumber(ctx, childPath(pp, 'port'), port['port'], 'port');
  const labels = asObj(asObj(object['metadata'])?.['labels']);
  if (!asStr(labels?.[SERVICE_NAME_LABEL])) {
    report(
      ctx,
      'metadata',
      'warning',
      'orphan-endpointslice',
      `EndpointSlice has no ${SERVICE_NAME_LABEL} label, so no Service uses it; add labels: {${SERVICE_NAME_LABEL}: <service name>}`,
      true,
    );
  }
}
