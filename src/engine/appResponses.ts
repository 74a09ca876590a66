/**
 * How each application answers an HTTP request, and what curl makes of applications that do
 * not speak HTTP (redis closes the connection, mysql's greeting is not HTTP, …).
 */
import { assertNever } from '../model/diagnostics';
import type { AppKind, ListenerSpec, Responder } from './images';
import { reply, serveStatic } from './staticServer';
import type { AppResponse, FileView, HttpRequest } from './staticServer';
import { nginxErrorPage } from './stockPages';

export interface ResponseContext {
  readonly podName: string;
  readonly podIp: string | null;
  readonly files: FileView;
  /** socat forwarding to host:port; null when the target is not followed. */
  follow(host: string, port: number): AppResponse | null;
}

const EMPTY_REPLY = 'curl: (52) Empty reply from server';
const HTTP09 = 'curl: (1) Received HTTP/0.9 when not allowed';
const TEXT = { 'Content-Type': 'text/plain; charset=utf-8' };

function noHttp(error: string, note: string): AppResponse {
  return { status: 0, body: '', headers: {}, error, note };
}

function requestHeaders(request: HttpRequest): [string, string][] {
  const given = request.headers ?? {};
  const out: [string, string][] = [
    ['User-Agent', 'curl/8.5.0'],
    ['Accept', '*/*'],
  ];
  for (const [k, v] of Object.entries(given)) {
    const i = out.findIndex(([name]) => name.toLowerCase() === k.toLowerCase());
    if (i >= 0) out[i] = [k, v];
    else out.push([k, v]);
  }
  return out;
}

function query(request: HttpRequest): URLSearchParams {
  return new URLSearchParams(request.path.split('?')[1] ?? '');
}

function pathOnly(request: HttpRequest): string {
  return request.path.split('?')[0] ?? '/';
}

/** traefik/whoami: `Name`, `Hostname`, its IPs, `RemoteAddr`, then the request as received. */
function whoami(name: string, request: HttpRequest, ctx: ResponseContext): AppResponse {
  const remote = `${request.clientIp}:${request.clientPort}`;
  if (pathOnly(request) === '/health') return reply(200, '', {});
  const headers = requestHeaders(request).sort(([a], [b]) =>
    a === 'User-Agent' ? -1 : b === 'User-Agent' ? 1 : a < b ? -1 : 1,
  );
  const lines = [
    ...(name ? [`Name: ${name}`] : []),
    `Hostname: ${ctx.podName}`,
    'IP: 127.0.0.1',
    'IP: ::1',
    ...(ctx.podIp ? [`IP: ${ctx.podIp}`] : []),
    `RemoteAddr: ${remote}`,
  ];
  const raw = [
    `${request.method} ${request.path} HTTP/1.1`,
    `Host: ${request.host}`,
    ...headers.map(([k, v]) => `${k}: ${v}`),
  ];
  return reply(200, `${lines.join('\n')}\n${raw.join('\r\n')}\r\n\r\n`, TEXT);
}

/** registry.k8s.io/echoserver (nginx + lua): request information and headers. */
function echoserver(request: HttpRequest, ctx: ResponseContext): AppResponse {
  const [path = '/', q = ''] = request.path.split('?');
  const headers = [
    ['host', request.host],
    ...requestHeaders(request).map(([k, v]) => [k.toLowerCase(), v]),
  ].sort(([a = ''], [b = '']) => (a < b ? -1 : 1));
  const body = [
    '',
    '',
    `Hostname: ${ctx.podName}`,
    '',
    'Pod Information:',
    '\t-no pod information available-',
    '',
    'Server values:',
    '\tserver_version=nginx: 1.13.3 - lua: 10008',
    '',
    'Request Information:',
    `\tclient_address=${request.clientIp}`,
    `\tmethod=${request.method}`,
    `\treal path=${path}`,
    `\tquery=${q}`,
    '\trequest_version=1.1',
    `\trequest_scheme=${request.scheme}`,
    `\trequest_uri=${request.scheme}://${request.host}:${request.port}${request.path}`,
    '',
    'Request Headers:',
    ...headers.map(([k = '', v = '']) => `\t${k}=${v}`),
    '',
    'Request Body:',
    '\t-no body in request-',
    '',
    '',
  ].join('\n');
  return reply(200, body, { 'Content-Type': 'text/plain', Server: 'echoserver' });
}

/** agnhost netexec's HTTP endpoints (test/images/agnhost/netexec). */
function netexec(request: HttpRequest, ctx: ResponseContext): AppResponse {
  switch (pathOnly(request)) {
    case '/hostname':
    case '/hostName':
      return reply(200, ctx.podName, TEXT);
    case '/clientip':
      return reply(200, `${request.clientIp}:${request.clientPort}`, TEXT);
    case '/echo': {
      const code = Number(query(request).get('code') ?? 200);
      return reply(
        Number.isInteger(code) && code >= 100 ? code : 200,
        query(request).get('msg') ?? '',
        TEXT,
      );
    }
    case '/healthz':
      return reply(200, '', {});
    case '/dial':
    case '/shell':
    case '/upload':
      return reply(200, '{}', TEXT, `netexec ${pathOnly(request)} is not modelled`);
    default:
      return reply(
        200,
        'NOW: 2026-01-01 00:00:00 +0000 UTC',
        TEXT,
        'netexec answers the time; the playground has no clock, so it is a fixed placeholder',
      );
  }
}

/** Parse `HTTP/1.1 200 OK\r\nHeader: v\r\n\r\nbody` written by hand for nc/socat. */
function rawHttp(payload: string): AppResponse | null {
  const m = /^HTTP\/\d(?:\.\d)?\s+(\d{3})[^\n]*\n/.exec(payload);
  if (!m) return null;
  const headers: Record<string, string> = {};
  let rest = payload.slice(m[0].length);
  for (;;) {
    const nl = rest.indexOf('\n');
    const line = (nl < 0 ? rest : rest.slice(0, nl)).replace(/\r$/, '');
    rest = nl < 0 ? '' : rest.slice(nl + 1);
    const colon = line.indexOf(':');
    if (line === '' || colon <= 0) break;
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return { status: Number(m[1]), body: rest, headers };
}

function raw(payload: string, echoesRequest: boolean, listener: ListenerSpec): AppResponse {
  if (echoesRequest)
    return noHttp(
      HTTP09,
      `${listener.process} sends back what it receives: the request line, not an HTTP response`,
    );
  if (payload === '')
    return noHttp(
      EMPTY_REPLY,
      `${listener.process} accepts the connection but has nothing to send`,
    );
  const parsed = rawHttp(payload);
  if (parsed) return { ...parsed, note: `${listener.process} sends a hand-written HTTP response` };
  return {
    status: 0,
    body: payload,
    headers: {},
    error: HTTP09,
    note: `${listener.process} sends "${payload.trim()}" without an HTTP status line`,
  };
}

/** What curl sees from a server that does not speak HTTP. */
function nonHttp(app: AppKind, listener: ListenerSpec): AppResponse {
  const p = listener.process;
  switch (app) {
    case 'redis':
      return noHttp(
        EMPTY_REPLY,
        `${p} speaks RESP, not HTTP: seeing "Host:" it logs "Possible SECURITY ATTACK detected" and closes the connection`,
      );
    case 'postgres':
      return noHttp(
        EMPTY_REPLY,
        `${p} speaks the PostgreSQL protocol, not HTTP: it closes the connection`,
      );
    case 'mysql':
      return noHttp(
        HTTP09,
        `${p} greets every client with a binary MySQL handshake, which is not HTTP`,
      );
    case 'memcached':
      return {
        status: 0,
        body: 'ERROR\r\n',
        headers: {},
        error: HTTP09,
        note: `${p} answers "ERROR" to an HTTP request line`,
      };
    case 'mongodb':
      return reply(
        200,
        'It looks like you are trying to access MongoDB over HTTP on the native driver port.\n',
        { 'Content-Type': 'text/plain' },
        `${p} recognises HTTP and says so`,
      );
    case 'dns':
      return noHttp(EMPTY_REPLY, `${p} speaks DNS, not HTTP`);
    case 'udp':
      return noHttp(
        'curl: (7) Failed to connect',
        `${p} listens on UDP; HTTP needs a TCP connection`,
      );
    case 'tcp':
    case 'http':
    case 'https':
      return noHttp(EMPTY_REPLY, `${p} does not speak HTTP`);
    default:
      return assertNever(app);
  }
}

function byResponder(
  r: Responder,
  listener: ListenerSpec,
  request: HttpRequest,
  ctx: ResponseContext,
): AppResponse {
  switch (r.kind) {
    case 'static':
      return serveStatic(r.server, r.root, r.serverHeader, request, ctx.files);
    case 'http-echo':
      return reply(200, pathOnly(request) === '/health' ? '{"status":"ok"}\n' : `${r.text}\n`, {
        ...TEXT,
        'X-App-Name': 'http-echo',
        'X-App-Version': r.version,
      });
    case 'text':
      return reply(200, r.text, { ...TEXT, ...r.headers });
    case 'whoami':
      return whoami(r.name, request, ctx);
    case 'echoserver':
      return echoserver(request, ctx);
    case 'netexec':
      return netexec(request, ctx);
    case 'ingress-default-backend':
      return reply(
        404,
        nginxErrorPage(404, 'nginx'),
        { 'Content-Type': 'text/html', Server: 'nginx' },
        "no Ingress rule matched: the controller's default backend answers 404",
      );
    case 'paths': {
      const text = r.paths[pathOnly(request)];
      return text === undefined ? reply(404, '404 page not found\n', TEXT) : reply(200, text, TEXT);
    }
    case 'raw':
      return raw(r.payload, r.echoesRequest, listener);
    case 'proxy': {
      const upstream = ctx.follow(r.host, r.port);
      const via = `${listener.process} forwards the connection to ${r.host}:${r.port}`;
      if (!upstream)
        return noHttp(
          EMPTY_REPLY,
          `${via}, which refuses it, so socat closes the client's connection`,
        );
      return { ...upstream, note: upstream.note ? `${via}; ${upstream.note}` : via };
    }
    case 'protocol':
      return nonHttp(listener.app, listener);
    case 'generic':
      return reply(
        200,
        `${r.image}: response on port ${listener.port} (content not modelled)\n`,
        TEXT,
        `unknown image ${r.image}: assumed to answer HTTP on its declared containerPort ${listener.port}`,
      );
    default:
      return assertNever(r);
  }
}

/** The application's answer to one HTTP(S) request arriving on `listener`. */
export function httpResponse(
  listener: ListenerSpec,
  request: HttpRequest,
  ctx: ResponseContext,
): AppResponse {
  const isTls = listener.app === 'https';
  if (request.scheme === 'https' && !isTls) {
    if (listener.responder.kind === 'protocol' || listener.responder.kind === 'raw')
      return noHttp('curl: (35) TLS connect error', `${listener.process} does not speak TLS`);
    return noHttp(
      'curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number',
      `${listener.process} on ${listener.port} speaks plain HTTP, not TLS: use http://`,
    );
  }
  if (request.scheme === 'http' && isTls) {
    const nginxLike =
      listener.responder.kind === 'static' || listener.responder.kind === 'ingress-default-backend';
    const body = nginxLike
      ? nginxErrorPage(400, 'nginx', 'The plain HTTP request was sent to HTTPS port')
      : 'Client sent an HTTP request to an HTTPS server.\n';
    return reply(
      400,
      body,
      { 'Content-Type': nginxLike ? 'text/html' : 'text/plain; charset=utf-8' },
      `${listener.port} expects TLS: use https://`,
    );
  }
  const response = byResponder(listener.responder, listener, request, ctx);
  const tls = isTls ? 'the certificate is self-signed, so curl needs -k (or --cacert)' : undefined;
  const withTls = tls
    ? { ...response, note: response.note ? `${response.note}; ${tls}` : tls }
    : response;
  return request.method.toUpperCase() === 'HEAD' ? { ...withTls, body: '' } : withTls;
}
