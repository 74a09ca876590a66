import { describe, expect, test } from 'vitest';
import type { EngineReply, EngineRequest, SimulationView } from './protocol';
import { EngineClient } from './client';
import type { WorkerPort } from './client';

class FakeWorker implements WorkerPort {
  readonly sent: EngineRequest[] = [];
  onmessage: WorkerPort['onmessage'] = null;
  onerror: WorkerPort['onerror'] = null;
  isTerminated = false;
  postMessage(message: EngineRequest): void {
    this.sent.push(message);
  }
  reply(message: EngineReply): void {
    this.onmessage?.({ data: message } as MessageEvent<EngineReply>);
  }
  terminate(): void {
    this.isTerminated = true;
  }
}

const view = (cniPlugin: string) => ({ cniPlugin }) as SimulationView;
const files = [{ file: 'a.yaml', content: '' }];
const query = { port: 80, protocol: 'TCP' } as const;

describe('EngineClient', () => {
  test('matches a reply to its request by id', async () => {
    const worker = new FakeWorker();
    const client = new EngineClient(worker);
    const outcome = client.simulate(files, query);
    expect(worker.sent).toEqual([{ type: 'simulate', id: 1, files, matrix: query }]);
    worker.reply({ type: 'simulated', id: 1, view: view('canal') });
    await expect(outcome).resolves.toEqual({ status: 'done', view: view('canal') });
  });

  test('a newer simulation supersedes an older one, whose late reply is dropped', async () => {
    const worker = new FakeWorker();
    const client = new EngineClient(worker);
    const first = client.simulate(files, query);
    const second = client.simulate(files, query);
    await expect(first).resolves.toEqual({ status: 'cancelled' });
    expect(worker.sent.map((m) => `${m.type}:${String(m.id)}`)).toEqual([
      'simulate:1',
      'cancel:1',
      'simulate:2',
    ]);
    worker.reply({ type: 'simulated', id: 1, view: view('stale') });
    worker.reply({ type: 'simulated', id: 2, view: view('fresh') });
    await expect(second).resolves.toEqual({ status: 'done', view: view('fresh') });
  });

  test('abort cancels; a failure is reported as an outcome, not a rejection', async () => {
    const worker = new FakeWorker();
    const client = new EngineClient(worker);
    const controller = new AbortController();
    const aborted = client.simulate(files, query, controller.signal);
    controller.abort();
    await expect(aborted).resolves.toEqual({ status: 'cancelled' });
    expect(worker.sent.at(-1)).toEqual({ type: 'cancel', id: 1 });

    const failing = client.simulate(files, query);
    worker.reply({ type: 'failed', id: 2, message: 'boom' });
    await expect(failing).resolves.toEqual({ status: 'failed', message: 'boom' });
  });

  test('a crashed worker fails what is pending; dispose terminates it', async () => {
    const worker = new FakeWorker();
    const client = new EngineClient(worker);
    const pending = client.simulate(files, query);
    worker.onerror?.({ message: 'SyntaxError in worker' } as ErrorEvent);
    await expect(pending).resolves.toEqual({ status: 'failed', message: 'SyntaxError in worker' });
    expect(client.isBroken).toBe(true);
    client.dispose();
    expect(worker.isTerminated).toBe(true);
  });
});
