/**
 * Static file servers as each answers: nginx (no autoindex: a directory without index.html is
 * 403 Forbidden), Apache httpd (the image's `Options Indexes`: such a directory is listed),
 * python http.server (lists directories) and busybox httpd (404). Files come from the
 * listening container's view of its filesystem, volumes included.
 */
import type { DirEntry } from './filesystem';
import { normalizePath } from './filesystem';
import {
  apacheErrorPage,
  apacheIndexPage,
  busyboxErrorPage,
  nginxErrorPage,
  pythonErrorPage,
  pythonListingPage,
} from './stockPages';

export interface HttpRequest {
  readonly scheme: 'http' | 'https';
  readonly method: string;
  /** Host header (with `:port` when the client gave one). */
  readonly host: string;
  /** Path with any query string, as on the request line. */
  readonly path: string;
  /** Port the request arrived on (the pod's, after any DNAT). */
  readonly port: number;
  /** Source address the pod sees (after any SNAT). */
  readonly clientIp: string;
  readonly clientPort: number;
  /** Extra request headers; curl's defaults (User-Agent, Accept) are assumed. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface AppResponse {
  /** HTTP status, or 0 when the server did not answer in HTTP (see `error`). */
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly note?: string;
  /** What curl reports when there is no HTTP answer (`curl: (52) Empty reply from server`). */
  readonly error?: string;
}

/** The listening container's files, as a static server sees them. */
export interface FileView {
  readFile(path: string): string | null;
  isDir(path: string): boolean;
  list(path: string): DirEntry[] | null;
  /** Why a path's content is unknown (`configMap web-content`), or null when it is modelled. */
  opaqueSource(path: string): string | null;
  /** Words about where a served file came from, if worth saying. */
  originNote(path: string): string | undefined;
}

const MIME: Readonly<Record<string, string>> = {
  html: 'text/html',
  htm: 'text/html',
  txt: 'text/plain',
  css: 'text/css',
  js: 'application/javascript',
  json: 'application/json',
  xml: 'text/xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  svg: 'image/svg+xml',
};

export function byteLength(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

export function reply(
  status: number,
  body: string,
  headers: Record<string, string>,
  note?: string,
): AppResponse {
  const all = { ...headers, 'Content-Length': String(byteLength(body)) };
  return note === undefined ? { status, body, headers: all } : { status, body, headers: all, note };
}

function mimeOf(path: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return MIME[ext] ?? 'application/octet-stream';
}

export type StaticServer = 'nginx' | 'httpd' | 'busybox' | 'python';

function errorPage(
  server: StaticServer,
  status: number,
  serverHeader: string,
  method: string,
): string {
  switch (server) {
    case 'nginx':
      return nginxErrorPage(status, serverHeader);
    case 'httpd':
      return apacheErrorPage(status);
    case 'busybox':
      return busyboxErrorPage(status);
    case 'python':
      return pythonErrorPage(status, method);
  }
}

/** Serve `request` from `root` as `server` would. */
export function serveStatic(
  server: StaticServer,
  root: string,
  serverHeader: string,
  request: HttpRequest,
  files: FileView,
): AppResponse {
  const base: Record<string, string> = serverHeader ? { Server: serverHeader } : {};
  const fail = (status: number, note?: string) =>
    reply(
      status,
      errorPage(server, status, serverHeader, request.method),
      { ...base, 'Content-Type': 'text/html' },
      note,
    );
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    if (server === 'python') return fail(501);
    if (server === 'nginx') return fail(405, 'nginx serves static files to GET and HEAD only');
  }
  const rawPath = request.path.split('?')[0] ?? '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return fail(400);
  }
  const urlPath = normalizePath(decoded);
  const fsPath = normalizePath(`${root}/${urlPath}`);
  const opaque = files.opaqueSource(fsPath);
  if (opaque !== null) {
    return reply(
      200,
      '',
      { ...base, 'Content-Type': mimeOf(fsPath) },
      `${fsPath} comes from ${opaque}, whose data the playground does not have: the body is unknown`,
    );
  }
  if (files.isDir(fsPath)) {
    if (!decoded.endsWith('/')) {
      const location = server === 'python' ? `${urlPath}/` : `http://${request.host}${urlPath}/`;
      if (server === 'python') return reply(301, '', { ...base, Location: location });
      const body =
        server === 'httpd'
          ? apacheErrorPage(301, location)
          : server === 'nginx'
            ? nginxErrorPage(301, serverHeader)
            : '';
      return reply(server === 'busybox' ? 302 : 301, body, {
        ...base,
        'Content-Type': 'text/html',
        Location: location,
      });
    }
    const indexPath = normalizePath(`${fsPath}/index.html`);
    const index = files.readFile(indexPath);
    if (index !== null)
      return reply(
        200,
        index,
        { ...base, 'Content-Type': 'text/html' },
        files.originNote(indexPath),
      );
    const entries = files.list(fsPath) ?? [];
    switch (server) {
      case 'nginx':
        return fail(
          403,
          `${fsPath} has no index.html${entries.length === 0 ? ' (the directory is empty)' : ''} and nginx's autoindex is off, so nginx answers 403 Forbidden ("directory index of \\"${fsPath}/\\" is forbidden" in its error log)`,
        );
      case 'httpd':
        return reply(
          200,
          apacheIndexPage(
            urlPath,
            entries.map((e) => (e.isDir ? `${e.name}/` : e.name)),
          ),
          { ...base, 'Content-Type': 'text/html;charset=ISO-8859-1' },
          `${fsPath} has no index.html: Apache lists the directory (Options Indexes)`,
        );
      case 'python':
        return reply(200, pythonListingPage(urlPath, entries), {
          ...base,
          'Content-Type': 'text/html; charset=utf-8',
        });
      case 'busybox':
        return fail(404, `${fsPath} has no index.html`);
    }
  }
  const content = files.readFile(fsPath);
  if (content === null) return fail(404);
  return reply(200, content, { ...base, 'Content-Type': mimeOf(fsPath) }, files.originNote(fsPath));
}
