import { describe, expect, it } from 'vitest';
import { lint } from './testing/lint';

describe('Nodes', () => {
  it('checks pod CIDRs, taints and addresses', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Node
        metadata: {name: worker-1}
        spec:
          podCIDR: 10.244.1.0/24
          podCIDRs: [10.244.2.0/24, 10.244.3.0/24]
          taints:
          - {key: dedicated, value: db, effect: NoSchedule}
          - {key: dedicated, value: web, effect: NoSchedule}
          - {key: "bad key", effect: NoExecute}
          - {key: gpu, effect: NoRun}
        status:
          addresses:
          - {type: InternalIP, address: 172.18.0.300}
          - {type: Hostname, address: worker-1}
      `),
    ).toEqual([
      'f.yaml:6:14: error: spec.podCIDRs[0]: podCIDRs[0] must equal podCIDR (10.244.1.0/24)',
      'f.yaml:6:29: error: spec.podCIDRs[1]: podCIDRs may hold at most one IPv4 range (one per family, for dual-stack)',
      'f.yaml:9:5: error: spec.taints[1]: duplicate taint dedicated:NoSchedule: already defined at spec.taints[0]; a key may appear once per effect',
      'f.yaml:10:11: error: spec.taints[2].key: invalid taint key "bad key": the name part must be at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
      'f.yaml:11:24: error: spec.taints[3].effect: unsupported value "NoRun": must be one of "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'f.yaml:14:33: error: status.addresses[0].address: invalid InternalIP "172.18.0.300": is not a valid IPv4 address (four numbers 0-255, like 10.0.0.1) or IPv6 address',
    ]);
  });
});

describe('ClusterSettings', () => {
  it('needs disjoint IPv4 ranges with room for a /24 per node', () => {
    expect(
      lint(`
        apiVersion: k8snet.dev/v1alpha1
        kind: ClusterSettings
        metadata: {name: cluster}
        spec:
          podCIDR: 10.96.0.0/25
          serviceCIDR: 10.96.0.0/12
          externalClientIP: 203.0.113.300
          clusterDomain: Cluster.Local
      `),
    ).toEqual([
      'f.yaml:5:12: error: spec.podCIDR: podCIDR 10.96.0.0/25 is too small: each node gets a /24 from it, so use a /24 or larger (e.g. 10.244.0.0/16)',
      'f.yaml:6:16: error: spec.serviceCIDR: serviceCIDR 10.96.0.0/12 overlaps podCIDR 10.96.0.0/25; pick disjoint ranges (defaults: 10.244.0.0/16 for pods, 10.96.0.0/12 for Services)',
      'f.yaml:7:21: error: spec.externalClientIP: invalid externalClientIP "203.0.113.300": is not a valid IPv4 address (four numbers 0-255, like 10.0.0.1) or IPv6 address',
      'f.yaml:8:18: error: spec.clusterDomain: invalid clusterDomain "Cluster.Local": must be a lowercase RFC 1123 subdomain: at most 253 characters, only a-z, 0-9, "-" and ".", starting and ending with a letter or digit (e.g. "cluster.local")',
    ]);
    expect(
      lint(`
        apiVersion: k8snet.dev/v1alpha1
        kind: ClusterSettings
        metadata: {name: cluster}
        spec: {podCIDR: "fd00::/48", serviceCIDR: 10.96.0.1/12, cni: {plugin: weave}}
      `),
    ).toEqual([
      'f.yaml:4:17: error: spec.podCIDR: invalid podCIDR "fd00::/48": must be an IPv4 CIDR',
      'f.yaml:4:43: warning: spec.serviceCIDR: serviceCIDR "10.96.0.1/12" has bits set after the /12 prefix; it means 10.96.0.0/12, so write that',
      'f.yaml:4:71: error: spec.cni.plugin: unsupported value "weave": must be one of "canal", "flannel", "calico", "cilium"',
    ]);
  });
});
