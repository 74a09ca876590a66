/**
 * The vocabulary of programs.ts and programsK8s.ts: what a program is given, what it does, and
 * the helpers that read flags the way Go and GNU programs do.
 */
import type { AppKind, ImageProfile, ListenerSpec, Responder } from './images';
import type { Protocol } from './types';

export interface ProgramContext {
  readonly profile: ImageProfile | null;
  readonly image: string;
  readonly env: Readonly<Record<string, string>>;
  /** What a pipeline feeds the program (`echo … | nc -l -p 8080`). */
  readonly stdin: string;
  readonly cwd: string;
  readonly podName: string;
  /** Runs a shell snippet for its output (socat `SYSTEM:`, nc `-e`). */
  readonly runScript: (script: string) => string;
}

export type ProgramOutcome =
  | {
      readonly kind: 'serve';
      readonly listeners: readonly ListenerSpec[];
      /** Forks into the background and returns (nginx without `daemon off;`, busybox httpd without -f). */
      readonly isDaemon: boolean;
      readonly notes: readonly string[];
    }
  /** Runs forever without listening (sleep infinity, pause, tail -f). */
  | { readonly kind: 'block'; readonly notes: readonly string[] }
  | {
      readonly kind: 'exit';
      readonly code: number;
      readonly stdout: string;
      readonly stderr: string;
      readonly notes: readonly string[];
    }
  /** The image does not have it: `sh: nc: not found` in a script, a StartError as PID 1. */
  | { readonly kind: 'not-found' };

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A flag's value in Go (`-port=80`, `-port 80`) or GNU (`--port=80`, `--port 80`) style. */
export function flagValue(args: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    for (const n of names) {
      for (const dash of n.length === 1 ? ['-'] : ['-', '--']) {
        if (a === `${dash}${n}`) return args[i + 1];
        if (a.startsWith(`${dash}${n}=`)) return a.slice(dash.length + n.length + 1);
      }
    }
  }
  return undefined;
}

export function listen(
  port: number,
  protocol: Protocol,
  app: AppKind,
  process: string,
  responder: Responder,
  bindError: string,
  bindAddress = '0.0.0.0',
): ListenerSpec {
  return { port, protocol, app, process, bindAddress, responder, bindError, isAssumed: false };
}

export const goBindError = (port: number, proto = 'tcp') =>
  `listen ${proto} :${port}: bind: address already in use`;

export function serve(
  listeners: ListenerSpec[],
  notes: string[] = [],
  isDaemon = false,
): ProgramOutcome {
  return { kind: 'serve', listeners, isDaemon, notes };
}

export function exit(code: number, stderr = '', notes: string[] = [], stdout = ''): ProgramOutcome {
  return { kind: 'exit', code, stdout, stderr, notes };
}

/** `[host:]port` → port and bind address; NaN port when unparsable. */
export function hostPort(text: string, defaultPort: number): { port: number; bind: string } {
  const i = text.lastIndexOf(':');
  const host = i >= 0 ? text.slice(0, i) : '';
  const portText = i >= 0 ? text.slice(i + 1) : text;
  const port = portText === '' ? defaultPort : Number(portText);
  const bind =
    host === '' || host === '0.0.0.0' || host === '[::]'
      ? '0.0.0.0'
      : host === 'localhost'
        ? '127.0.0.1'
        : host;
  return { port, bind };
}
