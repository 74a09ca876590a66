/**
 * Workload controllers, expanded the way kube-controller-manager names things:
 * Deployment → ReplicaSet `<deploy>-<pod-template-hash>` → Pods `<rs>-<5 chars>`;
 * StatefulSet → `<sts>-0…n-1`; DaemonSet → one `<ds>-<5 chars>` per eligible node; Job → `<job>-<5>`.
 * Names are derived from a hash of the inputs, so the same manifests give the same names.
 */
import type { PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { Manifest, ObjectSource } from '../model/manifest';
import { fnv1a, nameSuffix } from '../model/names';
import type { OwnerRef } from './types';

/** A pod the controllers (or the user) asked for, before scheduling and IPAM. */
export interface PodRequest {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** status.conditions[type=Ready].status of a pasted pod, if any. */
  readonly readyCondition?: string;
  readonly spec: PodSpec;
  readonly owners: readonly OwnerRef[];
  /** status.podIP given by the user (honoured by IPAM). */
  readonly podIP?: string;
  /** Only for StatefulSet pods: hostname and subdomain come from the StatefulSet. */
  readonly statefulSet?: { readonly podName: string; readonly serviceName: string | undefined };
  /** Only for DaemonSet pods: the node the controller placed it on. */
  readonly daemonSetNode?: string;
  readonly isSystem: boolean;
  readonly source?: ObjectSource;
  /** Field path of the pod spec inside its manifest (`spec` or `spec.template.spec`). */
  readonly specPath: string;
}

/** Kubernetes' pod-template-hash: a short hash of the template, in the suffix alphabet. */
export function podTemplateHash(template: PodTemplateSpec | undefined): string {
  const h = fnv1a(stableStringify(template ?? {}));
  return nameSuffix(h.toString(16), 10);
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableStringify(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function templateRequest(
  template: PodTemplateSpec | undefined,
  name: string,
  namespace: string,
  extraLabels: Record<string, string>,
  owners: readonly OwnerRef[],
  source: ObjectSource | undefined,
  isSystem: boolean,
): PodRequest {
  return {
    name,
    namespace,
    labels: { ...(template?.metadata?.labels ?? {}), ...extraLabels },
    annotations: template?.metadata?.annotations ?? {},
    spec: template?.spec ?? { containers: [] },
    owners,
    isSystem,
    specPath: 'spec.template.spec',
    ...(source ? { source } : {}),
  };
}

function replicasOf(r: number | undefined): number {
  return r === undefined ? 1 : Math.max(0, Math.min(r, 10_000));
}

/**
 * Expand one manifest into pod requests. DaemonSets need the node list, which is why
 * `eligibleNodes` is passed in (it applies nodeSelector, affinity and taints).
 */
export function expandWorkload(
  m: Manifest,
  eligibleNodes: (spec: PodSpec) => readonly string[],
  isSystem = false,
): PodRequest[] {
  const ns = m.namespace;
  switch (m.kind) {
    case 'Pod': {
      const podIP = m.object.status?.podIP;
      const readyCondition = m.object.status?.conditions?.find((c) => c.type === 'Ready')?.status;
      return [
        {
          name: m.name,
          namespace: ns,
          labels: m.object.metadata?.labels ?? {},
          annotations: m.object.metadata?.annotations ?? {},
          ...(readyCondition !== undefined ? { readyCondition } : {}),
          spec: m.object.spec ?? { containers: [] },
          owners: [],
          isSystem,
          source: m.source,
          specPath: 'spec',
          ...(podIP ? { podIP } : {}),
        },
      ];
    }
    case 'Deployment': {
      const spec = m.object.spec;
      const hash = podTemplateHash(spec?.template);
      const rs = `${m.name}-${hash}`;
      const owners: OwnerRef[] = [
        { kind: 'Deployment', name: m.name },
        { kind: 'ReplicaSet', name: rs },
      ];
      return Array.from({ length: replicasOf(spec?.replicas) }, (_, i) =>
        templateRequest(
          spec?.template,
          `${rs}-${nameSuffix(`${ns}/${rs}/${String(i)}`, 5)}`,
          ns,
          { 'pod-template-hash': hash },
          owners,
          m.source,
          isSystem,
        ),
      );
    }
    case 'ReplicaSet': {
      const spec = m.object.spec;
      const owners: OwnerRef[] = [{ kind: 'ReplicaSet', name: m.name }];
      return Array.from({ length: replicasOf(spec?.replicas) }, (_, i) =>
        templateRequest(
          spec?.template,
          `${m.name}-${nameSuffix(`${ns}/${m.name}/${String(i)}`, 5)}`,
          ns,
          {},
          owners,
          m.source,
          isSystem,
        ),
      );
    }
    case 'StatefulSet': {
      const spec = m.object.spec;
      const owners: OwnerRef[] = [{ kind: 'StatefulSet', name: m.name }];
      return Array.from({ length: replicasOf(spec?.replicas) }, (_, i) => {
        const podName = `${m.name}-${String(i)}`;
        const request = templateRequest(
          spec?.template,
          podName,
          ns,
          {
            'statefulset.kubernetes.io/pod-name': podName,
            'apps.kubernetes.io/pod-index': String(i),
          },
          owners,
          m.source,
          isSystem,
        );
        return { ...request, statefulSet: { podName, serviceName: spec?.serviceName } };
      });
    }
    case 'DaemonSet': {
      const spec = m.object.spec;
      const owners: OwnerRef[] = [{ kind: 'DaemonSet', name: m.name }];
      const podSpec = spec?.template.spec ?? { containers: [] };
      return eligibleNodes(podSpec).map((node) => ({
        ...templateRequest(
          spec?.template,
          `${m.name}-${nameSuffix(`${ns}/${m.name}/${node}`, 5)}`,
          ns,
          {},
          owners,
          m.source,
          isSystem,
        ),
        daemonSetNode: node,
      }));
    }
    case 'Job': {
      const spec = m.object.spec;
      const owners: OwnerRef[] = [{ kind: 'Job', name: m.name }];
      const count = Math.max(
        0,
        Math.min(spec?.parallelism ?? 1, spec?.completions ?? Number.MAX_SAFE_INTEGER, 10_000),
      );
      return Array.from({ length: count }, (_, i) =>
        templateRequest(
          spec?.template,
          `${m.name}-${nameSuffix(`${ns}/${m.name}/${String(i)}`, 5)}`,
          ns,
          { 'job-name': m.name, 'batch.kubernetes.io/job-name': m.name },
          owners,
          m.source,
          isSystem,
        ),
      );
    }
    default:
      return [];
  }
}
