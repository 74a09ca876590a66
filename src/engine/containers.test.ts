import { describe, expect, it } from 'vitest';
import {
  containerLogs,
  explainPort,
  listFiles,
  podProcesses,
  readFile,
  resolveLocalhost,
  resolvePodPort,
} from './containers';
import { nginxWelcomePage } from './stockPages';
import { curlLocalhost, podOf, podWithSpec as spec } from './testing/containerPods';
import {
  TUTORIAL_000_POD,
  TUTORIAL_001_POD,
  TUTORIAL_002_SHARED_VOLUME,
} from './testing/tutorials';

// tutorial-000: nginx plus a busybox sidecar appending to nginx's index.html, with NO volume.
const multiContainerPod = podOf(TUTORIAL_000_POD, 'multi-container-pod');

// kubernetes.io's two-container-pod (tutorial-002): the same idea WITH a shared emptyDir.
const twoContainers = podOf(TUTORIAL_002_SHARED_VOLUME, 'two-containers');

// tutorial-001's testpod: an ubuntu loop and httpd, talking over localhost.
const testpod = podOf(TUTORIAL_001_POD, 'testpod');

describe('tutorial pods', () => {
  it('multi-container-pod: without a shared volume nginx still serves its stock page', () => {
    const r = curlLocalhost(multiContainerPod, 80);
    expect(r?.status).toBe(200);
    expect(r?.body).toBe(nginxWelcomePage);
    expect(r?.note).toBe(
      'container-2 wrote /usr/share/nginx/html/index.html into its own filesystem, which container-1 cannot see (no shared volume): container-1 serves its own copy',
    );
  });

  it('multi-container-pod: each container has its own index.html', () => {
    expect(readFile(multiContainerPod, 'container-2', '/usr/share/nginx/html/index.html')).toBe(
      'Hello from Container 2\n',
    );
    expect(readFile(multiContainerPod, 'container-1', '/usr/share/nginx/html/index.html')).toBe(
      nginxWelcomePage,
    );
    expect(listFiles(multiContainerPod, 'container-1', '/usr/share/nginx/html')).toEqual([
      '50x.html',
      'index.html',
    ]);
  });

  it('multi-container-pod: the sidecar loops every 10 s, and the note says the file grows', () => {
    const p = podProcesses(multiContainerPod);
    expect(p.containers.map((c) => `${c.name} ${c.state}`)).toEqual([
      'container-1 running',
      'container-2 running',
    ]);
    expect(p.containers[1]?.repeatEverySeconds).toBe(10);
    expect(p.notes).toContain(
      'container-2 appends to /usr/share/nginx/html/index.html every 10 s (shown after one pass of the loop)',
    );
    expect(p.listeners.map((l) => `${l.container} ${l.port}/${l.protocol}`)).toEqual([
      'container-1 80/TCP',
    ]);
  });

  it('two-containers: with a shared emptyDir nginx serves what debian wrote', () => {
    const r = curlLocalhost(twoContainers, 80);
    expect(r?.status).toBe(200);
    expect(r?.body).toBe('Hello from the debian container\n');
    expect(r?.headers).toEqual({
      Server: 'nginx',
      'Content-Type': 'text/html',
      'Content-Length': '32',
    });
    expect(r?.note).toBe(
      '/usr/share/nginx/html/index.html is in emptyDir volume shared-data, written by container debian-container',
    );
    expect(readFile(twoContainers, 'debian-container', '/pod-data/index.html')).toBe(
      'Hello from the debian container\n',
    );
  });

  it('two-containers: the mount hides the image files, so 50x.html is gone', () => {
    expect(listFiles(twoContainers, 'nginx-container', '/usr/share/nginx/html')).toEqual([
      'index.html',
    ]);
    expect(curlLocalhost(twoContainers, 80, { path: '/50x.html' })?.status).toBe(404);
  });

  it('two-containers: debian ends its script and exits', () => {
    const debian = podProcesses(twoContainers).containers[1];
    expect(debian?.state).toBe('crash-loop');
    expect(debian?.exitCode).toBe(0);
  });

  it('testpod: localhost:80 from the ubuntu container reaches httpd', () => {
    const l = resolveLocalhost(testpod, 80);
    expect(l?.container).toBe('c01');
    const r = curlLocalhost(testpod, 80);
    expect(r?.body).toBe('<html><body><h1>It works!</h1></body></html>\n');
    expect(r?.headers.Server).toBe('Apache');
    expect(containerLogs(testpod, 'c00')).toBe('Hello-Bhupinder\n');
    expect(podProcesses(testpod).notes).toContain(
      'c00 prints to its log every 5 s (the log shows one pass)',
    );
  });

  it('localhost reaches only the pod itself: nothing on 8080 is refused', () => {
    expect(resolveLocalhost(testpod, 8080)).toBeNull();
    expect(explainPort(testpod, 8080)).toBe(
      'nothing in default/testpod listens on 8080/TCP; it listens on 80/TCP (c01): connection refused',
    );
  });
});

describe('volumes', () => {
  it('nginx with an empty emptyDir over its html directory answers 403 Forbidden', () => {
    const p = spec(`  volumes: [{name: web, emptyDir: {}}]
  containers:
  - {name: web, image: nginx, volumeMounts: [{name: web, mountPath: /usr/share/nginx/html}]}
`);
    const r = curlLocalhost(p, 80);
    expect(r?.status).toBe(403);
    expect(r?.body).toContain('<center><h1>403 Forbidden</h1></center>');
    expect(r?.note).toContain("nginx's autoindex is off");
  });

  it('httpd with an empty emptyDir lists the directory (Options Indexes)', () => {
    const p = spec(`  volumes: [{name: web, emptyDir: {}}]
  containers:
  - {name: web, image: httpd, volumeMounts: [{name: web, mountPath: /usr/local/apache2/htdocs}]}
`);
    const r = curlLocalhost(p, 80);
    expect(r?.status).toBe(200);
    expect(r?.body).toContain('<title>Index of /</title>');
  });

  it('an init container fills an emptyDir before nginx starts', () => {
    const p = spec(`  volumes: [{name: web, emptyDir: {}}]
  initContainers:
  - name: init
    image: busybox
    command: [sh, -c, 'echo "<h1>$(hostname)</h1>" > /work/index.html']
    volumeMounts: [{name: web, mountPath: /work}]
  containers:
  - {name: web, image: nginx, volumeMounts: [{name: web, mountPath: /usr/share/nginx/html}]}
`);
    expect(podProcesses(p).containers.map((c) => `${c.name} ${c.state}`)).toEqual([
      'init completed',
      'web running',
    ]);
    expect(curlLocalhost(p, 80)?.body).toBe('<h1>p</h1>\n');
  });

  it('an init container that never ends keeps the app containers from starting', () => {
    const p = spec(`  initContainers:
  - {name: wait, image: busybox, command: [sh, -c, 'while true; do sleep 2; done']}
  containers:
  - {name: web, image: nginx}
`);
    const proc = podProcesses(p);
    expect(proc.listeners).toEqual([]);
    expect(proc.containers.map((c) => `${c.name} ${c.state}`)).toEqual([
      'wait running',
      'web waiting',
    ]);
  });

  it('a read-only mount refuses writes', () => {
    const p = spec(`  volumes: [{name: cfg, configMap: {name: settings}}]
  containers:
  - name: app
    image: busybox
    command: [sh, -c, 'echo x > /etc/app/x.conf; sleep 3600']
    volumeMounts: [{name: cfg, mountPath: /etc/app}]
`);
    expect(containerLogs(p, 'app')).toBe(
      "sh: can't create /etc/app/x.conf: Read-only file system\n",
    );
    expect(readFile(p, 'app', '/etc/app/x.conf')).toBeNull();
  });

  it('subPath mounts a directory of the volume', () => {
    const p = spec(`  volumes: [{name: data, emptyDir: {}}]
  containers:
  - {name: a, image: busybox, command: [sh, -c, 'echo one > /data/sub/f; sleep infinity'], volumeMounts: [{name: data, mountPath: /data}]}
  - {name: b, image: busybox, command: [sleep, infinity], volumeMounts: [{name: data, mountPath: /mnt, subPath: sub}]}
`);
    expect(readFile(p, 'b', '/mnt/f')).toBe('one\n');
  });
});

describe('ports in one network namespace', () => {
  const twoNginx = spec(`  containers:
  - {name: first, image: nginx}
  - {name: second, image: nginx}
`);

  it('the second nginx cannot bind 80 and crash-loops', () => {
    const p = podProcesses(twoNginx);
    expect(p.conflicts).toEqual([
      {
        container: 'second',
        port: 80,
        protocol: 'TCP',
        holder: 'first',
        message: 'nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)',
      },
    ]);
    expect(p.containers.map((c) => `${c.name} ${c.state}`)).toEqual([
      'first running',
      'second crash-loop',
    ]);
    expect(resolveLocalhost(twoNginx, 80)?.container).toBe('first');
  });

  it('TCP and UDP on one port do not conflict', () => {
    const p = spec(`  containers:
  - {name: tcp, image: busybox, command: [nc, -lk, -p, "5000"]}
  - {name: udp, image: busybox, command: [nc, -lku, -p, "5000"]}
`);
    expect(podProcesses(p).conflicts).toEqual([]);
    expect(resolveLocalhost(p, 5000, 'UDP')?.container).toBe('udp');
  });

  it('containerPort is informational: a mismatch is noted and the real port answers', () => {
    const p = spec(`  containers:
  - {name: web, image: nginx, ports: [{containerPort: 8080}]}
`);
    expect(podProcesses(p).notes).toContain(
      'containerPort 8080/TCP of web is declared but web listens on 80/TCP',
    );
    expect(resolvePodPort(p, 8080)).toBeNull();
    expect(resolvePodPort(p, 80)?.process).toBe('nginx');
  });

  it('an unknown image listens on its declared containerPorts, with a generic answer', () => {
    const p = spec(`  containers:
  - {name: api, image: ghcr.io/acme/api:1.2, ports: [{containerPort: 3000}, {containerPort: 9000, protocol: UDP}]}
`);
    const proc = podProcesses(p);
    expect(
      proc.listeners.map((l) => `${l.port}/${l.protocol} ${l.app} ${String(l.isAssumed)}`),
    ).toEqual(['3000/TCP http true', '9000/UDP udp true']);
    expect(proc.notes).toContain(
      'api: unknown image ghcr.io/acme/api:1.2: assuming it listens on its declared containerPorts (3000/TCP, 9000/UDP)',
    );
    const r = curlLocalhost(p, 3000);
    expect(r?.status).toBe(200);
    expect(r?.body).toBe('ghcr.io/acme/api:1.2: response on port 3000 (content not modelled)\n');
  });

  it('a Pending pod runs no container', () => {
    const p = spec(`  nodeSelector: {disk: none-has-this}
  containers:
  - {name: web, image: nginx}
`);
    const proc = podProcesses(p);
    expect(proc.listeners).toEqual([]);
    expect(proc.containers.map((c) => `${c.name} ${c.state}`)).toEqual(['web waiting']);
  });

  it('a hostNetwork pod binds on its node, and says so', () => {
    const p = spec(`  hostNetwork: true
  containers:
  - {name: web, image: nginx}
`);
    expect(podProcesses(p).notes).toContain(
      "default/p uses hostNetwork: its sockets are bound in node worker-1's own network namespace (on the node IP, and clashing with anything else there on the same port)",
    );
  });
});
