import { useEffect, useState } from 'react';
import { createEngineClient } from '../worker/client';
import type { EngineClient } from '../worker/client';
import type { MatrixQuery, SimulationView, SourceFile } from '../worker/protocol';

export type SimulationState =
  | { readonly status: 'running' }
  | { readonly status: 'ready'; readonly view: SimulationView }
  | { readonly status: 'failed'; readonly message: string };

// One worker for the page's lifetime: starting a worker and loading the engine costs more than a
// simulation of a small scenario. (The store will own it once the editor exists.)
let client: EngineClient | undefined;
function engine(): EngineClient {
  client ??= createEngineClient();
  return client;
}

/**
 * Runs the engine worker on `files` whenever they (or the matrix query) change. Pass stable
 * arrays/objects: a new identity is a new simulation. An unmounted or superseded run is cancelled.
 */
export function useSimulation(files: readonly SourceFile[], matrix: MatrixQuery): SimulationState {
  const [state, setState] = useState<SimulationState>({ status: 'running' });
  useEffect(() => {
    const controller = new AbortController();
    void engine()
      .simulate(files, matrix, controller.signal)
      .then((outcome) => {
        switch (outcome.status) {
          case 'done':
            setState({ status: 'ready', view: outcome.view });
            break;
          case 'failed':
            setState({ status: 'failed', message: outcome.message });
            break;
          case 'cancelled':
            break;
        }
      });
    return () => {
      controller.abort();
    };
  }, [files, matrix]);
  return state;
}
