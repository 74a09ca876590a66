/**
 * The connections a selected NetworkPolicy allows (from the worker) as canvas edges: one arrow per
 * client → server pair, whatever rules and directions allow it, labelled with all their ports.
 */
import { MarkerType } from '@xyflow/react';
import type { PolicyConnectionView } from '../../worker/protocol';
import type { AllowEdge } from './types';

/** Past this many arrows, port labels would cover the picture: arrows only. */
const MAX_LABELLED = 24;

/** Which handle of a node an arrow leaves from or arrives at. */
function handles(from: string, to: string): { sourceHandle: string; targetHandle: string } {
  return {
    sourceHandle: from.startsWith('external:') ? 'right' : 'connect',
    targetHandle: to.startsWith('external:') ? 'in' : 'left',
  };
}

export function allowEdges(connections: readonly PolicyConnectionView[]): AllowEdge[] {
  const byPair = new Map<
    string,
    { from: string; to: string; ports: Set<string>; directions: Set<'ingress' | 'egress'> }
  >();
  for (const c of connections) {
    if (c.from === c.to) continue; // a pod talking to itself is never policed
    const key = `${c.from}\u0000${c.to}`;
    let pair = byPair.get(key);
    if (!pair) {
      pair = { from: c.from, to: c.to, ports: new Set(), directions: new Set() };
      byPair.set(key, pair);
    }
    for (const p of c.ports.split(', ')) pair.ports.add(p);
    pair.directions.add(c.direction);
  }
  const isLabelled = byPair.size <= MAX_LABELLED;
  return [...byPair.values()].map((pair) => {
    // "any port" says everything; listing other ports beside it would only repeat it.
    const ports = pair.ports.has('any port') ? ['any port'] : [...pair.ports];
    return {
      id: `allow:${pair.from}->${pair.to}`,
      type: 'allow',
      source: pair.from,
      target: pair.to,
      ...handles(pair.from, pair.to),
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
