import { BaseEdge } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { EndpointEdge as EndpointEdgeType } from '../types';
import { useIsFar } from '../useLevelOfDetail';
import { EdgeLabel } from './EdgeLabel';
import { endpointRoute, roundedPath } from './path';

/**
 * Service → endpoint pod, labelled `port → targetPort`. Routed through lanes and gutters (see
 * `EndpointEdgeData`) so it never passes under another pod on its way down.
 */
export const EndpointEdge = memo(function EndpointEdge({
  sourceX,
  sourceY,
  targetX,
  targetY,
  data,
}: EdgeProps<EndpointEdgeType>) {
  const isFar = useIsFar();
  if (!data) return null;
  const { points, bus } = endpointRoute(
    { x: sourceX, y: sourceY },
    { x: targetX, y: targetY },
    data.busDrop,
    data.gutter,
  );
  const className = [
    'k8s-edge',
    'k8s-edge--endpoint',
    data.isSystem ? 'k8s-edge--system' : '',
    data.isReady ? '' : 'k8s-edge--unready',
    data.emphasis === undefined ? '' : `is-${data.emphasis}`,
  ]
    .filter(Boolean)
    .join(' ');
  const at = data.labelAt === 'source' ? { x: sourceX, y: sourceY + 11 } : bus;
  return (
    <>
      <BaseEdge path={roundedPath(points)} className={className} />
      {data.label !== null && !isFar && (
        <EdgeLabel
          x={at.x}
          y={at.y}
          text={data.label}
          isSystem={data.isSystem}
          emphasis={data.emphasis}
        />
      )}
    </>
  );
});
