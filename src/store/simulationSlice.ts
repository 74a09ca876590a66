/** The latest simulation result for the applied document, as the worker sent it. */
import type { StateCreator } from 'zustand';
import type { MatrixQuery, SimulationView } from '../worker/protocol';
import type { Store } from './index';

export type SimulationStatus = 'idle' | 'running' | 'ready' | 'failed';

export interface SimulationSlice {
  readonly status: SimulationStatus;
  /** The last good result: kept while a new run is going or after a failed one. */
  readonly view: SimulationView | null;
  /** The result before the last Apply, to show which matrix cells an edit changed. */
  readonly previousView: SimulationView | null;
  readonly failure: string | null;
  readonly matrixQuery: MatrixQuery;
  setMatrixQuery: (q: MatrixQuery) => void;
  simulationStarted: () => void;
  simulationDone: (view: SimulationView) => void;
  simulationFailed: (message: string) => void;
}

export const createSimulationSlice: StateCreator<Store, [], [], SimulationSlice> = (set) => ({
  status: 'idle',
  view: null,
  previousView: null,
  failure: null,
  matrixQuery: { port: 80, protocol: 'TCP' },
  setMatrixQuery: (q) => {
    set({ matrixQuery: q });
  },
  simulationStarted: () => {
    set({ status: 'running' });
  },
  simulationDone: (view) => {
    set((s) => ({ status: 'ready', view, previousView: s.view, failure: null }));
  },
  simulationFailed: (message) => {
    set({ status: 'failed', failure: message });
  },
});
