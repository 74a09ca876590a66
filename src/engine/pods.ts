/** From a pod spec to the simulator's view of its containers, volumes and readiness. */
import type { Container, PodSpec, Volume } from 'kubernetes-types/core/v1';
import type { Protocol, SimContainer, SimVolume } from './types';

/**
 * The playground's way to mark a pod not ready without a real readiness probe:
 * `metadata.annotations: {k8snet.dev/ready: "false"}` on a pod or pod template.
 */
export const READY_ANNOTATION = 'k8snet.dev/ready';

function toContainer(c: Container, isInit: boolean): SimContainer {
  const env: Record<string, string> = {};
  for (const e of c.env ?? []) if (typeof e.value === 'string') env[e.name] = e.value;
  return {
    name: c.name,
    image: c.image ?? '',
    ports: (c.ports ?? []).map((p) => ({
      containerPort: p.containerPort,
      protocol: (p.protocol ?? 'TCP') as Protocol,
      ...(p.name !== undefined ? { name: p.name } : {}),
      ...(p.hostPort !== undefined ? { hostPort: p.hostPort } : {}),
    })),
    command: c.command ?? [],
    args: c.args ?? [],
    env,
    volumeMounts: (c.volumeMounts ?? []).map((m) => ({
      name: m.name,
      mountPath: m.mountPath,
      ...(m.subPath !== undefined ? { subPath: m.subPath } : {}),
      ...(m.readOnly !== undefined ? { readOnly: m.readOnly } : {}),
    })),
    isInit,
  };
}

export function toContainers(spec: PodSpec): {
  containers: SimContainer[];
  initContainers: SimContainer[];
} {
  // Validation rejects pods without containers; stay total anyway (the UI builds half-typed objects).
  return {
    containers: (spec.containers ?? []).map((c) => toContainer(c, false)),
    initContainers: (spec.initContainers ?? []).map((c) => toContainer(c, true)),
  };
}

function toVolume(v: Volume): SimVolume {
  if (v.emptyDir !== undefined) return { name: v.name, type: 'emptyDir' };
  if (v.configMap) return { name: v.name, type: 'configMap', ref: v.configMap.name ?? '' };
  if (v.secret) return { name: v.name, type: 'secret', ref: v.secret.secretName ?? '' };
  if (v.hostPath) return { name: v.name, type: 'hostPath', ref: v.hostPath.path };
  if (v.persistentVolumeClaim)
    return { name: v.name, type: 'persistentVolumeClaim', ref: v.persistentVolumeClaim.claimName };
  return { name: v.name, type: 'other' };
}

export function toVolumes(spec: PodSpec): SimVolume[] {
  return (spec.volumes ?? []).map(toVolume);
}

const DNS_POLICIES = ['ClusterFirst', 'Default', 'None', 'ClusterFirstWithHostNet'] as const;

/**
 * The pod's DNS settings. A StatefulSet pod's hostname is its name and its subdomain the
 * StatefulSet's serviceName, as the StatefulSet controller sets them.
 */
export function dnsFields(
  spec: PodSpec,
  statefulSet: { podName: string; serviceName: string | undefined } | null,
): {
  dnsPolicy: (typeof DNS_POLICIES)[number];
  dnsConfig?: PodSpec['dnsConfig'];
  hostname?: string;
  subdomain?: string;
} {
  const policy = DNS_POLICIES.find((p) => p === spec.dnsPolicy) ?? 'ClusterFirst';
  const hostname = spec.hostname ?? statefulSet?.podName;
  const subdomain = spec.subdomain ?? statefulSet?.serviceName;
  return {
    dnsPolicy: policy,
    ...(spec.dnsConfig ? { dnsConfig: spec.dnsConfig } : {}),
    ...(hostname !== undefined ? { hostname } : {}),
    ...(subdomain !== undefined ? { subdomain } : {}),
  };
}

/**
 * Ready unless the scenario says otherwise: the annotation, or a `Ready` condition with status
 * False in a pasted `kubectl get -o yaml` dump.
 */
export function isReady(
  annotations: Readonly<Record<string, string>>,
  readyCondition: string | undefined,
): boolean {
  const a = annotations[READY_ANNOTATION];
  if (a !== undefined) return a !== 'false';
  return readyCondition !== 'False';
}
