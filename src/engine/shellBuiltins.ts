/**
 * The commands startup scripts use that only touch files, variables and output: echo, printf,
 * cat, mkdir, test, date, hostname, … (busybox and coreutils behave alike for these uses).
 * Control-flow commands (sleep, exit, wait, exec, sh -c) live in shell.ts.
 */
import type { PodFilesystem } from './filesystem';
import { normalizePath } from './filesystem';

/**
 * `date` output: fixed, since the engine has no clock (the same scenario must give the same
 * answer). 2026-01-01 is a Thursday.
 */
export const PLACEHOLDER_DATE = 'Thu Jan  1 00:00:00 UTC 2026';
const PLACEHOLDER_EPOCH = '1767225600';

export interface BuiltinIo {
  readonly stdin: string;
  out(text: string): void;
  err(text: string): void;
}

export interface ShellState {
  readonly container: string;
  readonly fs: PodFilesystem;
  readonly vars: Map<string, string>;
  readonly exported: Set<string>;
  readonly podName: string;
  readonly podIp: string | null;
  readonly shellName: string;
  cwd: string;
  note(text: string): void;
}

export type Builtin = (args: readonly string[], io: BuiltinIo, sh: ShellState) => number;

function unescape(s: string): { text: string; stop: boolean } {
  let text = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      text += c ?? '';
      continue;
    }
    const n = s[++i];
    if (n === 'c') return { text, stop: true };
    const map: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      '\\': '\\',
      a: '\x07',
      e: '\x1b',
      '0': '',
    };
    text += n !== undefined && n in map ? (map[n] ?? '') : `\\${n ?? ''}`;
  }
  return { text, stop: false };
}

function echo(args: readonly string[], io: BuiltinIo): number {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i] ?? ''); i++) {
    const a = args[i] ?? '';
    if (a.includes('n')) newline = false;
    if (a.includes('e')) escapes = true;
    if (a.includes('E')) escapes = false;
  }
  const text = args.slice(i).join(' ');
  const u = escapes ? unescape(text) : { text, stop: false };
  io.out(u.text + (newline && !u.stop ? '\n' : ''));
  return 0;
}

function printf(args: readonly string[], io: BuiltinIo): number {
  const format = args[0] ?? '';
  const values = args.slice(1);
  let v = 0;
  do {
    const text = format.replace(/%(-?\d*)([sdibx%])/g, (_m, _w: string, conv: string) => {
      if (conv === '%') return '%';
      const value = values[v++] ?? '';
      if (conv === 'd' || conv === 'i') return String(Math.trunc(Number(value) || 0));
      if (conv === 'x') return Math.trunc(Number(value) || 0).toString(16);
      if (conv === 'b') return unescape(value).text;
      return value;
    });
    io.out(unescape(text).text);
  } while (v < values.length && v > 0);
  return 0;
}

function fileArgs(args: readonly string[]): string[] {
  return args.filter((a) => !a.startsWith('-') || a === '-');
}

function cat(args: readonly string[], io: BuiltinIo, sh: ShellState): number {
  const files = fileArgs(args);
  if (files.length === 0) {
    io.out(io.stdin);
    return 0;
  }
  let status = 0;
  for (const f of files) {
    if (f === '-') {
      io.out(io.stdin);
      continue;
    }
    const path = normalizePath(f, sh.cwd);
    const content = sh.fs.readFile(sh.container, path);
    if (content !== null) io.out(content);
    else if (sh.fs.isOpaque(sh.container, path)) {
      sh.note(
        `cat ${path}: the file comes from a ${sh.fs.volumeAt(sh.container, path)?.type ?? ''} volume whose data is not modelled`,
      );
    } else {
      io.err(`cat: can't open '${f}': No such file or directory\n`);
      status = 1;
    }
  }
  return status;
}

function fsResult(
  sh: ShellState,
  io: BuiltinIo,
  cmd: string,
  path: string,
  error: string | null,
): number {
  if (error === null) return 0;
  io.err(`${cmd}: can't create '${path}': ${error}\n`);
  sh.note(`${cmd} ${path} failed: ${error}`);
  return 1;
}

function test(args: readonly string[], sh: ShellState): boolean {
  if (args.length === 0) return false;
  const orAt = args.indexOf('-o');
  if (orAt > 0) return test(args.slice(0, orAt), sh) || test(args.slice(orAt + 1), sh);
  const andAt = args.indexOf('-a');
  if (andAt > 0) return test(args.slice(0, andAt), sh) && test(args.slice(andAt + 1), sh);
  if (args[0] === '!') return !test(args.slice(1), sh);
  const [a = '', op = '', b = ''] = args;
  if (args.length === 1) return a !== '';
  if (args.length === 2) {
    const path = normalizePath(op, sh.cwd);
    switch (a) {
      case '-n':
        return op !== '';
      case '-z':
        return op === '';
      case '-d':
        return sh.fs.isDir(sh.container, path);
      case '-f':
      case '-s':
        return (
          sh.fs.readFile(sh.container, path) !== null &&
          (a === '-f' || (sh.fs.readFile(sh.container, path) ?? '') !== '')
        );
      case '-e':
      case '-r':
      case '-w':
      case '-x':
        return sh.fs.readFile(sh.container, path) !== null || sh.fs.isDir(sh.container, path);
      default:
        return false;
    }
  }
  const x = Number(a);
  const y = Number(b);
  const cmp: Record<string, boolean> = {
    '=': a === b,
    '==': a === b,
    '!=': a !== b,
    '-eq': x === y,
    '-ne': x !== y,
    '-lt': x < y,
    '-le': x <= y,
    '-gt': x > y,
    '-ge': x >= y,
  };
  return cmp[op] ?? false;
}

function lines(text: string): string[] {
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

function headTail(isHead: boolean): Builtin {
  return (args, io, sh) => {
    const nFlag = args.findIndex((a) => a === '-n');
    const n =
      nFlag >= 0 ? Number(args[nFlag + 1]) : Number(/^-(\d+)$/.exec(args[0] ?? '')?.[1] ?? 10);
    const files = args.filter((a, i) => !a.startsWith('-') && i !== nFlag + 1);
    const text = files[0]
      ? (sh.fs.readFile(sh.container, normalizePath(files[0], sh.cwd)) ?? '')
      : io.stdin;
    const all = lines(text);
    const picked = isHead ? all.slice(0, n) : all.slice(Math.max(0, all.length - n));
    io.out(picked.map((l) => `${l}\n`).join(''));
    return 0;
  };
}

const ok: Builtin = () => 0;

export const BUILTINS: Readonly<Record<string, Builtin>> = {
  echo: (args, io) => echo(args, io),
  printf: (args, io) => printf(args, io),
  cat,
  true: ok,
  ':': ok,
  false: () => 1,
  set: ok,
  trap: ok,
  ulimit: ok,
  umask: ok,
  shopt: ok,
  kill: ok,
  chmod: ok,
  chown: ok,
  ln: ok,
  sync: ok,
  pwd: (_a, io, sh) => (io.out(`${sh.cwd}\n`), 0),
  hostname: (args, io, sh) => (
    io.out(`${args.includes('-i') ? (sh.podIp ?? '') : sh.podName}\n`),
    0
  ),
  whoami: (_a, io) => (io.out('root\n'), 0),
  id: (_a, io) => (io.out('uid=0(root) gid=0(root) groups=0(root)\n'), 0),
  date: (args, io) => (
    io.out(`${args.some((a) => a === '+%s') ? PLACEHOLDER_EPOCH : PLACEHOLDER_DATE}\n`),
    0
  ),
  cd: (args, _io, sh) => {
    const target = normalizePath(args[0] ?? sh.vars.get('HOME') ?? '/', sh.cwd);
    sh.cwd = target;
    sh.vars.set('PWD', target);
    return 0;
  },
  mkdir: (args, io, sh) => {
    const parents = args.some((a) => /^-[a-z]*p/.test(a));
    let status = 0;
    for (const d of fileArgs(args))
      status ||= fsResult(
        sh,
        io,
        'mkdir',
        d,
        sh.fs.makeDir(sh.container, normalizePath(d, sh.cwd), parents),
      );
    return status;
  },
  touch: (args, io, sh) => {
    let status = 0;
    for (const f of fileArgs(args))
      status ||= fsResult(
        sh,
        io,
        'touch',
        f,
        sh.fs.write(sh.container, normalizePath(f, sh.cwd), '', true),
      );
    return status;
  },
  rm: (args, io, sh) => {
    for (const f of fileArgs(args))
      fsResult(sh, io, 'rm', f, sh.fs.remove(sh.container, normalizePath(f, sh.cwd)));
    return 0;
  },
  cp: (args, io, sh) => copy(args, io, sh, false),
  mv: (args, io, sh) => copy(args, io, sh, true),
  ls: (args, io, sh) => {
    const dir = normalizePath(fileArgs(args)[0] ?? '.', sh.cwd);
    const entries = sh.fs.list(sh.container, dir);
    if (entries === null) {
      io.err(`ls: ${dir}: No such file or directory\n`);
      return 1;
    }
    io.out(entries.map((e) => `${e.name}\n`).join(''));
    return 0;
  },
  export: (args, _io, sh) => {
    for (const a of args) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (eq >= 0) sh.vars.set(name, a.slice(eq + 1));
      sh.exported.add(name);
    }
    return 0;
  },
  unset: (args, _io, sh) => {
    for (const a of args) sh.vars.delete(a);
    return 0;
  },
  env: (_a, io, sh) => {
    io.out(
      [...sh.vars]
        .filter(([k]) => sh.exported.has(k))
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
    return 0;
  },
  printenv: (args, io, sh) => {
    if (args[0] !== undefined) {
      const v = sh.vars.get(args[0]);
      if (v === undefined) return 1;
      io.out(`${v}\n`);
      return 0;
    }
    return BUILTINS.env?.(args, io, sh) ?? 0;
  },
  test: (args, _io, sh) => (test(args, sh) ? 0 : 1),
  '[': (args, _io, sh) =>
    test(args[args.length - 1] === ']' ? args.slice(0, -1) : args, sh) ? 0 : 1,
  seq: (args, io) => {
    const nums = args.map(Number);
    const [first, last] =
      nums.length === 1 ? [1, nums[0] ?? 0] : [nums[0] ?? 1, nums[nums.length - 1] ?? 0];
    const out: string[] = [];
    for (let i = first; i <= last && out.length < 1000; i++) out.push(`${i}\n`);
    io.out(out.join(''));
    return 0;
  },
  tee: (args, io, sh) => {
    const append = args.some((a) => /^-[a-z]*a/.test(a));
    let status = 0;
    for (const f of fileArgs(args))
      status ||= fsResult(
        sh,
        io,
        'tee',
        f,
        sh.fs.write(sh.container, normalizePath(f, sh.cwd), io.stdin, append),
      );
    io.out(io.stdin);
    return status;
  },
  head: headTail(true),
  tail: headTail(false),
  read: (args, io, sh) => {
    const first = lines(io.stdin)[0];
    if (first === undefined) return 1;
    const name = args.filter((a) => !a.startsWith('-'))[0];
    if (name) sh.vars.set(name, first);
    return 0;
  },
  wc: (args, io) => {
    const n = args.includes('-l') ? lines(io.stdin).length : io.stdin.length;
    io.out(`${n}\n`);
    return 0;
  },
};

function copy(args: readonly string[], io: BuiltinIo, sh: ShellState, isMove: boolean): number {
  const files = fileArgs(args);
  const dst = files.pop();
  if (dst === undefined) return 1;
  let status = 0;
  for (const src of files) {
    const from = normalizePath(src, sh.cwd);
    const content = sh.fs.readFile(sh.container, from);
    if (content === null) {
      io.err(`${isMove ? 'mv' : 'cp'}: can't stat '${src}': No such file or directory\n`);
      status = 1;
      continue;
    }
    const to = normalizePath(dst, sh.cwd);
    const target = sh.fs.isDir(sh.container, to)
      ? `${to}/${from.slice(from.lastIndexOf('/') + 1)}`
      : to;
    status ||= fsResult(
      sh,
      io,
      isMove ? 'mv' : 'cp',
      target,
      sh.fs.write(sh.container, target, content, false),
    );
    if (isMove) sh.fs.remove(sh.container, from);
  }
  return status;
}
