import { EdgeLabelRenderer } from '@xyflow/react';
import type { Emphasis } from '../types';

/**
 * An edge's text, centred on (x, y) in flow coordinates. Labels render in React Flow's label layer
 * (HTML above the SVG), so the edge's emphasis is repeated here as a class.
 */
export function EdgeLabel({
  x,
  y,
  text,
  variant,
  isSystem = false,
  emphasis,
}: {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  /** `route`, `allow`, …: the `k8s-edge-label--<variant>` look. */
  readonly variant?: string;
  readonly isSystem?: boolean;
  readonly emphasis?: Emphasis | undefined;
}) {
  const className = [
    'k8s-edge-label',
    variant === undefined ? '' : `k8s-edge-label--${variant}`,
    isSystem ? 'k8s-edge-label--system' : '',
    emphasis === undefined ? '' : `is-${emphasis}`,
  ]
    .filter((c) => c !== '')
    .join(' ');
  return (
    <EdgeLabelRenderer>
      <div
        className={className}
        style={{ transform: `translate(-50%, -50%) translate(${String(x)}px, ${String(y)}px)` }}
      >
        {text}
      </div>
    </EdgeLabelRenderer>
  );
}
