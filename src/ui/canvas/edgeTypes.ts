/** Every canvas edge type, module-level for the same reason as `nodeTypes`. */
import type { EdgeTypes } from '@xyflow/react';
import { AllowEdge } from './edges/AllowEdge';
import { EndpointEdge } from './edges/EndpointEdge';
import { LinkEdge } from './edges/LinkEdge';

export const edgeTypes = {
  endpoint: EndpointEdge,
  link: LinkEdge,
  allow: AllowEdge,
} satisfies EdgeTypes;
