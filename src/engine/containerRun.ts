/**
 * One container, started as kubelet starts it: the process line from `command`/`args` and the
 * image's ENTRYPOINT/CMD, `$(VAR)` expanded from the container's env, then run through the
 * program table or the shell model. The result says whether the container keeps running, what
 * it binds, what it printed, and why.
 * https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/
 */
import type { PodFilesystem } from './filesystem';
import { normalizePath } from './filesystem';
import { findImageProfile } from './images';
import type { AppKind, ImageProfile, ListenerSpec } from './images';
import { basename } from './programKit';
import type { ProgramOutcome } from './programKit';
import { runProgram } from './programs';
import { runShell } from './shell';
import type { ShellHost, ShellRun } from './shellTypes';
import type { SimContainer, SimContainerPort, SimPod } from './types';

/**
 * `running`; `completed` (an init container that finished); `crash-loop` (the process exits or
 * fails, and kubelet keeps restarting it); `start-error` (the executable is not in the image);
 * `waiting` (not started: the pod is Pending or an init container has not completed).
 */
export type ContainerState = 'running' | 'completed' | 'crash-loop' | 'start-error' | 'waiting';

export interface ContainerProcess {
  readonly command: string;
  readonly listeners: readonly ListenerSpec[];
  /** Its exit ends the container (the foreground process, not a `&` job). */
  readonly isMain: boolean;
}

export interface ContainerRun {
  readonly name: string;
  readonly image: string;
  readonly isInit: boolean;
  /** The process line kubelet starts, after `$(VAR)` expansion. */
  readonly argv: readonly string[];
  readonly state: ContainerState;
  /** In plain words: what runs, and why the container is in its state. */
  readonly reason: string;
  readonly exitCode: number | null;
  /** What `kubectl logs` shows (one pass of an endless loop). */
  readonly logs: string;
  readonly processes: readonly ContainerProcess[];
  readonly notes: readonly string[];
  readonly repeatEverySeconds: number | null;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const RESTART =
  'kubelet restarts it again and again (CrashLoopBackOff) under the default restartPolicy Always';

/** kubelet's `$(VAR)` expansion of command and args: defined vars only, `$$` escapes. */
export function expandKubeVars(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) =>
    m === '$$' ? '$' : name !== undefined && name in env ? (env[name] ?? '') : m,
  );
}

/** The process line, by Kubernetes' rules for command/args over ENTRYPOINT/CMD. */
export function processLine(container: SimContainer, profile: ImageProfile | null): string[] {
  const env = container.env;
  const command = container.command.map((c) => expandKubeVars(c, env));
  const args = container.args.map((a) => expandKubeVars(a, env));
  if (command.length > 0) return [...command, ...args];
  if (!profile) return args;
  if (args.length === 0) return [...profile.entrypoint, ...profile.cmd];
  if (profile.entrypoint.length > 0) return [...profile.entrypoint, ...args];
  if (profile.flagsProgram && args[0]?.startsWith('-')) return [profile.flagsProgram, ...args];
  return args;
}

function guessApp(p: SimContainerPort): AppKind {
  const name = p.name ?? '';
  if (p.protocol === 'UDP') return p.containerPort === 53 ? 'dns' : 'udp';
  if (/https|tls/.test(name) || p.containerPort === 443 || p.containerPort === 8443) return 'https';
  if (/http|web/.test(name) || [80, 3000, 5000, 8000, 8080, 8888, 9090].includes(p.containerPort))
    return 'http';
  return 'tcp';
}

/** An unknown image or program: assume it listens where the pod spec says it does. */
function assumed(container: SimContainer, process: string): ListenerSpec[] {
  return container.ports.map((p) => ({
    port: p.containerPort,
    protocol: p.protocol,
    app: guessApp(p),
    process,
    bindAddress: '0.0.0.0',
    responder: { kind: 'generic', image: container.image },
    bindError: `bind: address already in use (port ${p.containerPort})`,
    isAssumed: true,
  }));
}

interface Outcome {
  state: ContainerState;
  reason: string;
  exitCode: number | null;
  logs: string;
  processes: ContainerProcess[];
  notes: string[];
  repeatEverySeconds: number | null;
}

function exited(
  isInit: boolean,
  code: number,
  what: string,
): Pick<Outcome, 'state' | 'reason' | 'exitCode'> {
  if (isInit && code === 0)
    return { state: 'completed', reason: `${what} and completes`, exitCode: 0 };
  const how = code === 0 ? 'exits (code 0)' : `fails (exit code ${code})`;
  return { state: 'crash-loop', reason: `${what}, then ${how}: ${RESTART}`, exitCode: code };
}

function fromShell(run: ShellRun, isInit: boolean, argv0: string): Outcome {
  const processes = run.processes.map((p) => ({
    command: p.command,
    listeners: p.listeners,
    isMain: p.isForeground,
  }));
  const base = {
    logs: run.logs,
    notes: [...run.notes],
    repeatEverySeconds: run.repeatEverySeconds,
    processes,
  };
  const main = processes.find((p) => p.isMain)?.command;
  switch (run.forever) {
    case 'serving':
      return {
        ...base,
        state: 'running',
        reason: `its script runs ${main ?? 'a server'} in the foreground`,
        exitCode: null,
      };
    case 'blocked':
      return { ...base, state: 'running', reason: 'its script waits forever', exitCode: null };
    case 'loop': {
      const every = run.repeatEverySeconds ? ` every ${run.repeatEverySeconds} s` : '';
      return {
        ...base,
        state: 'running',
        reason: `its script loops forever${every}`,
        exitCode: null,
      };
    }
    case null:
      break;
  }
  if (run.elapsedSeconds > 0 && !isInit) {
    return {
      ...base,
      state: 'running',
      reason: `its script sleeps for ${run.elapsedSeconds} s in total, then ends: the container then exits and ${RESTART}`,
      exitCode: null,
    };
  }
  const notes = [...base.notes];
  if (run.backgroundJobs > 0)
    notes.push(
      `the script ends while jobs it started with & still run: they die with ${argv0}, the container's main process`,
    );
  return {
    ...base,
    notes,
    processes: [],
    ...exited(isInit, run.status, `its script runs to the end`),
  };
}

function fromProgram(
  outcome: ProgramOutcome | null,
  container: SimContainer,
  argv: readonly string[],
): Outcome {
  const command = argv.join(' ');
  const empty = { logs: '', processes: [], notes: [], repeatEverySeconds: null };
  if (outcome === null) {
    const listeners = assumed(container, basename(argv[0] ?? container.image));
    const ports = listeners.map((l) => `${l.port}/${l.protocol}`).join(', ');
    return {
      ...empty,
      processes: [{ command, listeners, isMain: true }],
      notes: [
        `\`${command}\` is not modelled: assuming it runs and listens on its declared containerPorts (${ports || 'none'})`,
      ],
      state: 'running',
      reason: `runs ${command}`,
      exitCode: null,
    };
  }
  switch (outcome.kind) {
    case 'not-found':
      return {
        ...empty,
        state: 'start-error',
        exitCode: 128,
        reason: `exec: "${argv[0] ?? ''}": executable file not found in $PATH (StartError): ${RESTART}`,
      };
    case 'exit':
      return {
        ...empty,
        logs: outcome.stdout + (outcome.stderr ? `${outcome.stderr}\n` : ''),
        notes: [...outcome.notes],
        ...exited(container.isInit, outcome.code, `${command} runs`),
      };
    case 'block':
      return {
        ...empty,
        notes: [...outcome.notes],
        state: 'running',
        reason: `${command} runs and listens on nothing`,
        exitCode: null,
      };
    case 'serve':
      if (outcome.isDaemon)
        return {
          ...empty,
          notes: [...outcome.notes],
          ...exited(container.isInit, 0, `${command} forks a daemon and its main process returns`),
        };
      return {
        ...empty,
        notes: [...outcome.notes],
        processes: [{ command, listeners: outcome.listeners, isMain: true }],
        state: 'running',
        reason: `runs ${command}`,
        exitCode: null,
      };
  }
}

/** Start one container against the pod's filesystems (which it may write). */
export function runContainer(
  pod: SimPod,
  container: SimContainer,
  fs: PodFilesystem,
): ContainerRun {
  const profile = findImageProfile(container.image);
  const argv = processLine(container, profile);
  const env: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: '/root',
    ...container.env,
    HOSTNAME: pod.name,
  };
  const cwd = profile?.workingDir ?? '/';
  const hasProgram = (name: string) =>
    profile === null ||
    (!profile.missing.includes(name) && (profile.hasShell || !SHELLS.has(name)));
  const host: ShellHost = {
    container: container.name,
    fs,
    podName: pod.name,
    podIp: pod.ip,
    env,
    hasProgram,
    runProgram: (line, stdin, dir, extra) =>
      runProgram(line, {
        profile,
        image: container.image,
        env: { ...env, ...extra },
        stdin,
        cwd: dir,
        podName: pod.name,
        runScript: (s) => runShell(s, host, 'sh', dir).logs,
      }),
  };
  const result = start(container, argv, host, cwd);
  const notes = result.notes.map((n) =>
    n.startsWith(`${container.name} `) || n.startsWith(`${container.name}:`)
      ? n
      : `${container.name}: ${n}`,
  );
  return {
    name: container.name,
    image: container.image,
    isInit: container.isInit,
    argv,
    ...result,
    notes,
  };
}

function start(
  container: SimContainer,
  argv: readonly string[],
  host: ShellHost,
  cwd: string,
): Outcome {
  if (argv.length === 0) {
    const listeners = assumed(container, container.image);
    const ports = listeners.map((l) => `${l.port}/${l.protocol}`).join(', ');
    return {
      state: 'running',
      reason: `runs the default process of ${container.image}`,
      exitCode: null,
      logs: '',
      repeatEverySeconds: null,
      processes: [{ command: container.image, listeners, isMain: true }],
      notes: [
        listeners.length > 0
          ? `unknown image ${container.image}: assuming it listens on its declared containerPorts (${ports})`
          : `unknown image ${container.image}: it declares no containerPorts, so nothing is assumed to listen`,
      ],
    };
  }
  const line = argv[0] === 'busybox' && SHELLS.has(argv[1] ?? '') ? argv.slice(1) : argv;
  const shell = basename(line[0] ?? '');
  if (!SHELLS.has(shell)) return fromProgram(host.runProgram(argv, '', cwd, {}), container, argv);
  if (!host.hasProgram(shell)) return fromProgram({ kind: 'not-found' }, container, line);
  const c = line.findIndex((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));
  const shellName = shell === 'bash' ? 'bash' : 'sh';
  if (c > 0)
    return fromShell(runShell(line[c + 1] ?? '', host, shellName, cwd), container.isInit, shell);
  const file = line.slice(1).find((a) => !a.startsWith('-'));
  if (file !== undefined) {
    // `sh /scripts/run.sh`: runnable when an earlier container wrote it into a shared volume.
    const text = host.fs.readFile(container.name, normalizePath(file, cwd));
    if (text === null) return fromProgram(null, container, line);
    return fromShell(runShell(text, host, shellName, cwd), container.isInit, shell);
  }
  return {
    logs: '',
    processes: [],
    notes: [
      `${shell} with no script reads its stdin, which is empty (no stdin/tty in the pod spec), so it ends at once`,
    ],
    repeatEverySeconds: null,
    ...exited(container.isInit, 0, `${shell} starts with nothing to run`),
  };
}
