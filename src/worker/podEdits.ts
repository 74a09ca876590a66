/**
 * Canvas and Inspector edits that name a pod of the last simulated cluster. A pod a controller
 * made is not written in the YAML: its labels and ports live in the controller's pod template,
 * so that is where these edits go (as a user would edit a Deployment, not its pods).
 */
import { identifyingLabels, matchesMap } from '../engine/labels';
import type { Cluster, SimPod } from '../engine/types';
import { applyEdit } from '../model/edit';
import type { EditResult, ObjectRef } from '../model/edit';
import type { DocumentEdit } from './protocol';

export type PodEdit = Extract<
  DocumentEdit,
  { op: 'selectPod' | 'setPodLabel' | 'setContainerPort' }
>;

const fail = (message: string): EditResult => ({ ok: false, message });

/**
 * Where a pod is written: the Pod itself (also a pod pasted from a kubectl dump, which names its
 * owners but is kept as written), or else its outermost controller's `spec.template`.
 */
function sourceOf(pod: SimPod): { target: ObjectRef; at: readonly string[] } {
  const owner = pod.owners[0];
  return owner && !pod.isWrittenPod
    ? {
        target: { kind: owner.kind, namespace: pod.namespace, name: owner.name },
        at: ['spec', 'template'],
      }
    : { target: { kind: 'Pod', namespace: pod.namespace, name: pod.name }, at: [] };
}

function findPod(cluster: Cluster, key: string): SimPod | string {
  const pod = cluster.podByKey.get(key);
  if (!pod) return `there is no pod ${key} in the current cluster`;
  if (pod.isSystem) return `${key} belongs to the cluster itself and is not in your YAML`;
  return pod;
}

/** Service → pod: the Service's selector gains the pod's identifying labels. */
function selectPod(cluster: Cluster, text: string, serviceKey: string, pod: SimPod): EditResult {
  const service = cluster.serviceByKey.get(serviceKey);
  if (!service || service.isSystem)
    return fail(`there is no Service ${serviceKey} in your YAML to connect`);
  if (service.type === 'ExternalName')
    return fail(
      `${serviceKey} is an ExternalName Service (a DNS alias for ${service.externalName ?? '?'}): it selects no pods`,
    );
  if (service.namespace !== pod.namespace)
    return fail(
      `a Service selects pods of its own namespace only: ${serviceKey} cannot select ${pod.key}`,
    );
  const labels = identifyingLabels(pod.labels);
  if (Object.keys(labels).length === 0)
    return fail(`${pod.key} has no labels to select it by: add one in the Inspector first`);
  if (service.selector !== null && matchesMap(service.selector, pod.labels))
    return fail(`${serviceKey} already selects ${pod.key}`);
  const target: ObjectRef = { kind: 'Service', namespace: service.namespace, name: service.name };
  let next = text;
  for (const [key, value] of Object.entries(labels)) {
    if (service.selector?.[key] === value) continue;
    const result = applyEdit(next, {
      op: 'setField',
      target,
      path: ['spec', 'selector', key],
      value,
    });
    if (!result.ok) return result;
    next = result.text;
  }
  return { ok: true, text: next };
}

/** Apply a pod-level edit to `text`, resolving the pod against the last simulated cluster. */
export function applyPodEdit(cluster: Cluster | null, text: string, edit: PodEdit): EditResult {
  if (!cluster) return fail('the cluster has not been simulated yet');
  const pod = findPod(cluster, edit.pod);
  if (typeof pod === 'string') return fail(pod);
  const { target, at } = sourceOf(pod);
  switch (edit.op) {
    case 'selectPod':
      return selectPod(cluster, text, edit.service, pod);
    case 'setPodLabel':
      return applyEdit(text, { op: 'setLabel', target, key: edit.key, value: edit.value, at });
    case 'setContainerPort': {
      if (!Number.isInteger(edit.port) || edit.port < 1 || edit.port > 65535)
        return fail(`port ${String(edit.port)} is out of range: use a number from 1 to 65535`);
      const index = pod.containers.findIndex((c) => c.name === edit.container);
      const container = pod.containers[index];
      if (!container || edit.index < 0 || edit.index >= container.ports.length)
        return fail(`${pod.key} has no port ${String(edit.index)} in container ${edit.container}`);
      const path = [...at, 'spec', 'containers', index, 'ports', edit.index, 'containerPort'];
      return applyEdit(text, { op: 'setField', target, path, value: edit.port });
    }
  }
}
