import { useEffect } from 'react';
import { useStore } from '../store';
import { createEngineClient } from '../worker/client';
import type { EngineClient } from '../worker/client';

// One worker for the page's lifetime: starting a worker and loading the engine costs more than
// simulating a small scenario.
let client: EngineClient | undefined;
export function engine(): EngineClient {
  client ??= createEngineClient();
  return client;
}

/**
 * Runs the engine worker on the applied document whenever it (or the matrix query) changes.
 * A superseded run is cancelled; the last good result stays on screen meanwhile.
 */
export function useEngine(): void {
  const fileName = useStore((s) => s.fileName);
  const text = useStore((s) => s.appliedText);
  const matrixQuery = useStore((s) => s.matrixQuery);
  useEffect(() => {
    const { simulationStarted, simulationDone, simulationFailed } = useStore.getState();
    const controller = new AbortController();
    simulationStarted();
    void engine()
      .simulate([{ file: fileName, content: text }], matrixQuery, controller.signal)
      .then((outcome) => {
        switch (outcome.status) {
          case 'done':
            simulationDone(outcome.view);
            break;
          case 'failed':
            simulationFailed(outcome.message);
            break;
          case 'cancelled':
            break;
        }
      });
    return () => {
      controller.abort();
    };
  }, [fileName, text, matrixQuery]);
}
