/**
 * Typed manifests: the API's own shapes (from `kubernetes-types`) plus what the API lacks —
 * where each object came from, and the playground's own ClusterSettings kind.
 */
import type { Deployment, DaemonSet, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { Endpoints, Namespace, Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1';
import type { PositionIndex } from './yamlSource';

export type CniPlugin = 'canal' | 'flannel' | 'calico' | 'cilium';
export type CniMode = 'overlay' | 'routed';
export type KubeProxyMode = 'iptables' | 'nftables' | 'ipvs';

/** The playground's cluster-wide settings object (`k8snet.dev/v1alpha1`, kind ClusterSettings). */
export interface ClusterSettingsSpec {
  readonly podCIDR?: string;
  readonly serviceCIDR?: string;
  readonly clusterDomain?: string;
  readonly cni?: { readonly plugin?: CniPlugin; readonly mode?: CniMode };
  readonly kubeProxy?: { readonly mode?: KubeProxyMode };
  /** Address of the `external` client; 203.0.113.10 (TEST-NET-3) when absent. */
  readonly externalClientIP?: string;
}

export interface ClusterSettings {
  readonly apiVersion: 'k8snet.dev/v1alpha1';
  readonly kind: 'ClusterSettings';
  readonly metadata?: ObjectMeta;
  readonly spec?: ClusterSettingsSpec;
}

/** Any object we keep and show but do not simulate (ConfigMap, Secret, CRDs, …). */
export interface OtherObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: ObjectMeta;
  readonly [field: string]: unknown;
}

/** Where an object was written: its file, document, and a position for every field. */
export interface ObjectSource {
  readonly file: string;
  /** 0-based document index in the file (items of a `kind: List` share their document). */
  readonly docIndex: number;
  /** Item index inside a `kind: List`, if it came from one. */
  readonly listIndex?: number;
  readonly positions: PositionIndex;
}

interface Typed<K extends string, T> {
  readonly kind: K;
  readonly object: T;
  /** metadata.name ('' if absent, which validation reports). */
  readonly name: string;
  /** metadata.namespace, defaulted to `default` for namespaced kinds; '' for cluster-scoped. */
  readonly namespace: string;
  readonly apiVersion: string;
  readonly source: ObjectSource;
}

export type Manifest =
  | Typed<'Namespace', Namespace>
  | Typed<'Node', Node>
  | Typed<'Pod', Pod>
  | Typed<'Service', Service>
  | Typed<'Endpoints', Endpoints>
  | Typed<'EndpointSlice', EndpointSlice>
  | Typed<'Deployment', Deployment>
  | Typed<'ReplicaSet', ReplicaSet>
  | Typed<'StatefulSet', StatefulSet>
  | Typed<'DaemonSet', DaemonSet>
  | Typed<'Job', Job>
  | Typed<'NetworkPolicy', NetworkPolicy>
  | Typed<'Ingress', Ingress>
  | Typed<'IngressClass', IngressClass>
  | Typed<'ClusterSettings', ClusterSettings>
  | Typed<'Other', OtherObject>;

export type ManifestKind = Manifest['kind'];
export type ManifestOf<K extends ManifestKind> = Extract<Manifest, { kind: K }>;

/** `ns/name` for namespaced objects, `name` for cluster-scoped ones. */
export function objectKey(m: { readonly namespace: string; readonly name: string }): string {
  return m.namespace === '' ? m.name : `${m.namespace}/${m.name}`;
}
