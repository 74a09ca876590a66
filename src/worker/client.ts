/**
 * The page's side of the engine worker. Each request gets a fresh numeric id and a pending entry;
 * a reply whose id is no longer pending (cancelled, superseded by a newer simulation, or from
 * before a dispose) is stale and dropped, so the page never shows an older cluster over a newer one.
 */
import type { EditResult } from '../model/edit';
import type {
  ConnectionsReply,
  DiagnosticView,
  DocumentEdit,
  EngineReply,
  EngineRequest,
  MatrixQuery,
  OneShotReply,
  OneShotRequest,
  ProposalReply,
  RulesReply,
  ServiceRulesRequest,
  SimulationView,
  SourceFile,
} from './protocol';
import { assertNever } from '../model/diagnostics';

export type SimulationOutcome =
  | { readonly status: 'done'; readonly view: SimulationView }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'cancelled' };

/** What the client needs of a Worker (a fake in tests). */
export interface WorkerPort {
  postMessage(message: EngineRequest): void;
  onmessage: ((event: MessageEvent<EngineReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export class EngineClient {
  readonly #worker: WorkerPort;
  #nextId = 1;
  readonly #pending = new Map<number, (outcome: SimulationOutcome) => void>();
  /**
   * One-shot requests (explainPair, edit, …): each gets its reply, or null if the worker failed
   * or a newer request of the same kind superseded it (only validate does: typing asks again).
   */
  readonly #oneShots = new Map<number, (reply: OneShotReply | null) => void>();
  /** The pending validate request: a newer draft makes the older one pointless. */
  #lastValidate: number | null = null;

  constructor(worker: WorkerPort) {
    this.#worker = worker;
    worker.onmessage = (event) => {
      this.#receive(event.data);
    };
    worker.onerror = (event) => {
      // The worker script failed (did not load, or threw at top level): nothing will answer.
      this.#isBroken = true;
      this.#settleAll({ status: 'failed', message: event.message || 'the engine worker failed' });
    };
  }

  #isBroken = false;

  /** The worker crashed: make a new client (the page keeps its last good result meanwhile). */
  get isBroken(): boolean {
    return this.#isBroken;
  }

  /**
   * Simulate `files`. A newer call supersedes this one (only the latest scenario matters to the
   * page): the older promise resolves `cancelled`, as it does when `signal` aborts.
   */
  simulate(
    files: readonly SourceFile[],
    matrix: MatrixQuery,
    signal?: AbortSignal,
  ): Promise<SimulationOutcome> {
    for (const id of [...this.#pending.keys()]) this.cancel(id);
    const id = this.#nextId++;
    return new Promise<SimulationOutcome>((resolve) => {
      if (signal?.aborted) {
        resolve({ status: 'cancelled' });
        return;
      }
      this.#pending.set(id, resolve);
      signal?.addEventListener('abort', () => {
        this.cancel(id);
      });
      this.#worker.postMessage({ type: 'simulate', id, files, matrix });
    });
  }

  /** Why is one matrix cell what it is? null if the worker failed or was disposed. */
  explainPair(
    from: string,
    to: string,
    matrix: MatrixQuery,
  ): Promise<{ allowed: boolean; text: string } | null> {
    return this.#ask({ type: 'explainPair', id: this.#nextId++, from, to, matrix }, (r) =>
      r?.type === 'explained' ? { allowed: r.allowed, text: r.text } : null,
    );
  }

  /** Apply a canvas/palette action to the YAML text, in the worker. null if the worker failed. */
  edit(text: string, edit: DocumentEdit): Promise<EditResult | null> {
    return this.#ask({ type: 'edit', id: this.#nextId++, text, edit }, (r) =>
      r?.type === 'edited' ? r.result : null,
    );
  }

  /**
   * Validate unapplied text (live lint). A newer call supersedes this one: the older promise
   * resolves null and the worker skips it if it has not started.
   */
  validate(files: readonly SourceFile[]): Promise<readonly DiagnosticView[] | null> {
    const previous = this.#lastValidate;
    if (previous !== null) this.#dropOneShot(previous);
    const id = this.#nextId++;
    this.#lastValidate = id;
    return this.#ask({ type: 'validate', id, files }, (r) => {
      if (this.#lastValidate === id) this.#lastValidate = null;
      return r?.type === 'validated' ? r.diagnostics : null;
    });
  }

  /** kube-proxy's rules for one Service. null if the worker failed. */
  serviceRules(
    query: Omit<ServiceRulesRequest, 'type' | 'id'>,
  ): Promise<Omit<RulesReply, 'type' | 'id'> | null> {
    return this.#ask({ type: 'serviceRules', id: this.#nextId++, ...query }, (r) =>
      r?.type === 'rules' ? { rules: r.rules, note: r.note } : null,
    );
  }

  /** The connections a NetworkPolicy allows. null if the worker failed. */
  policyConnections(policy: string): Promise<Omit<ConnectionsReply, 'type' | 'id'> | null> {
    return this.#ask({ type: 'policyConnections', id: this.#nextId++, policy }, (r) =>
      r?.type === 'connections'
        ? { policy: r.policy, connections: r.connections, omitted: r.omitted, notes: r.notes }
        : null,
    );
  }

  /** Is `from` → `to` allowed, and which policy would allow it? null if the worker failed. */
  proposeAllow(from: string, to: string): Promise<Omit<ProposalReply, 'type' | 'id'> | null> {
    return this.#ask({ type: 'proposeAllow', id: this.#nextId++, from, to }, (r) =>
      r?.type === 'proposal' ? { allowed: r.allowed, text: r.text, yaml: r.yaml } : null,
    );
  }

  #ask<T>(request: OneShotRequest, read: (reply: OneShotReply | null) => T): Promise<T> {
    return new Promise((resolve) => {
      this.#oneShots.set(request.id, (reply) => {
        resolve(read(reply));
      });
      this.#worker.postMessage(request);
    });
  }

  /** Answer a one-shot with null now and tell the worker not to bother. */
  #dropOneShot(id: number): void {
    const answer = this.#oneShots.get(id);
    if (!answer) return;
    this.#oneShots.delete(id);
    this.#worker.postMessage({ type: 'cancel', id });
    answer(null);
  }

  /** Stop waiting for request `id` and tell the worker to skip it if it has not started. */
  cancel(id: number): void {
    const resolve = this.#pending.get(id);
    if (!resolve) return;
    this.#pending.delete(id);
    this.#worker.postMessage({ type: 'cancel', id });
    resolve({ status: 'cancelled' });
  }

  dispose(): void {
    this.#settleAll({ status: 'cancelled' });
    this.#worker.terminate();
  }

  #settleAll(outcome: SimulationOutcome): void {
    for (const answer of this.#oneShots.values()) answer(null);
    this.#oneShots.clear();
    const waiting = [...this.#pending.values()];
    this.#pending.clear();
    for (const resolve of waiting) resolve(outcome);
  }

  #receive(reply: EngineReply): void {
    const answer = this.#oneShots.get(reply.id);
    if (answer) {
      this.#oneShots.delete(reply.id);
      answer(reply.type === 'simulated' || reply.type === 'failed' ? null : reply);
      return;
    }
    const resolve = this.#pending.get(reply.id);
    if (!resolve) return; // stale
    this.#pending.delete(reply.id);
    switch (reply.type) {
      case 'simulated':
        resolve({ status: 'done', view: reply.view });
        break;
      case 'failed':
        resolve({ status: 'failed', message: reply.message });
        break;
      case 'explained':
      case 'edited':
      case 'validated':
      case 'rules':
      case 'connections':
      case 'proposal':
        // One-shot answers never share an id with a simulation; nothing to settle.
        break;
      default:
        assertNever(reply);
    }
  }
}

/** A client on a new module worker running src/worker/engine.worker.ts (bundled by Vite). */
export function createEngineClient(): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'k8snet-engine',
  });
  return new EngineClient(worker);
}
