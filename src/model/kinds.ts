/** Which apiVersion/kind pairs the playground knows, and what replaced the removed ones. */
import type { ManifestKind } from './manifest';
import type { ObjectSchema } from './schema';
import {
  daemonSetSchema,
  deploymentSchema,
  replicaSetSchema,
  statefulSetSchema,
} from './schemas/apps';
import { jobSchema } from './schemas/batch';
import {
  endpointsSchema,
  namespaceSchema,
  nodeSchema,
  podSchema,
  serviceSchema,
} from './schemas/core';
import { endpointSliceSchema } from './schemas/discovery';
import { ingressClassSchema, ingressSchema, networkPolicySchema } from './schemas/networking';
import { clusterSettingsSchema } from './schemas/playground';

export interface KindInfo {
  readonly kind: Exclude<ManifestKind, 'Other'>;
  readonly apiVersion: string;
  readonly namespaced: boolean;
  readonly schema: ObjectSchema;
}

export const SIMULATED_KINDS: readonly KindInfo[] = [
  { kind: 'Namespace', apiVersion: 'v1', namespaced: false, schema: namespaceSchema },
  { kind: 'Node', apiVersion: 'v1', namespaced: false, schema: nodeSchema },
  { kind: 'Pod', apiVersion: 'v1', namespaced: true, schema: podSchema },
  { kind: 'Service', apiVersion: 'v1', namespaced: true, schema: serviceSchema },
  { kind: 'Endpoints', apiVersion: 'v1', namespaced: true, schema: endpointsSchema },
  {
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    namespaced: true,
    schema: endpointSliceSchema,
  },
  { kind: 'Deployment', apiVersion: 'apps/v1', namespaced: true, schema: deploymentSchema },
  { kind: 'ReplicaSet', apiVersion: 'apps/v1', namespaced: true, schema: replicaSetSchema },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', namespaced: true, schema: statefulSetSchema },
  { kind: 'DaemonSet', apiVersion: 'apps/v1', namespaced: true, schema: daemonSetSchema },
  { kind: 'Job', apiVersion: 'batch/v1', namespaced: true, schema: jobSchema },
  {
    kind: 'NetworkPolicy',
    apiVersion: 'networking.k8s.io/v1',
    namespaced: true,
    schema: networkPolicySchema,
  },
  { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', namespaced: true, schema: ingressSchema },
  {
    kind: 'IngressClass',
    apiVersion: 'networking.k8s.io/v1',
    namespaced: false,
    schema: ingressClassSchema,
  },
  {
    kind: 'ClusterSettings',
    apiVersion: 'k8snet.dev/v1alpha1',
    namespaced: false,
    schema: clusterSettingsSchema,
  },
];

/** Built-in kinds we keep and list but do not simulate: apiVersion → kind → namespaced. */
export const KEPT_KINDS: Readonly<Record<string, Readonly<Record<string, boolean>>>> = {
  v1: {
    ConfigMap: true,
    Secret: true,
    ServiceAccount: true,
    PersistentVolumeClaim: true,
    PersistentVolume: false,
    LimitRange: true,
    ResourceQuota: true,
    Event: true,
    ReplicationController: true,
  },
  'apps/v1': { ControllerRevision: true },
  'batch/v1': { CronJob: true },
  'autoscaling/v1': { HorizontalPodAutoscaler: true },
  'autoscaling/v2': { HorizontalPodAutoscaler: true },
  'policy/v1': { PodDisruptionBudget: true },
  'rbac.authorization.k8s.io/v1': {
    Role: true,
    RoleBinding: true,
    ClusterRole: false,
    ClusterRoleBinding: false,
  },
  'networking.k8s.io/v1': { IPAddress: false, ServiceCIDR: false },
  'storage.k8s.io/v1': { StorageClass: false },
  'apiextensions.k8s.io/v1': { CustomResourceDefinition: false },
  'scheduling.k8s.io/v1': { PriorityClass: false },
  'gateway.networking.k8s.io/v1': {
    Gateway: true,
    HTTPRoute: true,
    GatewayClass: false,
    GRPCRoute: true,
  },
  'admissionregistration.k8s.io/v1': {
    ValidatingWebhookConfiguration: false,
    MutatingWebhookConfiguration: false,
  },
};

/**
 * apiVersions the API server no longer serves, per kind, with what to write instead.
 * (Kubernetes 1.16 removed extensions/v1beta1 and apps/v1beta1/2 workloads; 1.22 removed
 * extensions/v1beta1 and networking.k8s.io/v1beta1 Ingress; 1.25 removed batch/v1beta1 CronJob.)
 */
export const REMOVED_API_VERSIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'extensions/v1beta1': {
    Ingress: 'networking.k8s.io/v1',
    NetworkPolicy: 'networking.k8s.io/v1',
    Deployment: 'apps/v1',
    DaemonSet: 'apps/v1',
    ReplicaSet: 'apps/v1',
    PodSecurityPolicy: 'policy/v1beta1 (itself removed in 1.25; use Pod Security Admission)',
  },
  'apps/v1beta1': {
    Deployment: 'apps/v1',
    StatefulSet: 'apps/v1',
    ReplicaSet: 'apps/v1',
    DaemonSet: 'apps/v1',
  },
  'apps/v1beta2': {
    Deployment: 'apps/v1',
    StatefulSet: 'apps/v1',
    ReplicaSet: 'apps/v1',
    DaemonSet: 'apps/v1',
  },
  'networking.k8s.io/v1beta1': {
    Ingress: 'networking.k8s.io/v1',
    IngressClass: 'networking.k8s.io/v1',
  },
  'discovery.k8s.io/v1beta1': { EndpointSlice: 'discovery.k8s.io/v1' },
  'batch/v1beta1': { CronJob: 'batch/v1' },
  'policy/v1beta1': { PodDisruptionBudget: 'policy/v1' },
  'autoscaling/v2beta1': { HorizontalPodAutoscaler: 'autoscaling/v2' },
  'autoscaling/v2beta2': { HorizontalPodAutoscaler: 'autoscaling/v2' },
};

export function findKind(apiVersion: string, kind: string): KindInfo | undefined {
  return SIMULATED_KINDS.find((k) => k.apiVersion === apiVersion && k.kind === kind);
}

/** All apiVersion values we recognise, for "did you mean" on typos. */
export function knownApiVersions(): string[] {
  const set = new Set<string>([
    ...SIMULATED_KINDS.map((k) => k.apiVersion),
    ...Object.keys(KEPT_KINDS),
  ]);
  return [...set];
}

/** All kinds served under an apiVersion. */
export function kindsOf(apiVersion: string): string[] {
  return [
    ...SIMULATED_KINDS.filter((k) => k.apiVersion === apiVersion).map((k) => k.kind),
    ...Object.keys(KEPT_KINDS[apiVersion] ?? {}),
  ];
}
