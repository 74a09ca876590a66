/**
 * The engine's Web Worker: the simulation runs here so the page keeps drawing while a large
 * scenario builds. Requests are queued and run one at a time on a later task, which gives a
 * `cancel` that arrives meanwhile the chance to drop a request before it starts (the engine itself
 * is synchronous and cannot be interrupted once running).
 */
import { assertNever } from '../model/diagnostics';
import { applyEdit } from '../model/edit';
import { addTemplate } from '../model/templates';
import type {
  EditRequest,
  EngineReply,
  EngineRequest,
  ExplainPairRequest,
  SimulateRequest,
} from './protocol';
import { explainPair, simulate } from './simulate';

/** What this file uses of DedicatedWorkerGlobalScope (typed here so it compiles with the DOM lib too). */
interface WorkerScope {
  postMessage(message: EngineReply): void;
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const queue: (SimulateRequest | ExplainPairRequest | EditRequest)[] = [];
let isScheduled = false;

function reply(message: EngineReply): void {
  scope.postMessage(message);
}

function drain(): void {
  isScheduled = false;
  const request = queue.shift();
  if (!request) return;
  try {
    if (request.type === 'simulate')
      reply({ type: 'simulated', id: request.id, view: simulate(request) });
    else if (request.type === 'edit') {
      const e = request.edit;
      const result =
        e.op === 'addTemplate'
          ? addTemplate(request.text, e.template, e.namespace, e.nodeName)
          : applyEdit(request.text, e);
      reply({ type: 'edited', id: request.id, result });
    } else {
      const { allowed, text } = explainPair(
        request.from,
        request.to,
        request.matrix.port,
        request.matrix.protocol,
      );
      reply({ type: 'explained', id: request.id, allowed, text });
    }
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
