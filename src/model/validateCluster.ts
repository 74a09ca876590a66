/**
 * The cluster's own objects: Nodes (core/validation ValidateNode) and the playground's
 * ClusterSettings, whose ranges every simulated IP comes from.
 */
import { childPath } from './fieldPath';
import type { ParsedCidr } from './ipAddress';
import { checkCidr, checkIp, cidrsOverlap } from './ipAddress';
import type { CheckContext } from './schema';
import type { Obj } from './validators';
import {
  asList,
  asStr,
  checkDnsName,
  checkLabelKey,
  checkLabelValue,
  objItems,
  report,
} from './validators';

const ADDRESS_TYPES_WITH_IP = new Set(['InternalIP', 'ExternalIP']);

export function validateNode(ctx: CheckContext, spec: Obj, status: Obj | undefined): void {
  const podCIDR = asStr(spec['podCIDR']);
  if (podCIDR) checkCidr(ctx, 'spec.podCIDR', podCIDR, 'podCIDR');
  const cidrs = asList(spec['podCIDRs']);
  const families = new Set<string>();
  cidrs.forEach((c, i) => {
    if (typeof c !== 'string') return;
    const p = childPath('spec.podCIDRs', i);
    const parsed = checkCidr(ctx, p, c, 'podCIDR');
    if (parsed && families.has(parsed.family)) {
      report(
        ctx,
        p,
        'error',
        'invalid-value',
        `podCIDRs may hold at most one ${parsed.family} range (one per family, for dual-stack)`,
      );
    }
    if (parsed) families.add(parsed.family);
    if (i === 0 && podCIDR && c !== podCIDR) {
      report(ctx, p, 'error', 'invalid-value', `podCIDRs[0] must equal podCIDR (${podCIDR})`);
    }
  });
  const taints = new Map<string, string>();
  for (const [t, tp] of objItems(spec['taints'], 'spec.taints')) {
    const key = asStr(t['key']);
    if (key) checkLabelKey(ctx, childPath(tp, 'key'), key, 'taint', false);
    const value = asStr(t['value']);
    if (value) checkLabelValue(ctx, childPath(tp, 'value'), value, 'taint');
    const id = `${key ?? ''}:${asStr(t['effect']) ?? ''}`;
    const first = taints.get(id);
    if (first !== undefined) {
      report(
        ctx,
        tp,
        'error',
        'duplicate-taint',
        `duplicate taint ${id}: already defined at ${first}; a key may appear once per effect`,
      );
    } else {
      taints.set(id, tp);
    }
  }
  for (const [a, ap] of objItems(status?.['addresses'], 'status.addresses')) {
    const address = asStr(a['address']);
    const type = asStr(a['type']) ?? '';
    if (!address) continue;
    if (ADDRESS_TYPES_WITH_IP.has(type)) checkIp(ctx, childPath(ap, 'address'), address, type);
    else checkDnsName(ctx, childPath(ap, 'address'), address, 'subdomain', type);
  }
}

/** The playground's own settings: the ranges every IP in the simulation comes from. */
export function validateClusterSettings(ctx: CheckContext, spec: Obj): void {
  const ranges: [ParsedCidr, string][] = [];
  for (const f of ['podCIDR', 'serviceCIDR']) {
    const v = asStr(spec[f]);
    if (!v) continue;
    const path = childPath('spec', f);
    const c = checkCidr(ctx, path, v, f, 'IPv4');
    if (!c) continue;
    ranges.push([c, path]);
    if (f === 'podCIDR' && c.prefix > 24) {
      report(
        ctx,
        path,
        'error',
        'invalid-value',
        `podCIDR ${v} is too small: each node gets a /24 from it, so use a /24 or larger (e.g. 10.244.0.0/16)`,
      );
    }
    if (f === 'serviceCIDR' && c.prefix > 28) {
      report(
        ctx,
        path,
        'warning',
        'invalid-value',
        `serviceCIDR ${v} leaves room for very few Services (the API server itself takes the first address)`,
      );
    }
  }
  const [pods, services] = ranges;
  if (pods && services && cidrsOverlap(pods[0], services[0])) {
    report(
      ctx,
      services[1],
      'error',
      'cidr-overlap',
      `serviceCIDR ${services[0].network} overlaps podCIDR ${pods[0].network}; pick disjoint ranges (defaults: 10.244.0.0/16 for pods, 10.96.0.0/12 for Services)`,
    );
  }
  const domain = asStr(spec['clusterDomain']);
  if (domain) checkDnsName(ctx, 'spec.clusterDomain', domain, 'subdomain', 'clusterDomain');
  const client = asStr(spec['externalClientIP']);
  if (client) checkIp(ctx, 'spec.externalClientIP', client, 'externalClientIP', 'IPv4');
}
