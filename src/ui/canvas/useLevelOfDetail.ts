import { useStore as useFlowStore } from '@xyflow/react';
import type { ReactFlowState } from '@xyflow/react';

/** Below this zoom per-pod detail (ports, controller, edge labels) is too small to read. */
export const FAR_ZOOM = 0.5;
/** Below this even names are a few pixels tall: pods become chips in one overview layer. */
export const TINY_ZOOM = 0.25;

export type Detail = 'full' | 'far' | 'tiny';

// A selector returning a string: a node re-renders when the zoom crosses a threshold, not on
// every wheel tick (xyflow's contextual-zoom pattern), which keeps large scenarios fast to zoom.
const detailSelector = (s: ReactFlowState): Detail => {
  const zoom = s.transform[2];
  return zoom < TINY_ZOOM ? 'tiny' : zoom < FAR_ZOOM ? 'far' : 'full';
};

/** How much a node should draw at the current zoom. */
export function useDetail(): Detail {
  return useFlowStore(detailSelector);
}

/** True when zoomed out so far that nodes should draw only their names and addresses. */
export function useIsFar(): boolean {
  return useDetail() !== 'full';
}
