import { useEffect } from 'react';
import { useStore } from '../store';
import { createEngineClient } from '../worker/client';
import type { EngineClient } from '../worker/client';

// One worker for the page's lifetime: starting a worker and loading the engine costs more than
// simulating a small scenario.
let client: EngineClient | undefined;
/** One automatic re-run after a crash, so a crash loop cannot spin. */
let retried = false;
export function engine(): EngineClient {
  if (client?.isBroken) {
    // Survive a crashed worker: start a fresh one and say so; the document is untouched.
    client.dispose();
    client = undefined;
    useStore
      .getState()
      .notify({ kind: 'error', text: 'The engine worker crashed and was restarted.' });
  }
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
            retried = false;
            simulationDone(outcome.view);
            break;
          case 'failed':
            simulationFailed(outcome.message);
            // A crash leaves the client broken: run again (on a new worker) once.
            if (client?.isBroken && !retried) {
              retried = true;
              const { matrixQuery: q, setMatrixQuery } = useStore.getState();
              setMatrixQuery({ ...q });
            }
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
