/**
 * The pages real servers send: stock index files shipped in images, and the error and
 * directory-listing pages each server generates, so a probe's body matches what curl prints.
 */

/** /usr/share/nginx/html/index.html in the official nginx images (615 bytes). */
export const nginxWelcomePage = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** /usr/share/nginx/html/50x.html in the official nginx images. */
export const nginx50xPage = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you might want to check
the <a href="http://nginx.org/r/error_log">error log</a> for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

/** /usr/local/apache2/htdocs/index.html in the official httpd image. */
export const httpdItWorksPage = '<html><body><h1>It works!</h1></body></html>\n';

export const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  301: 'Moved Permanently',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Not Allowed',
  501: 'Not Implemented',
  502: 'Bad Gateway',
};

function statusLine(status: number): string {
  return `${status} ${STATUS_TEXT[status] ?? ''}`.trim();
}

/**
 * nginx's built-in error page; `server` is the Server header (`nginx` or `nginx/1.27.4`), and
 * `detail` the extra line some errors carry ("The plain HTTP request was sent to HTTPS port").
 */
export function nginxErrorPage(status: number, server: string, detail?: string): string {
  const title = detail ? `${status} ${detail}` : statusLine(status);
  const extra = detail ? `<center>${detail}</center>\n` : '';
  return `<html>
<head><title>${title}</title></head>
<body>
<center><h1>${statusLine(status)}</h1></center>
${extra}<hr><center>${server}</center>
</body>
</html>
`;
}

const APACHE_MESSAGES: Readonly<Record<number, string>> = {
  403: "You don't have permission to access this resource.",
  404: 'The requested URL was not found on this server.',
};

/** Apache httpd's error page (and its 301 body for a directory without a trailing slash). */
export function apacheErrorPage(status: number, location?: string): string {
  const text = STATUS_TEXT[status] ?? '';
  const message = location
    ? `The document has moved <a href="${location}">here</a>.`
    : (APACHE_MESSAGES[status] ?? '');
  return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>${statusLine(status)}</title>
</head><body>
<h1>${text}</h1>
<p>${message}</p>
</body></html>
`;
}

/** Apache mod_autoindex without FancyIndexing, as the httpd image's `Options Indexes` gives. */
export function apacheIndexPage(urlPath: string, entries: readonly string[]): string {
  const parent = urlPath === '/' ? '' : '<li><a href="/"> Parent Directory</a></li>\n';
  const items = entries.map((e) => `<li><a href="${e}"> ${e}</a></li>\n`).join('');
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
<html>
 <head>
  <title>Index of ${urlPath}</title>
 </head>
 <body>
<h1>Index of ${urlPath}</h1>
<ul>${parent}${items}</ul>
</body></html>
`;
}

const PYTHON_EXPLANATIONS: Readonly<Record<number, [string, string]>> = {
  404: ['File not found', 'Nothing matches the given URI'],
  501: ['Unsupported method', 'Server does not support this operation'],
};

/** Python http.server's error page (3.12). */
export function pythonErrorPage(status: number, method = 'GET'): string {
  const [message, explanation] = PYTHON_EXPLANATIONS[status] ?? ['', ''];
  const shown = status === 501 ? `${message} ('${method}')` : `${message}.`;
  return `<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: ${status}</p>
        <p>Message: ${shown}</p>
        <p>Error code explanation: ${status} - ${explanation}.</p>
    </body>
</html>
`;
}

/**
 * Python http.server's directory listing: entries sorted case-insensitively, directories with
 * a trailing `/`, symlinks shown with `@` (debian's /bin, /lib, /sbin are links to /usr).
 */
export function pythonListingPage(
  urlPath: string,
  entries: readonly { readonly name: string; readonly isDir: boolean; readonly isLink: boolean }[],
): string {
  const title = `Directory listing for ${urlPath}`;
  const sorted = [...entries].sort((a, b) =>
    a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1,
  );
  const items = sorted.map((e) => {
    const link = e.isDir ? `${e.name}/` : e.name;
    const shown = e.isLink ? `${e.name}@` : link;
    return `<li><a href="${encodeURI(link)}">${shown}</a></li>`;
  });
  return [
    '<!DOCTYPE HTML>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${title}</title>\n</head>`,
    `<body>\n<h1>${title}</h1>`,
    '<hr>\n<ul>',
    ...items,
    '</ul>\n<hr>\n</body>\n</html>\n',
  ].join('\n');
}

/** busybox httpd's error page. */
export function busyboxErrorPage(status: number): string {
  const line = statusLine(status);
  const text = status === 404 ? 'The requested URL was not found' : (STATUS_TEXT[status] ?? '');
  return `<HTML><HEAD><TITLE>${line}</TITLE></HEAD>\n<BODY><H1>${line}</H1>\n${text}\n</BODY></HTML>\n`;
}
