/** Cluster-wide settings: the optional ClusterSettings object, defaults from DESIGN.md. */
import type { Diagnostic } from '../model/diagnostics';
import type { CniMode, CniPlugin, ManifestOf } from '../model/manifest';
import type { ResolvedSettings } from './types';

export const DEFAULT_SETTINGS: ResolvedSettings = {
  podCIDR: '10.244.0.0/16',
  serviceCIDR: '10.96.0.0/12',
  clusterDomain: 'cluster.local',
  cniPlugin: 'canal',
  cniMode: 'overlay',
  kubeProxyMode: 'iptables',
  externalClientIP: '203.0.113.10',
  enforcesPolicy: true,
};

/** Each plugin's usual data path when the mode is not given (Calico routes with BGP by default). */
function defaultMode(plugin: CniPlugin): CniMode {
  return plugin === 'calico' ? 'routed' : 'overlay';
}

export function resolveSettings(
  objects: readonly ManifestOf<'ClusterSettings'>[],
  out: Diagnostic[],
): ResolvedSettings {
  const [first, ...extra] = objects;
  for (const m of extra) {
    const p = m.source.positions.value('kind');
    out.push({
      ...p,
      severity: 'warning',
      path: 'kind',
      code: 'duplicate-settings',
      message:
        'only one ClusterSettings object is used; this one is ignored (merge it into the first)',
    });
  }
  const spec = first?.object.spec ?? {};
  const plugin = spec.cni?.plugin ?? DEFAULT_SETTINGS.cniPlugin;
  const settings: ResolvedSettings = {
    podCIDR: spec.podCIDR ?? DEFAULT_SETTINGS.podCIDR,
    serviceCIDR: spec.serviceCIDR ?? DEFAULT_SETTINGS.serviceCIDR,
    clusterDomain: spec.clusterDomain ?? DEFAULT_SETTINGS.clusterDomain,
    cniPlugin: plugin,
    cniMode: spec.cni?.mode ?? defaultMode(plugin),
    kubeProxyMode: spec.kubeProxy?.mode ?? DEFAULT_SETTINGS.kubeProxyMode,
    externalClientIP: spec.externalClientIP ?? DEFAULT_SETTINGS.externalClientIP,
    enforcesPolicy: plugin !== 'flannel',
  };
  if (first && settings.kubeProxyMode === 'ipvs') {
    const p = first.source.positions.value('spec.kubeProxy.mode');
    out.push({
      ...p,
      severity: 'info',
      path: 'spec.kubeProxy.mode',
      code: 'ipvs-deprecated',
      message:
        'kube-proxy IPVS mode is deprecated upstream (Kubernetes 1.35); nftables is the recommended mode',
    });
  }
  return settings;
}
