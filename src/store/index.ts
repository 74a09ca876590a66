/**
 * The one bound store, built from slices (zustand's slices pattern). Middleware lives only here:
 * zundo's `temporal` tracks the document slice alone, so undo/redo never touches selection or
 * simulation results.
 */
import { temporal } from 'zundo';
import { create } from 'zustand';
import type { DocumentSlice } from './documentSlice';
import { createDocumentSlice } from './documentSlice';
import type { SimulationSlice } from './simulationSlice';
import { createSimulationSlice } from './simulationSlice';
import type { UiSlice } from './uiSlice';
import { createUiSlice } from './uiSlice';

export type Store = DocumentSlice & SimulationSlice & UiSlice;

export const useStore = create<Store>()(
  temporal(
    (...a) => ({
      ...createDocumentSlice(...a),
      ...createSimulationSlice(...a),
      ...createUiSlice(...a),
    }),
    {
      // Undo the document, not the view of it; one step per applied change.
      partialize: (s) => ({ appliedText: s.appliedText, draftText: s.draftText }),
      equality: (a, b) => a.appliedText === b.appliedText,
      limit: 200,
    },
  ),
);
