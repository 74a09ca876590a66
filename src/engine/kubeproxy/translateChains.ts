/**
 * The names a packet passes in each kube-proxy mode, for the probe's hop list: iptables
 * chains (KUBE-SERVICES → KUBE-EXT-… → KUBE-SVC-… → KUBE-SEP-…), nftables chains (services →
 * external-… → service-… → endpoint-…) or the IPVS virtual and real server. KUBE-MARK-MASQ /
 * mark-for-masquerade appear where the rules mark the packet, KUBE-POSTROUTING / masquerading
 * where it is SNATed.
 */
import type { EndpointTarget } from '../endpoints';
import type { Cluster } from '../types';
import {
  iptablesEndpointChain,
  iptablesServiceChains,
  nftEndpointNames,
  nftServiceChains,
} from './chains';
import { virtualServerLine } from './ipvs';
import type { ProxiedPort, ServiceHit } from './servicePorts';
import { endpointString } from './servicePorts';

/** The address the packet was sent to (the virtual server, for IPVS). */
export interface Destination {
  readonly ip: string;
  readonly port: number;
}

export type Outcome =
  | { readonly kind: 'no-endpoints' }
  | { readonly kind: 'no-local-endpoints' }
  | {
      readonly kind: 'ok';
      /** The Local policy chain was used (KUBE-SVL / local-…). */
      readonly local: boolean;
      /** Marked for SNAT before reaching the endpoint (EXT or cluster IP rule). */
      readonly markedBefore: boolean;
      readonly hairpin: boolean;
      readonly chosen: EndpointTarget;
    };

function iptablesChains(p: ProxiedPort, hit: ServiceHit, outcome: Outcome): string[] {
  const c = iptablesServiceChains(p.name, p.port.protocol);
  const external = hit.frontend !== 'clusterIP';
  const entry =
    hit.frontend === 'nodePort' ? ['KUBE-SERVICES', 'KUBE-NODEPORTS', c.ext] : ['KUBE-SERVICES'];
  if (hit.frontend === 'externalIP' || hit.frontend === 'loadBalancer') entry.push(c.ext);
  switch (outcome.kind) {
    case 'no-endpoints':
      // Nothing in nat; the filter table's REJECT answers.
      return [external ? 'KUBE-EXTERNAL-SERVICES' : 'KUBE-SERVICES'];
    case 'no-local-endpoints':
      return external ? [...entry, 'KUBE-EXTERNAL-SERVICES'] : ['KUBE-SERVICES'];
    case 'ok': {
      const out = [...entry];
      if (external && outcome.markedBefore) out.push('KUBE-MARK-MASQ');
      out.push(outcome.local ? c.svl : c.svc);
      if (!external && outcome.markedBefore) out.push('KUBE-MARK-MASQ');
      out.push(iptablesEndpointChain(p.name, p.port.protocol, endpointString(outcome.chosen)));
      if (outcome.hairpin) out.push('KUBE-MARK-MASQ');
      if (outcome.markedBefore || outcome.hairpin) out.push('KUBE-POSTROUTING');
      return out;
    }
  }
}

function nftChains(p: ProxiedPort, hit: ServiceHit, outcome: Outcome): string[] {
  const { service, port } = p;
  const c = nftServiceChains(service.namespace, service.name, port.name, port.protocol);
  const external = hit.frontend !== 'clusterIP';
  const check =
    hit.frontend === 'nodePort' ? 'nodeport-endpoints-check' : 'service-endpoints-check';
  switch (outcome.kind) {
    case 'no-endpoints':
      return ['services', check, 'reject-chain'];
    case 'no-local-endpoints':
      return external ? ['services', c.external, check] : ['services', check];
    case 'ok': {
      const out = external ? ['services', c.external] : ['services'];
      if (external && outcome.markedBefore) out.push('mark-for-masquerade');
      out.push(outcome.local ? c.local : c.service);
      if (!external && outcome.markedBefore) out.push('mark-for-masquerade');
      const t = outcome.chosen;
      out.push(
        nftEndpointNames(
          service.namespace,
          service.name,
          port.name,
          port.protocol,
          t.endpoint.ip,
          t.port,
        ).chain,
      );
      if (outcome.hairpin) out.push('mark-for-masquerade');
      if (outcome.markedBefore || outcome.hairpin) out.push('masquerading');
      return out;
    }
  }
}

function ipvsChains(p: ProxiedPort, hit: ServiceHit, dst: Destination, outcome: Outcome): string[] {
  const line = virtualServerLine({
    protocol: p.port.protocol,
    address: dst.ip,
    port: dst.port,
    boundOnDummy: hit.frontend !== 'nodePort',
    persistent: p.service.sessionAffinity === 'ClientIP',
    realServers: [],
  }).replace(/^\S+\s+/, '');
  // Service addresses are bound on the kube-ipvs0 dummy; NodePorts on the node's own IP.
  const label = hit.frontend === 'nodePort' ? line : `kube-ipvs0 ${line}`;
  if (outcome.kind !== 'ok') return [label];
  const out = [label, `-> ${endpointString(outcome.chosen)} Masq`];
  if (outcome.markedBefore || outcome.hairpin) out.push('KUBE-POSTROUTING');
  return out;
}

/** The chain list of one translation in the cluster's kube-proxy mode. */
export function chainsFor(
  cluster: Cluster,
  p: ProxiedPort,
  hit: ServiceHit,
  dst: Destination,
  outcome: Outcome,
): string[] {
  switch (cluster.settings.kubeProxyMode) {
    case 'iptables':
      return iptablesChains(p, hit, outcome);
    case 'nftables':
      return nftChains(p, hit, outcome);
    case 'ipvs':
      return ipvsChains(p, hit, dst, outcome);
  }
}
