/**
 * The engine's Web Worker: the simulation runs here so the page keeps drawing while a large
 * scenario builds. Requests are queued and run one at a time on a later task, which gives a
 * `cancel` that arrives meanwhile the chance to drop a request before it starts (the engine itself
 * is synchronous and cannot be interrupted once running).
 */
import { assertNever } from '../model/diagnostics';
import { answer } from './answer';
import type { EngineReply, EngineRequest, OneShotRequest, SimulateRequest } from './protocol';
import { simulate } from './simulate';

/** What this file uses of DedicatedWorkerGlobalScope (typed here so it compiles with the DOM lib too). */
interface WorkerScope {
  postMessage(message: EngineReply): void;
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const queue: (SimulateRequest | OneShotRequest)[] = [];
let isScheduled = false;

function reply(message: EngineReply): void {
  scope.postMessage(message);
}

function drain(): void {
  isScheduled = false;
  const request = queue.shift();
  if (!request) return;
  try {
    reply(
      request.type === 'simulate'
        ? { type: 'simulated', id: request.id, view: simulate(request) }
        : answer(request),
    );
  } catch (error) {
    reply({
      type: 'failed',
      id: request.id,
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
  schedule();
}

function schedule(): void {
  if (isScheduled || queue.length === 0) return;
  isScheduled = true;
  setTimeout(drain, 0);
}

scope.onmessage = (event: MessageEvent<EngineRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'simulate':
    case 'explainPair':
    case 'edit':
    case 'validate':
    case 'serviceRules':
    case 'policyConnections':
    case 'proposeAllow':
      queue.push(request);
      schedule();
      break;
    case 'cancel': {
      const at = queue.findIndex((r) => r.id === request.id);
      if (at >= 0) queue.splice(at, 1);
      break;
    }
    default:
      assertNever(request);
  }
};
