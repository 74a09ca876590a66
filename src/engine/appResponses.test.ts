import { describe, expect, it } from 'vitest';
import {
  describeListener,
  explainPort,
  resolveLocalhost,
  resolvePodPort,
  respond,
} from './containers';
import { nginxWelcomePage } from './stockPages';
import {
  curlLocalhost,
  httpRequest as request,
  podWithSpec as spec,
} from './testing/containerPods';

describe('applications', () => {
  it('http-echo answers its -text and a newline', () => {
    const p = spec(`  containers:
  - {name: echo, image: hashicorp/http-echo, args: ["-text=apple"]}
`);
    const r = curlLocalhost(p, 5678);
    expect(r?.body).toBe('apple\n');
    expect(r?.headers['X-App-Name']).toBe('http-echo');
  });

  it('whoami echoes the client address it sees and the request', () => {
    const p = spec(`  containers:
  - {name: who, image: traefik/whoami}
`);
    const l = resolvePodPort(p, 80)!;
    const r = respond(
      p,
      l,
      request({ host: '10.244.1.2', clientIp: '10.244.2.7', clientPort: 51000 }),
    );
    expect(r.body).toBe(
      'Hostname: p\nIP: 127.0.0.1\nIP: ::1\nIP: 10.244.1.2\nRemoteAddr: 10.244.2.7:51000\n' +
        'GET / HTTP/1.1\r\nHost: 10.244.1.2\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n',
    );
  });

  it('echoserver reports client_address', () => {
    const p = spec(`  containers:
  - {name: e, image: registry.k8s.io/echoserver:1.10}
`);
    const r = respond(
      p,
      resolvePodPort(p, 8080)!,
      request({ port: 8080, host: 'web', clientIp: '172.18.0.3' }),
    );
    expect(r.body).toContain('\tclient_address=172.18.0.3\n');
    expect(r.body).toContain('Hostname: p\n');
  });

  it('agnhost netexec answers /hostname, /clientip and /echo', () => {
    const p = spec(`  containers:
  - {name: n, image: "registry.k8s.io/e2e-test-images/agnhost:2.39", args: [netexec, --http-port=8080]}
`);
    const l = resolvePodPort(p, 8080)!;
    const get = (path: string) =>
      respond(p, l, request({ port: 8080, path, clientIp: '10.244.2.9', clientPort: 40001 }));
    expect(get('/hostname').body).toBe('p');
    expect(get('/clientip').body).toBe('10.244.2.9:40001');
    expect(get('/echo?msg=hello%20there').body).toBe('hello there');
  });

  it('python -m http.server lists its working directory', () => {
    const p = spec(`  containers:
  - {name: py, image: "python:3.12", command: [python3, -m, http.server, "8000"]}
`);
    const r = curlLocalhost(p, 8000);
    expect(r?.status).toBe(200);
    expect(r?.body).toContain('<title>Directory listing for /</title>');
    expect(r?.body).toContain('<li><a href="bin/">bin@</a></li>');
    expect(r?.body).toContain('<li><a href="etc/">etc/</a></li>');
    expect(curlLocalhost(p, 8000, { path: '/nope' })?.status).toBe(404);
  });

  it('python bound to 127.0.0.1 answers on localhost but not on the pod IP', () => {
    const p = spec(`  containers:
  - {name: py, image: python, command: [sh, -c, 'cd /srv && echo hi > index.html && python3 -m http.server 9000 --bind 127.0.0.1']}
`);
    expect(curlLocalhost(p, 9000)?.body).toBe('hi\n');
    expect(resolvePodPort(p, 9000)).toBeNull();
    expect(explainPort(p, 9000)).toContain('127.0.0.1:9000 only');
  });

  it('nc -l in busybox serves a hand-written HTTP response', () => {
    const p = spec(`  containers:
  - name: nc
    image: busybox
    command: [sh, -c, 'while true; do printf "HTTP/1.1 200 OK\\r\\nContent-Type: text/plain\\r\\n\\r\\nhello from nc\\n" | nc -l -p 8080; done']
`);
    const l = resolveLocalhost(p, 8080);
    expect(l?.process).toBe('nc -l -p 8080');
    const r = curlLocalhost(p, 8080);
    expect(r?.status).toBe(200);
    expect(r?.body).toBe('hello from nc\n');
    expect(r?.headers['Content-Type']).toBe('text/plain');
  });

  it('busybox httpd serves a directory the script wrote', () => {
    const p = spec(`  containers:
  - {name: web, image: busybox, command: [sh, -c, 'mkdir -p /www && echo ok > /www/index.html && httpd -f -p 8081 -h /www']}
`);
    expect(curlLocalhost(p, 8081)?.body).toBe('ok\n');
  });

  it('socat forwards localhost:8080 to nginx on 80', () => {
    const p = spec(`  containers:
  - {name: web, image: nginx}
  - {name: proxy, image: alpine/socat, command: [socat, 'TCP-LISTEN:8080,fork', 'TCP:localhost:80']}
`);
    const r = curlLocalhost(p, 8080);
    expect(r?.body).toBe(nginxWelcomePage);
    expect(r?.note).toBe('socat TCP-LISTEN:8080 forwards the connection to localhost:80');
  });

  it('redis answers PING with +PONG, and curl gets an empty reply', () => {
    const p = spec(`  containers:
  - {name: cache, image: "redis:7"}
`);
    const l = resolveLocalhost(p, 6379)!;
    expect(describeListener(l)).toEqual({
      summary: 'redis-server on 6379/TCP (redis in container cache)',
      exchange: { send: 'PING', reply: '+PONG' },
    });
    expect(respond(p, l, request({ port: 6379 })).error).toBe('curl: (52) Empty reply from server');
  });

  it('https to a plain HTTP port fails the TLS handshake', () => {
    const p = spec(`  containers:
  - {name: web, image: nginx}
`);
    const r = curlLocalhost(p, 80, { scheme: 'https' });
    expect(r?.status).toBe(0);
    expect(r?.error).toContain('wrong version number');
  });

  it('nginx: 404 page, a directory without its slash redirects, POST is 405, HEAD has no body', () => {
    const p = spec(`  containers:
  - {name: web, image: "nginx:1.27.4"}
`);
    const missing = curlLocalhost(p, 80, { path: '/missing' });
    expect(missing?.status).toBe(404);
    expect(missing?.body).toBe(
      '<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/1.27.4</center>\n</body>\n</html>\n',
    );
    const dir = spec(`  containers:
  - {name: web, image: nginx, command: [sh, -c, "mkdir -p /usr/share/nginx/html/docs && nginx -g 'daemon off;'"]}
`);
    const moved = curlLocalhost(dir, 80, { path: '/docs', host: 'web.default' });
    expect(moved?.status).toBe(301);
    expect(moved?.headers.Location).toBe('http://web.default/docs/');
    expect(curlLocalhost(dir, 80, { path: '/docs/' })?.status).toBe(403);
    expect(curlLocalhost(p, 80, { method: 'POST' })?.status).toBe(405);
    const head = curlLocalhost(p, 80, { method: 'HEAD' });
    expect(head?.status).toBe(200);
    expect(head?.body).toBe('');
    expect(head?.headers['Content-Length']).toBe('615');
  });

  it('python http.server refuses POST with 501', () => {
    const p = spec(`  containers:
  - {name: py, image: python, args: [python3, -m, http.server]}
`);
    expect(curlLocalhost(p, 8000, { method: 'POST' })?.status).toBe(501);
  });

  it('a configMap volume is there but its data is not modelled', () => {
    const p = spec(`  volumes: [{name: html, configMap: {name: site}}]
  containers:
  - {name: web, image: nginx, volumeMounts: [{name: html, mountPath: /usr/share/nginx/html}]}
`);
    const r = curlLocalhost(p, 80, { path: '/index.html' });
    expect(r?.status).toBe(200);
    expect(r?.note).toBe(
      '/usr/share/nginx/html/index.html comes from configMap volume html (site), whose data the playground does not have: the body is unknown',
    );
  });

  it("plain HTTP to an HTTPS port gets nginx's 400 page", () => {
    const p = spec(`  containers:
  - {name: tool, image: praqma/network-multitool}
`);
    const r = curlLocalhost(p, 443);
    expect(r?.status).toBe(400);
    expect(r?.body).toContain('The plain HTTP request was sent to HTTPS port');
    const ok = curlLocalhost(p, 443, { scheme: 'https' });
    expect(ok?.body).toBe(
      'Praqma Network MultiTool (with NGINX) - p - 10.244.1.2 - HTTP: 80 , HTTPS: 443\n',
    );
    expect(ok?.note).toBe('the certificate is self-signed, so curl needs -k (or --cacert)');
  });

  it('the ingress controller answers 404 from its default backend on its own', () => {
    const p = spec(`  containers:
  - {name: controller, image: "registry.k8s.io/ingress-nginx/controller:v1.12.0"}
`);
    const r = curlLocalhost(p, 80, { path: '/anything' });
    expect(r?.status).toBe(404);
    expect(r?.headers.Server).toBe('nginx');
  });

  it('mysql greets in binary: curl refuses an HTTP/0.9 answer', () => {
    const p = spec(`  containers:
  - {name: db, image: "mysql:8"}
`);
    expect(curlLocalhost(p, 3306)?.error).toBe('curl: (1) Received HTTP/0.9 when not allowed');
  });

  it('nc -e cat echoes the request back, which is not an HTTP response', () => {
    const p = spec(`  containers:
  - {name: nc, image: busybox, command: [nc, -lk, -p, "9000", -e, /bin/cat]}
`);
    const l = resolveLocalhost(p, 9000)!;
    expect(describeListener(l).exchange).toEqual({ send: '(any data)', reply: '(the same data)' });
    expect(curlLocalhost(p, 9000)?.error).toBe('curl: (1) Received HTTP/0.9 when not allowed');
  });

  it('http-echo takes its text from $(VAR) in args', () => {
    const p = spec(`  containers:
  - name: echo
    image: hashicorp/http-echo
    args: ["-text=$(MESSAGE)", "-listen=:8080"]
    env: [{name: MESSAGE, value: banana}]
`);
    expect(curlLocalhost(p, 8080)?.body).toBe('banana\n');
  });
});
