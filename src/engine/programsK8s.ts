/**
 * The test, echo and system servers of Kubernetes tutorials: agnhost (the e2e test server),
 * hashicorp/http-echo, traefik/whoami, CoreDNS and the ingress-nginx controller. Flags and
 * defaults follow their sources: test/images/agnhost/{netexec,serve-hostname,porter},
 * hashicorp/http-echo main.go, traefik/whoami app.go, coredns/coredns, kubernetes/ingress-nginx.
 */
import { parseImage } from './images';
import type { ListenerSpec, Responder } from './images';
import { exit, flagValue, goBindError, hostPort, listen, serve } from './programKit';
import type { ProgramContext, ProgramOutcome } from './programKit';

function boolFlag(args: readonly string[], name: string, fallback: boolean): boolean {
  for (const a of args) {
    if (a === `--${name}` || a === `-${name}`) return true;
    const m = new RegExp(`^--?${name}=(.*)$`).exec(a);
    if (m) return m[1] !== 'false';
  }
  return fallback;
}

function netexec(args: readonly string[]): ProgramOutcome {
  const httpPort = Number(flagValue(args, ['http-port']) ?? 8080);
  const udpPort = Number(flagValue(args, ['udp-port']) ?? 8081);
  const sctpPort = Number(flagValue(args, ['sctp-port']) ?? -1);
  const tls = flagValue(args, ['tls-cert-file']) !== undefined;
  const r: Responder = { kind: 'netexec' };
  const out: ListenerSpec[] = [
    listen(httpPort, 'TCP', tls ? 'https' : 'http', 'agnhost netexec', r, goBindError(httpPort)),
  ];
  if (udpPort !== -1)
    out.push(listen(udpPort, 'UDP', 'udp', 'agnhost netexec', r, goBindError(udpPort, 'udp')));
  if (sctpPort !== -1)
    out.push(listen(sctpPort, 'SCTP', 'tcp', 'agnhost netexec', r, goBindError(sctpPort, 'sctp')));
  return serve(out);
}

function serveHostname(args: readonly string[], ctx: ProgramContext): ProgramOutcome {
  const port = Number(flagValue(args, ['port']) ?? 9376);
  const tcp = boolFlag(args, 'tcp', false);
  const udp = boolFlag(args, 'udp', false);
  const http = boolFlag(args, 'http', !tcp && !udp);
  const text: Responder = { kind: 'text', text: ctx.podName, headers: {} };
  const out: ListenerSpec[] = [];
  const p = 'agnhost serve-hostname';
  if (http) out.push(listen(port, 'TCP', 'http', p, text, goBindError(port)));
  else if (tcp)
    out.push(
      listen(
        port,
        'TCP',
        'tcp',
        p,
        { kind: 'raw', payload: ctx.podName, echoesRequest: false },
        goBindError(port),
      ),
    );
  if (udp) out.push(listen(port, 'UDP', 'udp', p, text, goBindError(port, 'udp')));
  return serve(out);
}

/** porter serves each `SERVE_PORT_<n>=<text>` (and `SERVE_TLS_PORT_<n>`) on port n. */
function porter(ctx: ProgramContext): ProgramOutcome {
  const out: ListenerSpec[] = [];
  for (const [name, value] of Object.entries(ctx.env).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const m = /^SERVE_(TLS_|SCTP_)?PORT_(\d+)$/.exec(name);
    if (!m) continue;
    const port = Number(m[2]);
    const text: Responder = { kind: 'text', text: value, headers: {} };
    if (m[1] === 'SCTP_')
      out.push(listen(port, 'SCTP', 'tcp', 'agnhost porter', text, goBindError(port, 'sctp')));
    else
      out.push(
        listen(port, 'TCP', m[1] ? 'https' : 'http', 'agnhost porter', text, goBindError(port)),
      );
  }
  if (out.length === 0)
    return exit(1, '', ['agnhost porter serves nothing without SERVE_PORT_<n> env vars']);
  return serve(out);
}

export function agnhost(args: readonly string[], ctx: ProgramContext): ProgramOutcome | null {
  const sub = args[0];
  const rest = args.slice(1);
  switch (sub) {
    case undefined:
      return exit(0, '', ['agnhost without a subcommand prints its help and exits']);
    case 'netexec':
      return netexec(rest);
    case 'serve-hostname':
      return serveHostname(rest, ctx);
    case 'porter':
      return porter(ctx);
    case 'pause':
      return { kind: 'block', notes: [] };
    default:
      return null;
  }
}

const COREDNS_METRICS =
  "# HELP coredns_build_info A metric with a constant '1' value labeled by version, revision, and goversion from which CoreDNS was built.\n# TYPE coredns_build_info gauge\n";

/**
 * CoreDNS with kubeadm's Corefile (`-conf`): DNS on 53 (UDP and TCP), `health` on 8080,
 * `ready` on 8181, `prometheus` on 9153. Without a Corefile it serves only its `whoami` on 53.
 */
export function coredns(args: readonly string[]): ProgramOutcome {
  const port = Number(flagValue(args, ['dns.port']) ?? 53);
  const dns: Responder = { kind: 'protocol' };
  const out: ListenerSpec[] = [
    listen(port, 'UDP', 'dns', 'coredns', dns, `listen udp :${port}: bind: address already in use`),
    listen(port, 'TCP', 'dns', 'coredns', dns, goBindError(port)),
  ];
  if (flagValue(args, ['conf']) === undefined)
    return serve(out, [
      'coredns without -conf has no Corefile: it answers only with its whoami plugin',
    ]);
  const paths = (p: Record<string, string>): Responder => ({ kind: 'paths', paths: p });
  out.push(
    listen(8080, 'TCP', 'http', 'coredns', paths({ '/health': 'OK' }), goBindError(8080)),
    listen(8181, 'TCP', 'http', 'coredns', paths({ '/ready': 'OK' }), goBindError(8181)),
    listen(
      9153,
      'TCP',
      'http',
      'coredns',
      paths({ '/metrics': COREDNS_METRICS }),
      goBindError(9153),
    ),
  );
  return serve(out);
}

/** ingress-nginx: 80 and 443 for traffic (routing is the Ingress engine's), 10254 for health. */
export function ingressController(args: readonly string[]): ProgramOutcome {
  const http = Number(flagValue(args, ['http-port']) ?? 80);
  const https = Number(flagValue(args, ['https-port']) ?? 443);
  const health = Number(flagValue(args, ['healthz-port']) ?? 10254);
  const p = 'nginx-ingress-controller';
  const backend: Responder = { kind: 'ingress-default-backend' };
  const nginxErr = (port: number) =>
    `nginx: [emerg] bind() to 0.0.0.0:${port} failed (98: Address already in use)`;
  return serve([
    listen(http, 'TCP', 'http', p, backend, nginxErr(http)),
    listen(https, 'TCP', 'https', p, backend, nginxErr(https)),
    listen(
      health,
      'TCP',
      'http',
      p,
      { kind: 'paths', paths: { '/healthz': 'ok' } },
      goBindError(health),
    ),
  ]);
}

export function httpEcho(args: readonly string[], ctx: ProgramContext): ProgramOutcome {
  const text = flagValue(args, ['text']) ?? ctx.env.ECHO_TEXT ?? '';
  if (text === '') return exit(127, 'Missing -text option OR ENV var TEXT is empty!');
  const consumed = new Set<number>();
  args.forEach((a, i) => {
    if (/^--?(text|listen)$/.test(a)) consumed.add(i).add(i + 1);
    else if (a.startsWith('-')) consumed.add(i);
  });
  if (args.some((_, i) => !consumed.has(i)))
    return exit(127, 'Too many arguments!', [
      'http-echo takes one -text value: quote text with spaces as one argument',
    ]);
  const { port, bind } = hostPort(flagValue(args, ['listen']) ?? ':5678', 5678);
  const version = /^v?(\d+\.\d+\.\d+)/.exec(parseImage(ctx.image).tag)?.[1] ?? '1.0.0';
  return serve([
    listen(
      port,
      'TCP',
      'http',
      'http-echo',
      { kind: 'http-echo', text, version },
      `[ERR] server exited with: ${goBindError(port)}`,
      bind,
    ),
  ]);
}

export function whoami(args: readonly string[], ctx: ProgramContext): ProgramOutcome {
  const port = Number(flagValue(args, ['port']) ?? ctx.env.WHOAMI_PORT_NUMBER ?? 80);
  const name = flagValue(args, ['name']) ?? ctx.env.WHOAMI_NAME ?? '';
  const tls = flagValue(args, ['cert']) !== undefined && flagValue(args, ['key']) !== undefined;
  return serve([
    listen(
      port,
      'TCP',
      tls ? 'https' : 'http',
      'whoami',
      { kind: 'whoami', name },
      goBindError(port),
    ),
  ]);
}
