import { useEffect, useMemo, useState } from 'react';
import type { ConnectionsReply, SimulationView } from '../../worker/protocol';
import { engine } from '../useEngine';
import { absoluteBoxes } from './absoluteBoxes';
import { allowEdges } from './allowEdges';
import { keyOfId } from './layout';
import type { AllowEdge, CanvasNode } from './types';

/** Node centres in flow coordinates. */
function centreXOf(nodes: readonly CanvasNode[]): (id: string) => number | undefined {
  const boxes = absoluteBoxes(nodes);
  return (id) => {
    const box = boxes.get(id);
    return box && box.x + box.width / 2;
  };
}

type Connections = Omit<ConnectionsReply, 'type' | 'id'>;

export interface PolicyPicture {
  readonly edges: readonly AllowEdge[];
  /** One line for the canvas: how many connections, how many left out, and notes. */
  readonly summary: string | null;
}

const NONE: PolicyPicture = { edges: [], summary: null };

function summaryOf(c: Connections, arrows: number): string {
  const what = `${c.policy} allows ${String(arrows)} connection${arrows === 1 ? '' : 's'} between pods`;
  const omitted = c.omitted > 0 ? ` (${String(c.omitted)} more not drawn)` : '';
  return [`${what}${omitted}`, ...c.notes].join(' · ');
}

/**
 * When a NetworkPolicy is selected, the connections its rules allow, asked of the worker (the
 * page never evaluates policy itself) and redrawn after every simulation.
 */
export function usePolicyConnections(
  view: SimulationView,
  selected: string | null,
  nodes: readonly CanvasNode[],
): PolicyPicture {
  const policy = keyOfId(selected, 'networkpolicy');
  const [answer, setAnswer] = useState<{ view: SimulationView; reply: Connections } | null>(null);
  useEffect(() => {
    if (policy === null) return;
    let isCurrent = true;
    void engine()
      .policyConnections(policy)
      .then((reply) => {
        // A newer selection or simulation has asked again: this answer is stale.
        if (isCurrent && reply !== null) setAnswer({ view, reply });
      });
    return () => {
      isCurrent = false;
    };
  }, [policy, view]);
  return useMemo(() => {
    if (policy === null || answer === null || answer.reply.policy !== policy) return NONE;
    if (answer.view !== view) return NONE;
    const edges = allowEdges(answer.reply.connections, centreXOf(nodes));
    return { edges, summary: summaryOf(answer.reply, edges.length) };
  }, [policy, answer, view, nodes]);
}
