import { BaseEdge, getBezierPath } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { AllowEdge as AllowEdgeType } from '../types';
import { useIsFar } from '../useLevelOfDetail';
import { EdgeLabel } from './EdgeLabel';

/**
 * A connection the selected NetworkPolicy allows: a moving dashed arrow from the client to the
 * server, labelled with the ports. A curve rather than steps, so it reads as traffic crossing the
 * picture and not as one more structural link.
 */
export const AllowEdge = memo(function AllowEdge({
  id,
  sourceX,
  sourceY,
  sourcePosition,
  targetX,
  targetY,
  targetPosition,
  markerEnd,
  data,
}: EdgeProps<AllowEdgeType>) {
  const isFar = useIsFar();
  const [path, midX, midY] = getBezierPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
  });
  return (
    <>
      <BaseEdge id={id} path={path} className="k8s-edge k8s-edge--allow" markerEnd={markerEnd} />
      {data?.label != null && !isFar && (
        <EdgeLabel x={midX} y={midY} text={data.label} variant="allow" />
      )}
    </>
  );
});
