/**
 * NetworkPolicy rules after networking/validation ValidateNetworkPolicySpec: peers, ipBlock
 * CIDRs, ports and endPort ranges, plus rules that policyTypes silently switches off.
 * https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/
 */
import { childPath } from './fieldPath';
import type { ParsedCidr } from './ipAddress';
import { checkCidr, cidrContains } from './ipAddress';
import type { CheckContext } from './schema';
import type { Obj } from './validators';
import {
  asList,
  asObj,
  asStr,
  checkLabelSelector,
  checkPortName,
  checkPortNumber,
  objItems,
  report,
} from './validators';

export function validateNetworkPolicy(ctx: CheckContext, spec: Obj): void {
  checkLabelSelector(ctx, 'spec.podSelector', spec['podSelector']);
  const types = asList(spec['policyTypes']);
  if (types.length > 2) {
    report(
      ctx,
      'spec.policyTypes',
      'error',
      'invalid-value',
      'policyTypes may list at most Ingress and Egress, once each',
    );
  }
  if (Array.isArray(spec['policyTypes'])) {
    for (const [dir, has] of [
      ['Ingress', 'ingress'],
      ['Egress', 'egress'],
    ] as const) {
      if (!types.includes(dir) && asList(spec[has]).length > 0) {
        report(
          ctx,
          childPath('spec', has),
          'warning',
          'ignored-rules',
          `these ${has} rules are ignored because policyTypes does not include ${dir}; add ${dir} to policyTypes`,
          true,
        );
      }
    }
  }
  for (const [dir, peers] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    for (const [rule, rp] of objItems(spec[dir], childPath('spec', dir))) {
      for (const [peer, pp] of objItems(rule[peers], childPath(rp, peers)))
        validatePeer(ctx, pp, peer);
      for (const [port, pp] of objItems(rule['ports'], childPath(rp, 'ports')))
        validatePolicyPort(ctx, pp, port);
    }
  }
}

function validatePeer(ctx: CheckContext, path: string, peer: Obj): void {
  const kinds = ['podSelector', 'namespaceSelector', 'ipBlock'].filter(
    (k) => peer[k] !== undefined && peer[k] !== null,
  );
  if (kinds.length === 0) {
    report(
      ctx,
      path,
      'error',
      'missing-field',
      'must specify a peer: podSelector, namespaceSelector and/or ipBlock (to allow everyone, leave out from/to entirely)',
    );
  } else if (kinds.length > 1 && kinds.includes('ipBlock')) {
    report(
      ctx,
      childPath(path, 'ipBlock'),
      'error',
      'invalid-peer',
      'may not specify both ipBlock and another peer; make them separate list items (- ipBlock: … and - podSelector: …)',
      true,
    );
  }
  checkLabelSelector(ctx, childPath(path, 'podSelector'), peer['podSelector']);
  checkLabelSelector(ctx, childPath(path, 'namespaceSelector'), peer['namespaceSelector']);
  const block = asObj(peer['ipBlock']);
  if (!block) return;
  const bp = childPath(path, 'ipBlock');
  const cidrText = asStr(block['cidr']);
  const cidr = cidrText ? checkCidr(ctx, childPath(bp, 'cidr'), cidrText, 'cidr') : undefined;
  asList(block['except']).forEach((e, i) => {
    if (typeof e !== 'string') return;
    const ep = childPath(childPath(bp, 'except'), i);
    const except = checkCidr(ctx, ep, e, 'except CIDR');
    if (cidr && except && !isStrictSubset(cidr, except)) {
      report(
        ctx,
        ep,
        'error',
        'invalid-cidr',
        `except ${e} must be a strict subset of cidr ${cidrText ?? ''} (inside it and with a longer prefix)`,
      );
    }
  });
}

function isStrictSubset(outer: ParsedCidr, inner: ParsedCidr): boolean {
  return cidrContains(outer, inner) && inner.prefix > outer.prefix;
}

function validatePolicyPort(ctx: CheckContext, path: string, port: Obj): void {
  const p = port['port'];
  const endPort = port['endPort'];
  const pp = childPath(path, 'port');
  const ep = childPath(path, 'endPort');
  if (typeof p === 'number') {
    checkPortNumber(ctx, pp, p, 'port');
    if (
      typeof endPort === 'number' &&
      checkPortNumber(ctx, ep, endPort, 'endPort') &&
      endPort < p
    ) {
      report(
        ctx,
        ep,
        'error',
        'invalid-port',
        `endPort ${String(endPort)} must be greater than or equal to port ${String(p)}`,
      );
    }
  } else if (typeof p === 'string') {
    checkPortName(ctx, pp, p, 'port name');
    if (endPort !== undefined && endPort !== null) {
      report(
        ctx,
        ep,
        'error',
        'invalid-port',
        'endPort may not be specified when port is a name; give a numeric port to start the range',
      );
    }
  } else if (endPort !== undefined && endPort !== null) {
    report(
      ctx,
      ep,
      'error',
      'invalid-port',
      'endPort may not be specified without port; set port to the first port of the range',
    );
  }
}
