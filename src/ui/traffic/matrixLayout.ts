/**
 * Where each pod goes in the Reachability matrix: pods of one namespace side by side, and how a
 * long `ns/name` is cut so that the part telling replicas apart stays visible.
 */

export interface MatrixLayout {
  /** Indices into the matrix's pods, in display order (the same for rows and columns). */
  readonly order: readonly number[];
  /** Per display position: true where a namespace other than the first one starts. */
  readonly isGroupStart: readonly boolean[];
}

export function namespaceOf(pod: string): string {
  return pod.slice(0, Math.max(0, pod.indexOf('/')));
}

/**
 * Group pods by namespace, namespaces in order of first appearance and pods in their own order
 * inside one, so a namespace reads as one block of rows and one block of columns.
 */
export function groupByNamespace(pods: readonly string[]): MatrixLayout {
  const groups = new Map<string, number[]>();
  pods.forEach((pod, i) => {
    const namespace = namespaceOf(pod);
    const group = groups.get(namespace);
    if (group) group.push(i);
    else groups.set(namespace, [i]);
  });
  const order: number[] = [];
  const isGroupStart: boolean[] = [];
  for (const group of groups.values()) {
    group.forEach((i, k) => {
      isGroupStart.push(k === 0 && order.length > 0);
      order.push(i);
    });
  }
  return { order, isGroupStart };
}

export interface PodLabelParts {
  /** `ns/`, slash included. */
  readonly namespace: string;
  /** The name up to its last short `-suffix`; what an ellipsis may shorten. */
  readonly head: string;
  /** The last `-xxxxx` of a generated name (what tells replicas apart), or empty. */
  readonly tail: string;
}

/**
 * Split `ns/name` for a label that may be cut in the middle: `shop/frontend-7d9f8-hqnmt` becomes
 * `shop/` + `frontend-7d9f8` + `-hqnmt`, so a narrow label shows `shop/fron…-hqnmt`. The parts
 * joined are always the key itself.
 */
export function splitPodKey(pod: string): PodLabelParts {
  const slash = pod.indexOf('/');
  const namespace = pod.slice(0, slash + 1);
  const name = pod.slice(slash + 1);
  const dash = name.lastIndexOf('-');
  if (dash <= 0 || name.length - dash > 6) return { namespace, head: name, tail: '' };
  return { namespace, head: name.slice(0, dash), tail: name.slice(dash) };
}
