/** Every canvas edge type, module-level for the same reason as `nodeTypes`. */
import type { EdgeTypes } from '@xyflow/react';
import { EndpointEdge } from './edges/EndpointEdge';
import { LinkEdge } from './edges/LinkEdge';

export const edgeTypes = {
  endpoint: EndpointEdge,
  link: LinkEdge,
} satisfies EdgeTypes;
