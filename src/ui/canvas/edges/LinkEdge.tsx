import { BaseEdge, getSmoothStepPath } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { LinkEdge as LinkEdgeType } from '../types';
import { useIsFar } from '../useLevelOfDetail';
import { EdgeLabel } from './EdgeLabel';

/**
 * A step edge with one label: Ingress → Service with the host/path it routes (`/web`), Internet →
 * Ingress or external Service address, and NetworkPolicy → a pod it selects.
 */
export const LinkEdge = memo(function LinkEdge({
  sourceX,
  sourceY,
  sourcePosition,
  targetX,
  targetY,
  targetPosition,
  data,
}: EdgeProps<LinkEdgeType>) {
  const isFar = useIsFar();
  const [path, midX, midY] = getSmoothStepPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
    borderRadius: 8,
    offset: 16,
  });
  if (!data) return null;
  const modifiers = `${data.isSystem ? ' k8s-edge--system' : ''}${data.emphasis === undefined ? '' : ` is-${data.emphasis}`}`;
  const className = `k8s-edge k8s-edge--${data.kind}${modifiers}`;
  const at = data.labelAt === 'target' ? { x: targetX, y: targetY - 13 } : { x: midX, y: midY };
  return (
    <>
      <BaseEdge path={path} className={className} />
      {data.label !== null && !isFar && (
        <EdgeLabel
          x={at.x}
          y={at.y}
          text={data.label}
          variant={data.kind}
          isSystem={data.isSystem}
          emphasis={data.emphasis}
        />
      )}
    </>
  );
});
