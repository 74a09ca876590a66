/**
 * A small model of `sh -c` scripts in `command`/`args`: enough to know which files a container
 * writes, what it prints, and which servers it starts. Loops that never end (`while true`) run
 * their body once and remember the period, so a file that a sidecar appends to every 10 s is
 * shown as after one pass. Nothing here reads a clock: `date` prints a fixed placeholder.
 */
import { normalizePath } from './filesystem';
import { runCommand } from './shellCommands';
import { expandHeredoc, expandJoined, expandWord } from './shellExpand';
import type { ExpandScope } from './shellExpand';
import { parseShell } from './shellParse';
import type { Redirect, ShellNode } from './shellParse';
import type { CommandSession, Forever, Io, ShellHost, ShellRun, Shared } from './shellTypes';

interface LoopTracker {
  readonly writes: Map<string, boolean>;
  prints: boolean;
}

const STDOUT_DEVICES = new Set([
  '/dev/stdout',
  '/dev/stderr',
  '/proc/1/fd/1',
  '/proc/1/fd/2',
  '/proc/self/fd/1',
]);
const MAX_PASSES = 100;

function isConstantTrue(node: ShellNode): boolean {
  const inner = node.type === 'list' && node.items.length === 1 ? node.items[0]?.node : node;
  if (inner?.type !== 'simple') return false;
  const w = inner.words;
  return (
    (w.length === 1 && (w[0] === 'true' || w[0] === ':')) ||
    (w[0] === 'sleep' && w.length === 2) ||
    ((w[0] === '[' || w[0] === 'test') && (w[1] === '1' || w[1] === 'true'))
  );
}

class Session implements CommandSession, ExpandScope {
  cwd: string;
  lastStatus = 0;
  halt: Forever | 'exit' | null = null;
  elapsed = 0;
  repeatEvery: number | null = null;
  private loop: LoopTracker | null = null;

  constructor(
    readonly shared: Shared,
    readonly vars: Map<string, string>,
    readonly exported: Set<string>,
    cwd: string,
    readonly isBackground: boolean,
  ) {
    this.cwd = cwd;
  }

  get container() {
    return this.shared.host.container;
  }
  get fs() {
    return this.shared.host.fs;
  }
  get podName() {
    return this.shared.host.podName;
  }
  get podIp() {
    return this.shared.host.podIp;
  }
  get shellName() {
    return this.shared.shellName;
  }
  note(text: string): void {
    if (!this.shared.notes.includes(text)) this.shared.notes.push(text);
  }
  getVar(name: string) {
    return this.vars.get(name);
  }
  setVar(name: string, value: string) {
    this.vars.set(name, value);
  }
  substitute(script: string): string {
    const child = this.child(false);
    const out: string[] = [];
    const parsed = parseShell(script);
    if (parsed.ok) child.exec(parsed.node, { stdin: '', out: (s) => out.push(s) });
    return out.join('').replace(/\n+$/, '');
  }

  child(isBackground: boolean): Session {
    return new Session(
      this.shared,
      new Map(this.vars),
      new Set(this.exported),
      this.cwd,
      isBackground,
    );
  }

  err(text: string): void {
    this.shared.logs.push(text);
  }

  exec(node: ShellNode, io: Io): number {
    const status = this.run(node, io);
    this.lastStatus = status;
    return status;
  }

  private run(node: ShellNode, io: Io): number {
    switch (node.type) {
      case 'list': {
        let status = 0;
        for (const item of node.items) {
          if (this.halt) break;
          if (item.background) this.background(item.node);
          else status = this.exec(item.node, io);
        }
        return status;
      }
      case 'andOr': {
        let status = this.exec(node.first, io);
        for (const { op, node: next } of node.rest) {
          if (this.halt) break;
          if ((op === '&&') === (status === 0)) status = this.exec(next, io);
        }
        return status;
      }
      case 'pipeline': {
        let input = io.stdin;
        let status = 0;
        node.commands.forEach((cmd, i) => {
          if (this.halt) return;
          const last = i === node.commands.length - 1;
          const buf: string[] = [];
          status = this.exec(cmd, {
            stdin: input,
            out: last
              ? (s) => {
                  io.out(s);
                }
              : (s) => {
                  buf.push(s);
                },
          });
          input = buf.join('');
        });
        return node.negate ? (status === 0 ? 1 : 0) : status;
      }
      case 'while':
        return this.whileLoop(node.until, node.cond, node.body, io);
      case 'for': {
        const words = (node.words ?? []).flatMap((w) => expandWord(w, this)).slice(0, 1000);
        let status = 0;
        for (const w of words) {
          if (this.halt) break;
          this.vars.set(node.name, w);
          status = this.exec(node.body, io);
        }
        return status;
      }
      case 'if': {
        for (const clause of node.clauses) {
          const cond = this.exec(clause.cond, io);
          if (this.halt) return cond;
          if (cond === 0) return this.exec(clause.body, io);
        }
        return node.elseBody ? this.exec(node.elseBody, io) : 0;
      }
      case 'group':
        return this.withRedirects(node.redirects, io, (inner) => {
          if (!node.subshell) return this.exec(node.body, inner);
          const sub = this.child(this.isBackground);
          const status = sub.exec(node.body, inner);
          this.adopt(sub);
          return status;
        });
      case 'simple':
        return this.simple(node.assigns, node.words, node.redirects, io);
    }
  }

  /** A foreground child's fate is the parent's: its endless loop is the script's. */
  private adopt(sub: Session): void {
    this.elapsed += sub.elapsed;
    if (sub.halt && sub.halt !== 'exit') this.halt = sub.halt;
    if (sub.repeatEvery !== null) this.repeatEvery = sub.repeatEvery;
  }

  private background(node: ShellNode): void {
    const job = this.child(true);
    job.exec(node, { stdin: '', out: (s) => this.shared.logs.push(s) });
    if (job.halt && job.halt !== 'exit') this.shared.backgroundJobs++;
  }

  private whileLoop(until: boolean, cond: ShellNode, body: ShellNode, io: Io): number {
    const endless = !until && isConstantTrue(cond);
    for (let pass = 0; ; pass++) {
      const before = this.elapsed;
      let status = this.exec(cond, io);
      if (this.halt) return status;
      if (until ? status === 0 : status !== 0) return 0;
      const outer = this.loop;
      const tracker: LoopTracker = outer ?? { writes: new Map(), prints: false };
      this.loop = tracker;
      status = this.exec(body, {
        stdin: io.stdin,
        out: (s) => {
          tracker.prints = true;
          io.out(s);
        },
      });
      this.loop = outer;
      if (this.halt) return status;
      if (endless || pass + 1 >= MAX_PASSES) {
        const period = this.elapsed - before;
        this.halt = 'loop';
        this.repeatEvery = period;
        if (!endless) this.note(`a loop still runs after ${MAX_PASSES} passes: treated as endless`);
        if (!outer) this.describeLoop(tracker, period);
        return status;
      }
    }
  }

  private describeLoop(tracker: LoopTracker, period: number): void {
    const every = period > 0 ? `every ${period} s` : 'continuously (the loop has no sleep)';
    for (const [path, isAppend] of tracker.writes) {
      this.note(
        isAppend
          ? `${this.container} appends to ${path} ${every} (shown after one pass of the loop)`
          : `${this.container} rewrites ${path} ${every}`,
      );
    }
    if (tracker.prints)
      this.note(`${this.container} prints to its log ${every} (the log shows one pass)`);
  }

  private simple(
    assigns: readonly (readonly [string, string])[],
    words: readonly string[],
    redirects: readonly Redirect[],
    io: Io,
  ): number {
    const argv = words.flatMap((w) => expandWord(w, this));
    const values = assigns.map(([n, w]) => [n, expandJoined(w, this)] as const);
    if (argv.length === 0) {
      for (const [n, v] of values) this.vars.set(n, v);
      return this.withRedirects(redirects, io, () => 0);
    }
    const env = Object.fromEntries(values);
    return this.withRedirects(redirects, io, (inner) => this.command(argv, inner, env));
  }

  private withRedirects(redirects: readonly Redirect[], io: Io, run: (io: Io) => number): number {
    let stdin = io.stdin;
    let target: { path: string; append: boolean } | null = null;
    let toLog = false;
    for (const r of redirects) {
      const path = r.op === 'heredoc' ? '' : expandJoined(r.target, this);
      if (r.op === 'heredoc') stdin = r.expands ? expandHeredoc(r.target, this) : r.target;
      else if (r.op === 'dup') toLog ||= r.fd === 1 && path === '2';
      else if (r.op === '<') {
        const content = this.fs.readFile(this.container, normalizePath(path, this.cwd));
        if (content === null) {
          this.err(`${this.shellName}: can't open ${path}: no such file\n`);
          return 1;
        }
        stdin = content;
      } else if (r.fd === 1) target = { path, append: r.op === '>>' };
    }
    if (!target) {
      return run({
        stdin,
        out: (s) => {
          if (toLog) this.err(s);
          else io.out(s);
        },
      });
    }
    const path = normalizePath(target.path, this.cwd);
    if (path === '/dev/null') return run({ stdin, out: () => undefined });
    if (STDOUT_DEVICES.has(path)) {
      return run({
        stdin,
        out: (s) => {
          this.err(s);
        },
      });
    }
    const opened = this.fs.write(this.container, path, '', target.append);
    if (opened) {
      this.err(`${this.shellName}: can't create ${target.path}: ${opened}\n`);
      this.note(`${this.container} cannot write ${path}: ${opened}`);
      return 1;
    }
    if (this.loop && !this.loop.writes.has(path)) this.loop.writes.set(path, target.append);
    const buf: string[] = [];
    const status = run({ stdin, out: (s) => buf.push(s) });
    this.fs.write(this.container, path, buf.join(''), true);
    return status;
  }

  private command(argv: readonly string[], io: Io, env: Readonly<Record<string, string>>): number {
    return runCommand(this, argv, io, env);
  }
}

/** Run a script as `sh -c` would, from the container's working directory. */
export function runShell(script: string, host: ShellHost, shellName: string, cwd = '/'): ShellRun {
  const shared: Shared = { host, shellName, logs: [], notes: [], processes: [], backgroundJobs: 0 };
  const vars = new Map(Object.entries(host.env));
  const session = new Session(shared, vars, new Set(vars.keys()), cwd, false);
  const parsed = parseShell(script);
  let status = 0;
  if (!parsed.ok) {
    shared.logs.push(`${shellName}: ${parsed.message}\n`);
    shared.notes.push(`${shellName}: ${parsed.message}: the script does not run`);
    status = 2;
  } else {
    status = session.exec(parsed.node, { stdin: '', out: (s) => shared.logs.push(s) });
  }
  const forever = session.halt === 'exit' ? null : session.halt;
  return {
    status,
    forever,
    elapsedSeconds: session.elapsed,
    repeatEverySeconds: session.repeatEvery,
    logs: shared.logs.join(''),
    notes: shared.notes,
    processes: shared.processes,
    backgroundJobs: shared.backgroundJobs,
  };
}
