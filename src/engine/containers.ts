/**
 * A pod's processes: every container's listeners in the pod's one network namespace, port
 * conflicts between them, their files, and how they answer. Containers share localhost, so
 * `localhost:80` reaches whichever container listens on 80; two containers binding one port is
 * a conflict the second one loses. `containerPort` is informational: what listens is decided by
 * the process, and the notes say when the two disagree.
 * https://kubernetes.io/docs/concepts/workloads/pods/#how-pods-manage-multiple-containers
 */
import { httpResponse } from './appResponses';
import { runContainer } from './containerRun';
import type { ContainerRun } from './containerRun';
import { PodFilesystem, normalizePath } from './filesystem';
import type { ListenerSpec } from './images';
import type { AppResponse, HttpRequest } from './staticServer';
import type { Protocol, SimPod } from './types';

export type { AppResponse, HttpRequest } from './staticServer';
export type { ContainerRun, ContainerState } from './containerRun';

/** A bound socket of a running container. */
export interface Listener extends ListenerSpec {
  readonly container: string;
}

export interface PortConflict {
  /** The container whose process could not bind. */
  readonly container: string;
  readonly port: number;
  readonly protocol: Protocol;
  /** The container that holds the port. */
  readonly holder: string;
  /** What the losing process prints before it exits. */
  readonly message: string;
}

export interface PodProcesses {
  readonly listeners: readonly Listener[];
  readonly conflicts: readonly PortConflict[];
  readonly notes: readonly string[];
  /** Init containers first, then app containers, with their state after conflicts. */
  readonly containers: readonly ContainerRun[];
}

interface PodRuntime {
  readonly fs: PodFilesystem;
  readonly processes: PodProcesses;
}

// Pods are immutable snapshots: one simulation per pod object.
const runtimes = new WeakMap<SimPod, PodRuntime>();

function waiting(pod: SimPod, why: string): ContainerRun[] {
  return [...pod.initContainers, ...pod.containers].map((c) => ({
    name: c.name,
    image: c.image,
    isInit: c.isInit,
    argv: [],
    state: 'waiting',
    reason: why,
    exitCode: null,
    logs: '',
    processes: [],
    notes: [],
    repeatEverySeconds: null,
  }));
}

function runAll(pod: SimPod, fs: PodFilesystem): { runs: ContainerRun[]; notes: string[] } {
  if (pod.phase === 'Pending' || pod.nodeName === null)
    return {
      runs: waiting(pod, 'the pod is Pending: no node runs it'),
      notes: [`${pod.key} is Pending: none of its containers run`],
    };
  const runs: ContainerRun[] = [];
  const notes: string[] = [];
  // Init containers run one at a time, each to completion, before any app container starts.
  for (const c of pod.initContainers) {
    const run = runContainer(pod, c, fs);
    runs.push(run);
    if (run.state !== 'completed') {
      const stuck = `init container ${c.name} has not completed (${run.reason})`;
      notes.push(`${stuck}: the pod stays in Init and its app containers never start`);
      const rest = waiting(pod, stuck).filter((w) => !runs.some((r) => r.name === w.name));
      return { runs: [...runs, ...rest], notes };
    }
  }
  for (const c of pod.containers) runs.push(runContainer(pod, c, fs));
  return { runs, notes };
}

function settle(pod: SimPod, runs: ContainerRun[], notes: string[]): PodProcesses {
  const bound = new Map<string, Listener>();
  const conflicts: PortConflict[] = [];
  const key = (port: number, protocol: Protocol) => `${port}/${protocol}`;
  const settled = runs.map((run): ContainerRun => {
    if (run.isInit || run.state !== 'running') return run;
    const mine: string[] = [];
    for (const proc of run.processes) {
      const clash = proc.listeners.find((l) => bound.has(key(l.port, l.protocol)));
      if (!clash) {
        for (const l of proc.listeners) {
          bound.set(key(l.port, l.protocol), { ...l, container: run.name });
          mine.push(key(l.port, l.protocol));
        }
        continue;
      }
      const holder = bound.get(key(clash.port, clash.protocol))?.container ?? '';
      const where =
        holder === run.name ? 'another process of the same container' : `container ${holder}`;
      conflicts.push({
        container: run.name,
        port: clash.port,
        protocol: clash.protocol,
        holder,
        message: clash.bindError,
      });
      notes.push(
        `${run.name}: ${proc.command} cannot bind ${clash.port}/${clash.protocol}, held by ${where} (the pod's containers share one network namespace): "${clash.bindError}"`,
      );
      if (!proc.isMain) continue;
      // The main process exits; the container (and any job it started) goes with it.
      for (const k of mine) bound.delete(k);
      return {
        ...run,
        state: 'crash-loop',
        exitCode: 1,
        reason: `${proc.command} exits: port ${clash.port}/${clash.protocol} is already in use by ${where}; kubelet restarts it again and again (CrashLoopBackOff)`,
        logs: `${run.logs}${clash.bindError}\n`,
      };
    }
    return run;
  });
  const listeners = [...bound.values()];
  for (const run of settled) {
    if (run.isInit) continue;
    const c = pod.containers.find((x) => x.name === run.name);
    for (const p of c?.ports ?? []) {
      const holder = bound.get(key(p.containerPort, p.protocol));
      if (holder?.container === run.name) continue;
      const own = listeners
        .filter((l) => l.container === run.name)
        .map((l) => `${l.port}/${l.protocol}`);
      const what = holder
        ? `it is served by container ${holder.container} (same network namespace, so traffic still arrives)`
        : own.length > 0
          ? `${run.name} listens on ${own.join(', ')}`
          : `nothing in ${run.name} listens (${run.state === 'running' ? run.reason : `the container is ${run.state}`})`;
      notes.push(
        `containerPort ${p.containerPort}/${p.protocol} of ${run.name} is declared but ${what}`,
      );
    }
  }
  for (const l of listeners) {
    const declared = pod.containers.some((c) =>
      c.ports.some((p) => p.containerPort === l.port && p.protocol === l.protocol),
    );
    if (!declared && !l.isAssumed)
      notes.push(
        `${l.process} in ${l.container} listens on ${l.port}/${l.protocol} without a declared containerPort: it works anyway (containerPort is informational)`,
      );
  }
  if (pod.hostNetwork && listeners.length > 0)
    notes.push(
      `${pod.key} uses hostNetwork: its sockets are bound in node ${pod.nodeName ?? '?'}'s own network namespace (on the node IP, and clashing with anything else there on the same port)`,
    );
  const runNotes = settled.flatMap((r) => r.notes);
  return {
    listeners,
    conflicts,
    notes: [...new Set([...runNotes, ...notes])],
    containers: settled,
  };
}

function runtime(pod: SimPod): PodRuntime {
  const cached = runtimes.get(pod);
  if (cached) return cached;
  const fs = new PodFilesystem(pod);
  const { runs, notes } = runAll(pod, fs);
  const result = { fs, processes: settle(pod, runs, notes) };
  runtimes.set(pod, result);
  return result;
}

/** What runs in the pod: listeners after conflicts, conflicts, notes, and each container's state. */
export function podProcesses(pod: SimPod): PodProcesses {
  return runtime(pod).processes;
}

/** A file as `container` sees it (its own filesystem or a volume it mounts), or null. */
export function readFile(pod: SimPod, container: string, path: string): string | null {
  return runtime(pod).fs.readFile(container, normalizePath(path));
}

/** Names in a directory as `container` sees it (directories end in `/`), or null if absent. */
export function listFiles(pod: SimPod, container: string, dir: string): string[] | null {
  const entries = runtime(pod).fs.list(container, normalizePath(dir));
  return entries ? entries.map((e) => (e.isDir ? `${e.name}/` : e.name)) : null;
}

/** What `kubectl logs POD -c CONTAINER` shows (one pass of an endless loop). */
export function containerLogs(pod: SimPod, container: string): string {
  return podProcesses(pod).containers.find((c) => c.name === container)?.logs ?? '';
}

/** The listener answering `localhost:port` inside the pod (any of its containers), or null: refused. */
export function resolveLocalhost(
  pod: SimPod,
  port: number,
  protocol: Protocol = 'TCP',
): Listener | null {
  return (
    podProcesses(pod).listeners.find((l) => l.port === port && l.protocol === protocol) ?? null
  );
}

/** The listener answering on the pod IP: as localhost, minus sockets bound to 127.0.0.1 only. */
export function resolvePodPort(
  pod: SimPod,
  port: number,
  protocol: Protocol = 'TCP',
): Listener | null {
  const l = resolveLocalhost(pod, port, protocol);
  return l && l.bindAddress !== '127.0.0.1' ? l : null;
}

/** Why `port` answers or not on the pod, in words (for a `refused` verdict's explanation). */
export function explainPort(pod: SimPod, port: number, protocol: Protocol = 'TCP'): string {
  const p = podProcesses(pod);
  const l = resolveLocalhost(pod, port, protocol);
  if (l && l.bindAddress === '127.0.0.1')
    return `${l.process} in ${l.container} listens on 127.0.0.1:${port} only: reachable as localhost inside the pod, refused on the pod IP`;
  if (l) return `${l.process} in container ${l.container} listens on ${port}/${protocol}`;
  const conflict = p.conflicts.find((c) => c.port === port && c.protocol === protocol);
  if (conflict)
    return `only ${conflict.holder} can hold ${port}/${protocol}; ${conflict.container} crashes trying`;
  const down = p.containers.find(
    (c) =>
      !c.isInit &&
      c.state !== 'running' &&
      pod.containers.some(
        (x) =>
          x.name === c.name &&
          x.ports.some((q) => q.containerPort === port && q.protocol === protocol),
      ),
  );
  if (down)
    return `container ${down.name} declares ${port}/${protocol} but is not running: ${down.reason}`;
  const others = p.listeners.map((x) => `${x.port}/${x.protocol} (${x.container})`);
  return `nothing in ${pod.key} listens on ${port}/${protocol}${others.length > 0 ? `; it listens on ${others.join(', ')}` : ''}: connection refused`;
}

/** How the application on `listener` answers an HTTP(S) request (see AppResponse.status 0). */
export function respond(
  pod: SimPod,
  listener: Listener,
  request: HttpRequest,
  depth = 0,
): AppResponse {
  const { fs } = runtime(pod);
  const c = listener.container;
  const origin = (path: string): string | undefined => {
    const { volume, writer } = fs.origin(c, path);
    if (volume)
      return `${path} is in ${volume.type} volume ${volume.name}${writer ? `, written by container ${writer}` : ''}`;
    const others = pod.containers.filter(
      (o) =>
        o.name !== c &&
        fs.origin(o.name, path).writer === o.name &&
        fs.volumeAt(o.name, path) === null,
    );
    if (others.length === 0) return undefined;
    const names = others.map((o) => o.name).join(', ');
    return `${names} wrote ${path} into its own filesystem, which ${c} cannot see (no shared volume): ${c} serves its own copy`;
  };
  return httpResponse(listener, request, {
    podName: pod.name,
    podIp: pod.ip,
    files: {
      readFile: (p) => fs.readFile(c, p),
      isDir: (p) => fs.isDir(c, p),
      list: (p) => fs.list(c, p),
      opaqueSource: (p) => {
        const v = fs.isOpaque(c, p) ? fs.volumeAt(c, p) : null;
        return v ? `${v.type} volume ${v.name}${v.ref ? ` (${v.ref})` : ''}` : null;
      },
      originNote: origin,
    },
    follow: (host, port) => {
      if (depth > 3 || !['localhost', '127.0.0.1', pod.ip ?? ''].includes(host)) return null;
      const next = resolveLocalhost(pod, port);
      return next
        ? respond(
            pod,
            next,
            { ...request, port, host: `${host}:${port}`, clientIp: '127.0.0.1' },
            depth + 1,
          )
        : null;
    },
  });
}

export interface ListenerDescription {
  /** One line for the inspector: `redis-server on 6379/TCP (redis in cache)`. */
  readonly summary: string;
  /** A typical exchange, for protocols that are not HTTP. */
  readonly exchange?: { readonly send: string; readonly reply: string };
}

/** Words for any listener, with a sample exchange for non-HTTP protocols (redis: PING → +PONG). */
export function describeListener(listener: Listener): ListenerDescription {
  const bind = listener.bindAddress === '127.0.0.1' ? ' on 127.0.0.1 only' : '';
  const summary = `${listener.process} on ${listener.port}/${listener.protocol}${bind} (${listener.app} in container ${listener.container})${listener.isAssumed ? ', assumed from the declared containerPort' : ''}`;
  const r = listener.responder;
  switch (listener.app) {
    case 'redis':
      return { summary, exchange: { send: 'PING', reply: '+PONG' } };
    case 'postgres':
      return {
        summary,
        exchange: {
          send: 'StartupMessage (user, database)',
          reply: 'AuthenticationRequest (password) or ErrorResponse',
        },
      };
    case 'mysql':
      return {
        summary,
        exchange: {
          send: '(connect)',
          reply: 'Initial handshake packet (protocol 10, server version)',
        },
      };
    case 'memcached':
      return { summary, exchange: { send: 'version', reply: 'VERSION 1.6' } };
    case 'mongodb':
      return { summary, exchange: { send: 'hello', reply: '{ isWritablePrimary: true, ok: 1 }' } };
    case 'dns':
      return { summary, exchange: { send: 'A query', reply: 'A record, or NXDOMAIN' } };
    case 'udp':
    case 'tcp':
      if (r.kind === 'raw')
        return {
          summary,
          exchange: { send: '(any data)', reply: r.echoesRequest ? '(the same data)' : r.payload },
        };
      if (r.kind === 'netexec')
        return { summary, exchange: { send: 'hostname', reply: '(the pod name)' } };
      if (r.kind === 'text') return { summary, exchange: { send: '(any data)', reply: r.text } };
      return { summary };
    case 'http':
    case 'https':
      return { summary };
  }
}
