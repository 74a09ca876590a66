/**
 * What the selection does to the picture. Nodes and edges that do not change keep their object
 * identity, so React Flow re-renders only the few whose `selected` or class flipped.
 */
import type { SimulationView } from '../../worker/protocol';
import { namespaceHue } from '../namespaceColor';
import { keyOfId, podId, policyId } from './layout';
import type { AllowEdge, CanvasEdge, CanvasNode, Emphasis } from './types';

/**
 * A selected NetworkPolicy lights up the pods it selects (and itself), and the pods at the other
 * end of the connections it allows; everything else dims. Null when nothing should dim.
 */
export function highlightFor(
  view: SimulationView,
  selected: string | null,
  allows: readonly AllowEdge[] = [],
): ReadonlySet<string> | null {
  const key = keyOfId(selected, 'networkpolicy');
  if (key === null) return null;
  const policy = view.policies.find((p) => p.key === key);
  if (!policy) return null;
  const ends = allows.flatMap((e) => [e.source, e.target]);
  return new Set([policyId(key), ...policy.selects.map(podId), ...ends]);
}

const isArea = (node: CanvasNode) => node.type === 'kubeNode' || node.type === 'unscheduled';

export function decorateNodes(
  nodes: readonly CanvasNode[],
  selected: string | null,
  highlight: ReadonlySet<string> | null,
): CanvasNode[] {
  return nodes.map((node) => {
    const isSelected = node.id === selected;
    let className: string | undefined;
    if (highlight !== null && !isArea(node))
      className = highlight.has(node.id) ? 'is-highlighted' : 'is-dimmed';
    if ((node.selected ?? false) === isSelected && node.className === className) return node;
    return { ...node, selected: isSelected, className };
  });
}

export function decorateEdges(
  edges: readonly CanvasEdge[],
  selected: string | null,
  highlight: ReadonlySet<string> | null,
): CanvasEdge[] {
  return edges.map((edge): CanvasEdge => {
    if (edge.type === 'allow') return edge; // drawn only for the selection, already emphasised
    const touches = selected !== null && (edge.source === selected || edge.target === selected);
    const isSelection = edge.type === 'link' && edge.data?.kind === 'selects';
    const hidden = isSelection ? !touches || highlight === null : false;
    const emphasis: Emphasis | undefined = touches
      ? 'active'
      : highlight !== null
        ? 'dimmed'
        : undefined;
    if ((edge.hidden ?? false) === hidden && edge.data?.emphasis === emphasis) return edge;
    // Emphasis travels in data: edge labels live outside the edge's SVG group, so a class on the
    // edge would not reach them.
    return edge.type === 'endpoint'
      ? { ...edge, hidden, data: edge.data && { ...edge.data, emphasis } }
      : { ...edge, hidden, data: edge.data && { ...edge.data, emphasis } };
  });
}

/** Overview colours: pods in their namespace's hue, the rest by kind. */
export function minimapColor(node: CanvasNode): string {
  switch (node.type) {
    case 'pod':
      return `hsl(${String(namespaceHue(node.data.pod.namespace))} 60% 55%)`;
    case 'kubeNode':
    case 'unscheduled':
      return 'rgb(148 163 184 / 35%)';
    case 'service':
      return '#326ce5';
    case 'ingress':
    case 'external':
      return '#0e9f6e';
    case 'networkpolicy':
      return '#d97706';
  }
}
