/**
 * Every canvas node type, in one module-level map: React Flow re-creates its node renderers when
 * this object changes identity, so it must never be built inside a component.
 */
import type { NodeTypes } from '@xyflow/react';
import { ExternalNode } from './nodes/ExternalNode';
import { IngressNode } from './nodes/IngressNode';
import { KubeNode } from './nodes/KubeNode';
import { PodNode } from './nodes/PodNode';
import { PolicyNode } from './nodes/PolicyNode';
import { ServiceNode } from './nodes/ServiceNode';
import { UnscheduledNode } from './nodes/UnscheduledNode';

export const nodeTypes = {
  pod: PodNode,
  kubeNode: KubeNode,
  unscheduled: UnscheduledNode,
  service: ServiceNode,
  ingress: IngressNode,
  networkpolicy: PolicyNode,
  external: ExternalNode,
} satisfies NodeTypes;
