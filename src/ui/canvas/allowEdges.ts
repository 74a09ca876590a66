/**
 * The connections a selected NetworkPolicy allows (from the worker) as canvas edges: one arrow per
 * client → server pair, whatever rules and directions allow it, labelled with all their ports.
 */
import { MarkerType } from '@xyflow/react';
import type { PolicyConnectionView } from '../../worker/protocol';
import type { AllowEdge } from './types';

/** Past this many arrows, port labels would cover the picture: arrows only. */
const MAX_LABELLED = 24;

/**
 * Which handle of a node an arrow leaves from or arrives at: a pod is entered from the side that
 * faces the client, so arrows between neighbours stay short instead of looping round the card.
 */
function handles(
  from: string,
  to: string,
  centreX: (id: string) => number | undefined,
): { sourceHandle: string; targetHandle: string } {
  const fromX = centreX(from);
  const toX = centreX(to);
  const isFromRight = fromX !== undefined && toX !== undefined && fromX > toX;
  return {
    sourceHandle: from.startsWith('external:') ? 'right' : 'connect',
    targetHandle: to.startsWith('external:') ? 'in' : isFromRight ? 'right' : 'left',
  };
}

/** `centreX` gives a node's centre on the canvas (flow coordinates), when it is laid out. */
export function allowEdges(
  connections: readonly PolicyConnectionView[],
  centreX: (id: string) => number | undefined = () => undefined,
): AllowEdge[] {
  const byPair = new Map<
    string,
    {
      from: string;
      to: string;
      isAnyPort: boolean;
      ports: Set<string>;
      directions: Set<'ingress' | 'egress'>;
    }
  >();
  for (const c of connections) {
    const key = `${c.from}\u0000${c.to}`;
    let pair = byPair.get(key);
    if (!pair) {
      pair = { from: c.from, to: c.to, isAnyPort: false, ports: new Set(), directions: new Set() };
      byPair.set(key, pair);
    }
    if (c.ports === null) pair.isAnyPort = true;
    else for (const p of c.ports) pair.ports.add(p);
    pair.directions.add(c.direction);
  }
  const isLabelled = byPair.size <= MAX_LABELLED;
  return [...byPair.values()].map((pair) => {
    // "any port" says everything; listing other ports beside it would only repeat it.
    const ports = pair.isAnyPort ? ['any port'] : [...pair.ports];
    return {
      id: `allow:${pair.from}->${pair.to}`,
      type: 'allow',
      source: pair.from,
      target: pair.to,
      ...handles(pair.from, pair.to, centreX),
      animated: true,
      focusable: false,
      selectable: false,
      zIndex: 5,
      markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: '#16a34a' },
      data: {
        label: isLabelled ? ports.join(', ') : null,
        directions: [...pair.directions].sort(),
      },
    };
  });
}
