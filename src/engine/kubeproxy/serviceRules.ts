/**
 * kube-proxy's rules for one Service on one node: the Service's share of what `k8snet rules`
 * prints, in the same lines and order. The renderers tag what they write with the Service it
 * is for and print only that share (text filtering would miss rules without the Service's
 * comment, as in large-cluster mode). ExternalName and headless Services get no rules at all:
 * kube-proxy skips them, only DNS knows them.
 * https://kubernetes.io/docs/reference/networking/virtual-ips/
 */
import type { KubeProxyMode } from '../../model/manifest';
import type { SimService } from '../services';
import type { Cluster } from '../types';
import { renderIptables } from './iptables';
import { renderIpvs } from './ipvs';
import { renderNftables } from './nftables';
import { isProxied, proxiedPort } from './servicePorts';

export interface ServiceRules {
  readonly rules: {
    readonly service: string;
    readonly node: string;
    readonly mode: KubeProxyMode;
    readonly nodes: readonly string[];
    readonly text: string;
  } | null;
  /** Why there are no rules, or what to know about them; '' when there is nothing to add. */
  readonly note: string;
}

/** Why kube-proxy writes nothing for `service`, or null if it writes rules. */
function unproxiedReason(service: SimService): string | null {
  const key = service.key;
  if (service.type === 'ExternalName')
    return `${key} is an ExternalName Service: cluster DNS answers its name with a CNAME to ${service.externalName ?? '(none)'}, and kube-proxy writes no rules for it.`;
  if (service.headless)
    return `${key} is headless (clusterIP: None): its DNS name resolves straight to the pod IPs, and kube-proxy writes no rules for it.`;
  if (service.ports.length === 0)
    return `${key} has no ports, so kube-proxy writes no rules for it.`;
  return null;
}

/** What kube-proxy does with traffic to a Service that has no ready endpoints, per mode. */
function noEndpointsNote(key: string, mode: KubeProxyMode): string {
  switch (mode) {
    case 'iptables':
      return `${key} has no ready endpoints: kube-proxy rejects its traffic with a REJECT rule in the filter table.`;
    case 'nftables':
      return `${key} has no ready endpoints: kube-proxy rejects its traffic through the no-endpoint-services map.`;
    case 'ipvs':
      return `${key} has no ready endpoints: its virtual servers have no real servers, so connections to it fail.`;
  }
}

const IPVS_DEPRECATED =
  'kube-proxy IPVS mode is deprecated upstream (Kubernetes 1.35); nftables is the recommended mode.';

/**
 * The rules kube-proxy writes for `service` (`ns/name`) on `node` (null: the first node) in
 * `mode` (null: the cluster's own kube-proxy mode), as `k8snet rules` prints them: for
 * iptables both the nat and the filter table (where the REJECT of a Service without
 * endpoints lives). `rules` is null, with `note` saying why, when there is no such Service or
 * node, or kube-proxy writes nothing for it (ExternalName, headless).
 */
export function serviceRules(
  cluster: Cluster,
  service: string,
  node: string | null,
  mode: KubeProxyMode | null,
): ServiceRules {
  const found = cluster.serviceByKey.get(service);
  if (!found) return { rules: null, note: `There is no Service ${service} in the cluster.` };
  const reason = unproxiedReason(found);
  if (reason !== null) return { rules: null, note: reason };
  if (!isProxied(found))
    return {
      rules: null,
      note: `${service} has no ClusterIP, so kube-proxy writes no rules for it.`,
    };
  const nodes = cluster.nodes.map((n) => n.name);
  const nodeName = node ?? nodes[0];
  if (nodeName === undefined || !cluster.nodeByName.has(nodeName))
    return {
      rules: null,
      note: `There is no node ${node ?? ''} in the cluster (nodes: ${nodes.join(', ')}).`,
    };
  const chosen = mode ?? cluster.settings.kubeProxyMode;
  const text =
    chosen === 'iptables'
      ? renderIptables(cluster, nodeName, { tables: ['nat', 'filter'], service })
      : chosen === 'nftables'
        ? renderNftables(cluster, nodeName, { service })
        : renderIpvs(cluster, nodeName, { service });
  const notes: string[] = [];
  const hasEndpoints = found.ports.some(
    (p) => proxiedPort(cluster, found, p, nodeName).hasEndpoints,
  );
  if (!hasEndpoints) notes.push(noEndpointsNote(service, chosen));
  if (chosen === 'ipvs') notes.push(IPVS_DEPRECATED);
  return {
    rules: { service, node: nodeName, mode: chosen, nodes, text },
    note: notes.join(' '),
  };
}
