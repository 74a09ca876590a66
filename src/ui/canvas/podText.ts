/**
 * Short texts for a pod card, from the engine's words. Listeners come as
 * `80/TCP nginx (nginx)`: port/protocol, process, (container).
 */
import type { PodView } from '../../worker/protocol';

const LISTENER = /^(\d+)\/([A-Z]+)\s+.*\(([^()]+)\)$/;

/** `nginx :80`, `coredns :53/udp :53 :8080`: each container with the ports it listens on. */
export function containerPorts(pod: PodView): string[] {
  const ports = new Map<string, string[]>(pod.containers.map((c) => [c, []]));
  for (const listener of pod.listeners) {
    const m = LISTENER.exec(listener);
    if (!m) continue;
    const [, port = '', protocol = '', container = ''] = m;
    const list = ports.get(container) ?? [];
    const text = protocol === 'TCP' ? `:${port}` : `:${port}/${protocol.toLowerCase()}`;
    if (!list.includes(text)) list.push(text);
    ports.set(container, list);
  }
  return [...ports].map(([container, list]) => [container, ...list].join(' '));
}

/**
 * A controller's pod name split before its random suffix (`frontend-fwzbs4km55-` + `hqnxx`), so a
 * card too narrow for the whole name cuts the middle and keeps the part that tells replicas apart.
 * Pods nobody controls keep their whole name in the first part.
 */
export function splitPodName(pod: Pick<PodView, 'name' | 'owner'>): readonly [string, string] {
  const m = pod.owner === undefined ? null : /^(.+-)([^-]{1,5})$/.exec(pod.name);
  return m ? [m[1] ?? '', m[2] ?? ''] : [pod.name, ''];
}

export type PodStatus = 'running' | 'pending' | 'not-ready' | 'failing';

export function podStatus(pod: PodView): PodStatus {
  if (pod.phase === 'Pending') return 'pending';
  if (pod.failing.length > 0) return 'failing';
  return pod.ready ? 'running' : 'not-ready';
}

export const STATUS_TEXT: Readonly<Record<PodStatus, string>> = {
  running: 'Running',
  pending: 'Pending',
  'not-ready': 'not ready',
  failing: 'failing',
};
