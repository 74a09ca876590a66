import type { CanvasNode } from './types';

/** What a screen reader hears for a node: its kind and name. */
export function describeNode(node: CanvasNode): string {
  switch (node.type) {
    case 'pod':
      return `Pod ${node.data.pod.key}, IP ${node.data.pod.ip ?? 'none'}`;
    case 'kubeNode':
      return `Node ${node.data.node.name}, ${String(node.data.podCount)} pods`;
    case 'unscheduled':
      return `Unscheduled pods: ${String(node.data.podCount)}`;
    case 'service':
      return `Service ${node.data.service.key}, ${node.data.service.type}`;
    case 'ingress':
      return `Ingress ${node.data.ingress.key}`;
    case 'networkpolicy':
      return `NetworkPolicy ${node.data.policy.key}`;
    case 'external':
      return 'Internet: clients outside the cluster';
  }
}
