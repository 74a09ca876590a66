import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback, useLayoutEffect, useRef } from 'react';
import { absoluteBoxes } from './absoluteBoxes';
import { fitAroundPanels } from './fitViewport';
import type { Rect } from './fitViewport';
import type { CanvasNode } from './types';

/** Screen pixels between the picture, the pane's edge and each panel. */
const MARGIN = 8;

/** The panels React Flow draws over the pane (search, controls, minimap, attribution). */
function panelRects(pane: HTMLElement): Rect[] {
  const origin = pane.getBoundingClientRect();
  return [...pane.querySelectorAll(':scope > .react-flow__panel')].flatMap((panel) => {
    const r = panel.getBoundingClientRect();
    return r.width > 0 && r.height > 0
      ? [{ x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height }]
      : [];
  });
}

/**
 * Fit view that keeps the canvas's panels off the nodes (see fitViewport.ts). Returns the fit, to
 * call when a scenario opens or the fit button is pressed; reads the nodes as last rendered.
 */
export function useFitAroundPanels(nodes: readonly CanvasNode[]): () => boolean {
  const store = useStoreApi<CanvasNode>();
  const { setViewport } = useReactFlow<CanvasNode>();
  const latest = useRef(nodes);
  // A layout effect, so a fit in the same commit (the first one, before paint) sees these nodes.
  useLayoutEffect(() => {
    latest.current = nodes;
  }, [nodes]);
  return useCallback(() => {
    const { width, height, domNode, panZoom, minZoom, maxZoom } = store.getState();
    if (domNode === null || panZoom === null) return false;
    const viewport = fitAroundPanels(
      [...absoluteBoxes(latest.current).values()],
      { width, height },
      panelRects(domNode),
      { margin: MARGIN, minZoom, maxZoom },
    );
    if (viewport === null) return false;
    void setViewport(viewport);
    return true;
  }, [store, setViewport]);
}
