/**
 * The commands of the shell model that steer the script (exit, sleep, wait, exec, source, a
 * nested `sh -c`) or leave it (programs, through the container's program table). File and text
 * commands are builtins (shellBuiltins.ts).
 */
import { normalizePath } from './filesystem';
import { basename } from './programKit';
import { BUILTINS } from './shellBuiltins';
import type { BuiltinIo } from './shellBuiltins';
import { parseShell } from './shellParse';
import type { CommandSession, Io } from './shellTypes';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const PACKAGE_TOOLS = new Set(['apt-get', 'apt', 'apk', 'yum', 'dnf', 'pip', 'pip3', 'npm']);

function seconds(text: string): number {
  if (text === 'infinity' || text === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(text);
  if (!m) return 0;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] ?? ''] ?? 1;
  return Number(m[1]) * unit;
}

export function runCommand(
  sh: CommandSession,
  argv: readonly string[],
  io: Io,
  env: Readonly<Record<string, string>>,
): number {
  const name = argv[0] ?? '';
  const args = argv.slice(1);
  const base = basename(name);
  switch (base) {
    case 'exit':
      sh.halt = 'exit';
      return Number(args[0] ?? sh.lastStatus) || 0;
    case 'sleep':
      return sleep(sh, args[0] ?? '0');
    case 'wait':
      if (sh.shared.backgroundJobs > 0) sh.halt = 'blocked';
      return 0;
    case 'exec': {
      if (args.length === 0) return 0;
      const status = runCommand(sh, args, io, env);
      sh.halt ??= 'exit';
      return status;
    }
    case 'source':
    case '.':
      return script(
        sh,
        sh.fs.readFile(sh.container, normalizePath(args[0] ?? '', sh.cwd)),
        io,
        args[0] ?? '',
      );
    default:
      break;
  }
  if (SHELLS.has(base)) return nestedShell(sh, argv, io);
  if (PACKAGE_TOOLS.has(base)) {
    sh.note(`${base} (installing packages) is not simulated: the container gets nothing new`);
    return 0;
  }
  if (base === 'tail' && args.some((a) => /^-[a-zA-Z]*[fF]/.test(a))) return block(sh);
  const builtin = BUILTINS[base];
  if (builtin) {
    const bio: BuiltinIo = {
      stdin: io.stdin,
      out: (s) => {
        io.out(s);
      },
      err: (s) => {
        sh.err(s);
      },
    };
    return builtin(args, bio, sh);
  }
  return program(sh, argv, io, env);
}

function sleep(sh: CommandSession, text: string): number {
  const s = seconds(text);
  if (s === Infinity) return block(sh);
  sh.elapsed += s;
  return 0;
}

function block(sh: CommandSession): number {
  sh.halt = 'blocked';
  return 0;
}

function nestedShell(sh: CommandSession, argv: readonly string[], io: Io): number {
  if (!sh.shared.host.hasProgram(basename(argv[0] ?? 'sh'))) return notFound(sh, argv[0] ?? '');
  const c = argv.findIndex((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));
  if (c > 0) return script(sh, argv[c + 1] ?? '', io, 'sh -c');
  const file = argv.slice(1).find((a) => !a.startsWith('-'));
  if (file === undefined) return 0;
  return script(sh, sh.fs.readFile(sh.container, normalizePath(file, sh.cwd)), io, file);
}

function script(sh: CommandSession, text: string | null, io: Io, what: string): number {
  if (text === null) {
    sh.note(
      `${what}: the script file is not in the model (configMap data and image files are not read)`,
    );
    return 0;
  }
  const parsed = parseShell(text);
  if (!parsed.ok) {
    sh.err(`${sh.shellName}: ${parsed.message}\n`);
    sh.note(`${sh.shellName}: ${parsed.message}`);
    return 2;
  }
  return sh.exec(parsed.node, io);
}

function notFound(sh: CommandSession, name: string): number {
  sh.err(`${sh.shellName}: ${name}: not found\n`);
  sh.note(`${sh.container}: ${name} is not in the image ("${sh.shellName}: ${name}: not found")`);
  return 127;
}

function program(
  sh: CommandSession,
  argv: readonly string[],
  io: Io,
  extra: Readonly<Record<string, string>>,
): number {
  const env: Record<string, string> = { ...extra };
  for (const k of sh.exported) {
    const v = sh.vars.get(k);
    if (v !== undefined && !(k in env)) env[k] = v;
  }
  const outcome = sh.shared.host.runProgram(argv, io.stdin, sh.cwd, env);
  const command = argv.join(' ');
  if (outcome === null) {
    sh.note(`${sh.container}: \`${command}\` is not modelled and was skipped`);
    return 0;
  }
  switch (outcome.kind) {
    case 'not-found':
      return notFound(sh, argv[0] ?? '');
    case 'exit':
      io.out(outcome.stdout);
      if (outcome.stderr) sh.err(`${outcome.stderr}\n`);
      for (const n of outcome.notes) sh.note(n);
      return outcome.code;
    case 'block':
      for (const n of outcome.notes) sh.note(n);
      if (sh.isBackground) sh.shared.backgroundJobs++;
      return sh.isBackground ? 0 : block(sh);
    case 'serve': {
      for (const n of outcome.notes) sh.note(n);
      const isForeground = !sh.isBackground && !outcome.isDaemon;
      sh.shared.processes.push({ command, listeners: outcome.listeners, isForeground });
      if (isForeground) sh.halt = 'serving';
      else sh.shared.backgroundJobs++;
      return 0;
    }
  }
}
