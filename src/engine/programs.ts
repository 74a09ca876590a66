/**
 * What a program does when it runs in a container: the sockets it binds and how it answers,
 * or that it blocks forever, or exits. Used for a container's main process (its ENTRYPOINT/CMD
 * or `command`/`args`) and for programs a shell script starts, so `python3 -m http.server 8000`
 * means the same thing in both places.
 */
import { serverHeaderFor, parseImage } from './images';
import type { AppKind, Responder } from './images';
import { basename, exit, flagValue, goBindError, hostPort, listen, serve } from './programKit';
import type { ProgramContext, ProgramOutcome } from './programKit';
import { agnhost, coredns, httpEcho, ingressController, whoami } from './programsK8s';
import type { Protocol } from './types';

function nginx(args: readonly string[], ctx: ProgramContext): ProgramOutcome {
  if (args.includes('-v') || args.includes('-V') || args.includes('-t')) return exit(0);
  const cfg = ctx.profile?.nginx ?? { port: 80, root: '/usr/share/nginx/html' };
  const notes: string[] = [];
  if (flagValue(args, ['c']))
    notes.push(
      `nginx -c ${flagValue(args, ['c']) ?? ''}: the configuration file is not read; assuming the image's default server`,
    );
  const server = serverHeaderFor('nginx', parseImage(ctx.image).tag);
  const responder: Responder = {
    kind: 'static',
    server: 'nginx',
    root: cfg.root,
    serverHeader: server,
  };
  const httpPort = Number(ctx.env.HTTP_PORT ?? ctx.env.NGINX_HTTP_PORT_NUMBER ?? cfg.port);
  const err = (p: number) =>
    `nginx: [emerg] bind() to 0.0.0.0:${p} failed (98: Address already in use)`;
  const listeners = [listen(httpPort, 'TCP', 'http', 'nginx', responder, err(httpPort))];
  if (cfg.sslPort !== undefined) {
    const sslPort = Number(ctx.env.HTTPS_PORT ?? cfg.sslPort);
    listeners.push(listen(sslPort, 'TCP', 'https', 'nginx', responder, err(sslPort)));
  }
  const isDaemon = !args.join(' ').replace(/\s+/g, ' ').includes('daemon off');
  if (isDaemon)
    notes.push("nginx without -g 'daemon off;' forks into the background and its parent exits");
  return serve(listeners, notes, isDaemon);
}

function apache(base: string, args: readonly string[], ctx: ProgramContext): ProgramOutcome {
  const tag = parseImage(ctx.image).tag;
  const header = serverHeaderFor('Apache', tag);
  const responder: Responder = {
    kind: 'static',
    server: 'httpd',
    root: '/usr/local/apache2/htdocs',
    serverHeader: header === 'Apache' ? header : `${header} (Unix)`,
  };
  const foreground =
    base === 'httpd-foreground' || args.join(' ').replace('-D ', '-D').includes('-DFOREGROUND');
  const err =
    '(98)Address already in use: AH00072: make_sock: could not bind to address 0.0.0.0:80';
  return serve([listen(80, 'TCP', 'http', 'httpd', responder, err)], [], !foreground);
}

function busyboxHttpd(args: readonly string[], ctx: ProgramContext): ProgramOutcome {
  const { port, bind } = hostPort(flagValue(args, ['p']) ?? '80', 80);
  const root = flagValue(args, ['h']) ?? ctx.cwd;
  const foreground = args.some((a) => /^-[a-zA-Z]*f/.test(a));
  const responder: Responder = { kind: 'static', server: 'busybox', root, serverHeader: '' };
  const process = `httpd -p ${port}`;
  const notes = foreground ? [] : ['busybox httpd without -f detaches into the background'];
  return serve(
    [listen(port, 'TCP', 'http', process, responder, 'httpd: bind: Address already in use', bind)],
    notes,
    !foreground,
  );
}

function python(argv: readonly string[], ctx: ProgramContext): ProgramOutcome | null {
  const args = argv.slice(1);
  if (args.length === 0)
    return exit(0, '', [
      'python3 with no script starts its prompt, which ends at once: stdin is not a terminal',
    ]);
  const m = args.indexOf('-m');
  const module = m >= 0 ? args[m + 1] : undefined;
  if (module !== 'http.server' && module !== 'SimpleHTTPServer') return null;
  const rest = args.slice(m + 2);
  const positional = rest.filter(
    (a, i) =>
      !a.startsWith('-') && !/^(-b|--bind|-d|--directory|--protocol)$/.test(rest[i - 1] ?? ''),
  );
  const port = Number(positional[0] ?? 8000);
  const bindFlag = flagValue(rest, ['b', 'bind']);
  const bind =
    bindFlag === undefined || bindFlag === '0.0.0.0' || bindFlag === '::'
      ? '0.0.0.0'
      : bindFlag === 'localhost'
        ? '127.0.0.1'
        : bindFlag;
  const root = flagValue(rest, ['d', 'directory']) ?? ctx.cwd;
  const process = `${basename(argv[0] ?? 'python3')} -m ${module} ${port}`;
  const notes =
    bind === '127.0.0.1'
      ? [
          `${process} binds 127.0.0.1 only: reachable through localhost inside the pod, not on the pod IP`,
        ]
      : [];
  return serve(
    [
      listen(
        port,
        'TCP',
        'http',
        process,
        { kind: 'static', server: 'python', root, serverHeader: 'SimpleHTTP/0.6 Python/3' },
        'OSError: [Errno 98] Address already in use',
        bind,
      ),
    ],
    notes,
  );
}

/** netcat in its common dialects: busybox/traditional `-l -p PORT`, OpenBSD `-l PORT`, ncat. */
function netcat(argv: readonly string[], ctx: ProgramContext): ProgramOutcome {
  let isListen = false;
  let keep = false;
  let udp = false;
  let port: string | undefined;
  let exec: string | undefined;
  const positional: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--listen') isListen = true;
    else if (a === '--keep-open') keep = true;
    else if (a === '--udp') udp = true;
    else if (a === '--sh-exec' || a === '--exec') exec = args[++i];
    else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        const value = () => (j + 1 < a.length ? a.slice(j + 1) : args[++i]);
        if (f === 'l') isListen = true;
        else if (f === 'k') keep = true;
        else if (f === 'u') udp = true;
        else if (f === 'p') port = value();
        else if (f === 'e' || f === 'c') exec = value();
        else if (f === 's' || f === 'w' || f === 'q' || f === 'i') value();
        else continue;
        if (f === 'p' || f === 'e' || f === 'c' || f === 's' || f === 'w' || f === 'q' || f === 'i')
          break;
      }
    } else positional.push(a);
  }
  const name = basename(argv[0] ?? 'nc');
  if (!isListen) {
    const target = positional.join(' ');
    return exit(0, '', [
      `${name} connects to ${target || 'nothing'} (outgoing connections at startup are not simulated)`,
    ]);
  }
  const portNumber = Number(port ?? positional[positional.length - 1]);
  if (!Number.isInteger(portNumber) || portNumber <= 0)
    return exit(1, `${name}: no port to listen on`);
  const payload =
    exec !== undefined ? (/(^|\/)cat$/.test(exec.trim()) ? '' : ctx.runScript(exec)) : ctx.stdin;
  const echoesRequest = exec !== undefined && /(^|\/)cat$/.test(exec.trim());
  const protocol: Protocol = udp ? 'UDP' : 'TCP';
  const process = `${name} -l${keep ? 'k' : ''}${udp ? 'u' : ''} -p ${portNumber}`;
  const notes = keep ? [] : [`${process} answers one connection, then exits`];
  return serve(
    [
      listen(
        portNumber,
        protocol,
        udp ? 'udp' : 'tcp',
        process,
        { kind: 'raw', payload, echoesRequest },
        `${name}: bind: Address already in use`,
      ),
    ],
    notes,
  );
}

function socat(argv: readonly string[], ctx: ProgramContext): ProgramOutcome {
  const addrs = argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  const isListenAddr = (a: string) =>
    /^(TCP4?6?-LISTEN|UDP4?6?-(LISTEN|RECVFROM|RECV)|SCTP-LISTEN):/i.test(a);
  const listenIdx = addrs.findIndex(isListenAddr);
  if (listenIdx < 0)
    return exit(0, '', ['socat connects out (outgoing connections at startup are not simulated)']);
  const spec = addrs[listenIdx] ?? '';
  const other = addrs[1 - listenIdx] ?? '-';
  const [head = '', ...opts] = spec.split(',');
  const port = Number(head.split(':')[1]);
  const protocol: Protocol = /^UDP/i.test(head) ? 'UDP' : /^SCTP/i.test(head) ? 'SCTP' : 'TCP';
  const bindOpt = opts.find((o) => o.startsWith('bind='))?.slice(5);
  let responder: Responder;
  const target = /^(TCP4?|TCP-CONNECT|UDP4?):([^:]+):(\d+)/i.exec(other);
  if (target) responder = { kind: 'proxy', host: target[2] ?? '', port: Number(target[3]) };
  else if (/^(SYSTEM|EXEC):/i.test(other)) {
    const cmd = other.slice(other.indexOf(':') + 1).replace(/^['"]|['"]$/g, '');
    const echoesRequest = /(^|\/)cat$/.test(cmd.trim());
    responder = { kind: 'raw', payload: echoesRequest ? '' : ctx.runScript(cmd), echoesRequest };
  } else responder = { kind: 'raw', payload: ctx.stdin, echoesRequest: false };
  const process = `socat ${head}`;
  const notes = opts.includes('fork')
    ? []
    : [`${process} without fork answers one connection, then exits`];
  const err = `socat E bind(5, {AF=2 0.0.0.0:${port}}, 16): Address already in use`;
  return serve(
    [
      listen(
        port,
        protocol,
        protocol === 'UDP' ? 'udp' : 'tcp',
        process,
        responder,
        err,
        bindOpt === '127.0.0.1' || bindOpt === 'localhost' ? '127.0.0.1' : '0.0.0.0',
      ),
    ],
    notes,
  );
}

/** Database-style servers: one protocol on one port, set by a flag. */
function database(
  base: string,
  args: readonly string[],
  ctx: ProgramContext,
): ProgramOutcome | null {
  const portOf = (flags: string[], fallback: number) => Number(flagValue(args, flags) ?? fallback);
  const proto = (port: number, app: AppKind, process: string, err: string) =>
    serve([listen(port, 'TCP', app, process, { kind: 'protocol' }, err)]);
  switch (base) {
    case 'redis-server':
    case 'valkey-server': {
      const p = portOf(['port'], 6379);
      return proto(
        p,
        'redis',
        base,
        `Warning: Could not create server TCP listening socket *:${p}: bind: Address already in use`,
      );
    }
    case 'postgres': {
      const conf = args.find((a) => a.startsWith('port='));
      const p = conf ? Number(conf.slice(5)) : portOf(['p'], Number(ctx.env.PGPORT ?? 5432));
      return proto(
        p,
        'postgres',
        'postgres',
        'LOG:  could not bind IPv4 address "0.0.0.0": Address already in use',
      );
    }
    case 'mysqld':
    case 'mariadbd': {
      const p = portOf(['port', 'P'], 3306);
      return proto(
        p,
        'mysql',
        base,
        "[ERROR] Can't start server: Bind on TCP/IP port: Address already in use",
      );
    }
    case 'memcached': {
      const p = portOf(['p', 'port'], 11211);
      return proto(
        p,
        'memcached',
        'memcached',
        `failed to listen on TCP port ${p}: Address already in use`,
      );
    }
    case 'mongod': {
      const p = portOf(['port'], 27017);
      return proto(
        p,
        'mongodb',
        'mongod',
        'Failed to set up listener: SocketException: Address already in use',
      );
    }
    default:
      return null;
  }
}

const BLOCKING = new Set(['sleep', 'pause', 'tail']);

/**
 * Run one program (argv[0] and its arguments). Returns null for a program we do not model, so
 * the caller can say so (and, for a container's main process, assume its declared ports).
 */
export function runProgram(argv: readonly string[], ctx: ProgramContext): ProgramOutcome | null {
  const base = basename(argv[0] ?? '');
  const args = argv.slice(1);
  const id = ctx.profile?.id;
  const missing = ctx.profile?.missing ?? [];
  if (missing.includes(base) || missing.includes(base.replace(/\d+(\.\d+)*$/, '')))
    return { kind: 'not-found' };
  if (base === 'busybox' && args.length > 0) {
    const applet = args[0] ?? '';
    return applet === 'httpd' ? busyboxHttpd(args.slice(1), ctx) : runProgram(args, ctx);
  }
  switch (base) {
    case 'nginx':
    case 'nginx-debug':
      return nginx(args, ctx);
    case 'httpd':
      // Apache in the httpd image; busybox's applet (`httpd -f -p 8080 -h /www`) elsewhere.
      if (id === 'httpd') return apache(base, args, ctx);
      if (id === 'busybox' || args.some((a) => /^-[fph]/.test(a))) return busyboxHttpd(args, ctx);
      return apache(base, args, ctx);
    case 'httpd-foreground':
    case 'apache2-foreground':
      return apache(base, args, ctx);
    case 'nc':
    case 'netcat':
    case 'ncat':
      return netcat(argv, ctx);
    case 'socat':
      return socat(argv, ctx);
    case 'http-echo':
      return httpEcho(args, ctx);
    case 'agnhost':
      return agnhost(args, ctx);
    case 'coredns':
      return coredns(args);
    case 'nginx-ingress-controller':
      return ingressController(args);
    case 'run.sh':
      if (id !== 'echoserver') return null;
      return serve([
        listen(
          8080,
          'TCP',
          'http',
          'nginx (echoserver)',
          { kind: 'echoserver' },
          goBindError(8080),
        ),
        listen(
          8443,
          'TCP',
          'https',
          'nginx (echoserver)',
          { kind: 'echoserver' },
          goBindError(8443),
        ),
      ]);
    case 'curl':
    case 'wget':
      return exit(
        args.length === 0 ? 2 : 0,
        args.length === 0 ? `${base}: try '${base} --help' for more information` : '',
        [
          `${base} makes its request once and exits (the request itself is not simulated at startup)`,
        ],
      );
    default:
      break;
  }
  if (base === 'whoami' && (id === 'whoami' || argv[0] === '/whoami')) return whoami(args, ctx);
  if (/^(python[\d.]*|pypy3?)$/.test(base)) return python(argv, ctx);
  const db = database(base, args, ctx);
  if (db) return db;
  if (BLOCKING.has(base)) {
    if (base === 'tail' && !args.some((a) => /^-[a-zA-Z]*[fF]/.test(a))) return exit(0);
    const seconds = base === 'sleep' ? Number(args[0]) : NaN;
    const notes = Number.isFinite(seconds)
      ? [`sleep ${args[0] ?? ''} ends after ${seconds} s; the container then exits`]
      : [];
    return { kind: 'block', notes };
  }
  return null;
}
