/**
 * What every cluster runs before the user adds anything: CoreDNS in kube-system behind the
 * kube-dns Service (labels `k8s-app: kube-dns`), as kubeadm and kind install it.
 */
import type { ManifestOf } from '../model/manifest';
import { PositionIndex } from '../model/yamlSource';

export const BUILT_IN_FILE = '<built-in>';

export const SYSTEM_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
] as const;

/** A synthetic manifest for something the cluster installs itself (CoreDNS, add-ons). */
export function builtIn<K extends 'Deployment' | 'Service'>(
  kind: K,
  object: ManifestOf<K>['object'],
): ManifestOf<K> {
  return {
    kind,
    apiVersion: object.apiVersion ?? (kind === 'Deployment' ? 'apps/v1' : 'v1'),
    name: object.metadata?.name ?? '',
    namespace: object.metadata?.namespace ?? 'default',
    object,
    source: {
      file: BUILT_IN_FILE,
      docIndex: 0,
      positions: new PositionIndex(BUILT_IN_FILE, new Map()),
    },
  } as ManifestOf<K>;
}

/**
 * CoreDNS, two replicas. They tolerate the control-plane taint and, as on a kind cluster
 * (where they start before the workers join), run on the control-plane node.
 */
export function coreDnsDeployment(controlPlaneNode: string | undefined): ManifestOf<'Deployment'> {
  return builtIn('Deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          ...(controlPlaneNode
            ? { nodeSelector: { 'kubernetes.io/hostname': controlPlaneNode } }
            : {}),
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          containers: [
            {
              name: 'coredns',
              image: 'registry.k8s.io/coredns/coredns:v1.11.3',
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { name: 'dns', containerPort: 53, protocol: 'UDP' },
                { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
              ],
            },
          ],
        },
      },
    },
  });
}
