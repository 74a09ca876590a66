/**
 * Structural sharing between two layouts. The worker sends a whole new view after every Apply, so
 * every node and edge object would be new and React Flow would re-render all of them (1,000 pod
 * cards for one added pod). Here an object equal to the previous layout's, field by field and
 * data by value, is replaced by that previous object, so memoised cards skip their render.
 */
import { useState } from 'react';
import type { SimulationView } from '../../worker/protocol';
import { layoutCluster } from './layout';
import type { CanvasGraph } from './types';

const textOf = new WeakMap<object, string>();

/** The data as JSON, computed once per object (the previous layout's are kept from last time). */
function dataText(data: object): string {
  let text = textOf.get(data);
  if (text === undefined) {
    text = JSON.stringify(data);
    textOf.set(data, text);
  }
  return text;
}

interface Shareable {
  readonly id: string;
  readonly data?: object;
}

/** `next` with each element equal to `prev`'s of the same id replaced by that one. */
export function shareUnchanged<T extends Shareable>(prev: readonly T[], next: readonly T[]): T[] {
  const before = new Map(prev.map((item) => [item.id, item]));
  return next.map((item) => {
    const old = before.get(item.id);
    if (!old) return item;
    for (const key of Object.keys(item) as (keyof T)[]) {
      if (key === 'data') continue;
      const a = item[key];
      const b = old[key];
      if (a !== b && JSON.stringify(a) !== JSON.stringify(b)) return item;
    }
    if (Object.keys(old).length !== Object.keys(item).length) return item;
    const same =
      item.data === old.data ||
      (item.data !== undefined &&
        old.data !== undefined &&
        dataText(item.data) === dataText(old.data));
    return same ? old : item;
  });
}

/** The layout of `view`, sharing every unchanged node and edge with the previous layout. */
export function useStableGraph(view: SimulationView): CanvasGraph {
  const [laid, setLaid] = useState(() => ({ view, graph: layoutCluster(view) }));
  if (laid.view === view) return laid.graph;
  // A new view: lay it out and share with the last layout (state adjusted while rendering, as
  // React recommends over an effect, so no frame shows the old picture).
  const next = layoutCluster(view);
  const graph = {
    nodes: shareUnchanged(laid.graph.nodes, next.nodes),
    edges: shareUnchanged(laid.graph.edges, next.edges),
  };
  setLaid({ view, graph });
  return graph;
}
