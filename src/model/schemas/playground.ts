import type { ClusterSettings, ClusterSettingsSpec } from '../manifest';
import { obj, oneOf, str } from '../schema';
import { objectMeta } from './meta';

const cni = obj<NonNullable<ClusterSettingsSpec['cni']>>('CNISettings', {
  plugin: oneOf('canal', 'flannel', 'calico', 'cilium'),
  mode: oneOf('overlay', 'routed'),
});
const kubeProxy = obj<NonNullable<ClusterSettingsSpec['kubeProxy']>>('KubeProxySettings', {
  mode: oneOf('iptables', 'nftables', 'ipvs'),
});
const spec = obj<ClusterSettingsSpec>('ClusterSettingsSpec', {
  podCIDR: str,
  serviceCIDR: str,
  clusterDomain: str,
  cni,
  kubeProxy,
  externalClientIP: str,
});

export const clusterSettingsSchema = obj<ClusterSettings>('ClusterSettings', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec,
});
