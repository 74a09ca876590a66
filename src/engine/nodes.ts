/** Cluster nodes: the user's Node objects, or a kind-like default of one control plane and two workers. */
import type { Diagnostic } from '../model/diagnostics';
import type { ManifestOf } from '../model/manifest';
import type { DumpedNode } from './dump';
import { cidrContains, formatCidr, formatIPv4, parseCidr4, subnet } from './ip';
import type { ResolvedSettings, SimNode, Taint } from './types';

const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';
const CONTROL_PLANE_TAINT: Taint = { key: CONTROL_PLANE_LABEL, effect: 'NoSchedule' };
/** kind puts nodes on a docker network 172.18.0.0/16, starting at .2. */
const FIRST_NODE_IP = (172 << 24) + (18 << 16) + 2;

function baseLabels(name: string): Record<string, string> {
  return {
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
  };
}

/** Per-node pod range: /24 slices of the pod CIDR (kube-controller-manager's --node-cidr-mask-size). */
function nodePodCidr(settings: ResolvedSettings, index: number, count: number): string {
  const pod = parseCidr4(settings.podCIDR) ?? parseCidr4('10.244.0.0/16');
  if (!pod) return '';
  let mask = 24;
  if (pod.prefix > 24) mask = Math.min(30, pod.prefix + Math.ceil(Math.log2(Math.max(2, count))));
  const s = subnet(pod, mask, index);
  return s ? formatCidr(s) : '';
}

const DEFAULT_NODES = ['control-plane', 'worker-1', 'worker-2'];

/**
 * The user's Node objects; without any, the nodes a kubectl dump's pods ran on (`dumpedNodes`,
 * when one of them is not a default node), else the kind-like default three.
 */
export function buildNodes(
  manifests: readonly ManifestOf<'Node'>[],
  settings: ResolvedSettings,
  out: Diagnostic[],
  dumpedNodes: readonly DumpedNode[] = [],
): SimNode[] {
  if (manifests.length === 0) {
    const isDump = dumpedNodes.some((n) => !DEFAULT_NODES.includes(n.name));
    const dumped: readonly DumpedNode[] = isDump
      ? dumpedNodes
      : DEFAULT_NODES.map((name, i) => ({ name, isControlPlane: i === 0 }));
    const pool = parseCidr4(settings.podCIDR);
    return dumped.map((d, i) => {
      const { name } = d;
      const { isControlPlane } = d;
      // A dump's pod range is kept when it lies in the scenario's pod CIDR.
      const range = d.podCIDR === undefined ? null : parseCidr4(d.podCIDR);
      const podCIDR =
        d.podCIDR !== undefined && range && pool && cidrContains(pool, range.base)
          ? d.podCIDR
          : nodePodCidr(settings, i, dumped.length);
      return {
        name,
        ip: d.ip ?? formatIPv4(FIRST_NODE_IP + i),
        podCIDR,
        labels: { ...baseLabels(name), ...(isControlPlane ? { [CONTROL_PLANE_LABEL]: '' } : {}) },
        taints: isControlPlane ? [CONTROL_PLANE_TAINT] : [],
        unschedulable: false,
        isControlPlane,
        declared: false,
      };
    });
  }
  const usedIps = new Set<string>();
  for (const m of manifests) {
    const ip = m.object.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    if (ip) usedIps.add(ip);
  }
  let nextIp = FIRST_NODE_IP;
  return manifests.map((m, i) => {
    const labels = { ...baseLabels(m.name), ...(m.object.metadata?.labels ?? {}) };
    const isControlPlane =
      CONTROL_PLANE_LABEL in labels || 'node-role.kubernetes.io/master' in labels;
    let ip = m.object.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    if (!ip) {
      while (usedIps.has(formatIPv4(nextIp))) nextIp++;
      ip = formatIPv4(nextIp++);
      usedIps.add(ip);
    }
    const given = m.object.spec?.podCIDR;
    if (given && !parseCidr4(given)) {
      out.push({
        ...m.source.positions.value('spec.podCIDR'),
        severity: 'error',
        path: 'spec.podCIDR',
        code: 'invalid-cidr',
        message: `invalid podCIDR ${JSON.stringify(given)}; write an IPv4 CIDR like 10.244.1.0/24`,
      });
    }
    const taints: Taint[] = (m.object.spec?.taints ?? []).map((t) => ({
      key: t.key,
      effect: t.effect,
      ...(t.value !== undefined ? { value: t.value } : {}),
    }));
    return {
      name: m.name,
      ip,
      podCIDR: given && parseCidr4(given) ? given : nodePodCidr(settings, i, manifests.length),
      labels,
      taints,
      unschedulable: m.object.spec?.unschedulable === true,
      isControlPlane,
      declared: true,
    };
  });
}
