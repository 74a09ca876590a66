/** Types shared by the shell model's files (shell.ts, shellCommands.ts). */
import type { PodFilesystem } from './filesystem';
import type { ListenerSpec } from './images';
import type { ProgramOutcome } from './programKit';
import type { ShellState } from './shellBuiltins';
import type { ShellNode } from './shellParse';

export interface StartedProcess {
  /** The command line as the script wrote it. */
  readonly command: string;
  readonly listeners: readonly ListenerSpec[];
  /** The script waits on it, so it is what keeps the container alive (not `&`, not a daemon). */
  readonly isForeground: boolean;
}

export interface ShellHost {
  readonly container: string;
  readonly fs: PodFilesystem;
  readonly podName: string;
  readonly podIp: string | null;
  /** Environment as kubelet sets it (container env, HOSTNAME). */
  readonly env: Readonly<Record<string, string>>;
  /** False for programs the image lacks (bash in busybox). */
  hasProgram(name: string): boolean;
  runProgram(
    argv: readonly string[],
    stdin: string,
    cwd: string,
    env: Readonly<Record<string, string>>,
  ): ProgramOutcome | null;
}

/** Why a script never ends. */
export type Forever = 'serving' | 'blocked' | 'loop';

export interface ShellRun {
  readonly status: number;
  readonly forever: Forever | null;
  /** Seconds the script spends in finite `sleep`s before it ends or settles. */
  readonly elapsedSeconds: number;
  /** Period of the endless loop the script settles in, if any. */
  readonly repeatEverySeconds: number | null;
  /** What the script printed (kubectl logs), one pass of any endless loop. */
  readonly logs: string;
  readonly notes: readonly string[];
  readonly processes: readonly StartedProcess[];
  /** Servers or loops started with `&` that are still running. */
  readonly backgroundJobs: number;
}

export interface Io {
  readonly stdin: string;
  out(text: string): void;
}

export interface Shared {
  readonly host: ShellHost;
  readonly shellName: string;
  readonly logs: string[];
  readonly notes: string[];
  readonly processes: StartedProcess[];
  backgroundJobs: number;
}

/** What command handlers may touch of a running shell. */
export interface CommandSession extends ShellState {
  readonly shared: Shared;
  readonly isBackground: boolean;
  halt: Forever | 'exit' | null;
  elapsed: number;
  readonly lastStatus: number;
  exec(node: ShellNode, io: Io): number;
  err(text: string): void;
}
