/**
 * Well-known container images: what their process does when the pod spec does not override it.
 *
 * A profile says what the image runs by default (ENTRYPOINT + CMD, kept apart because Kubernetes
 * `command` replaces the first and `args` the second), which programs it lacks (a shell loop that
 * calls `nc` in debian fails: debian ships no netcat), and the stock files it brings. What a
 * program listens on is decided in programs.ts, so `nginx -g 'daemon off;'` means the same thing
 * whether it is the image's default or typed in a shell script.
 * https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/
 */
import { nginxWelcomePage, nginx50xPage, httpdItWorksPage } from './stockPages';
import type { Protocol } from './types';

/** What speaks on a listener, so a probe knows how the application answers. */
export type AppKind =
  | 'http'
  | 'https'
  | 'dns'
  | 'redis'
  | 'postgres'
  | 'mysql'
  | 'memcached'
  | 'mongodb'
  | 'tcp'
  | 'udp';

/** How an HTTP listener builds its answer (see `respond` in containers.ts). */
export type Responder =
  | {
      readonly kind: 'static';
      readonly server: 'nginx' | 'httpd' | 'busybox' | 'python';
      /** Document root, as a path inside the listening container. */
      readonly root: string;
      /** Server header, e.g. `nginx/1.27.4` or `nginx` when the tag names no version. */
      readonly serverHeader: string;
    }
  /** Fixed text for every path (serve-hostname, porter). */
  | { readonly kind: 'text'; readonly text: string; readonly headers: Record<string, string> }
  /** hashicorp/http-echo: the text and a newline, `{"status":"ok"}` on /health. */
  | { readonly kind: 'http-echo'; readonly text: string; readonly version: string }
  | { readonly kind: 'whoami'; readonly name: string }
  | { readonly kind: 'echoserver' }
  | { readonly kind: 'netexec' }
  | { readonly kind: 'ingress-default-backend' }
  | { readonly kind: 'paths'; readonly paths: Readonly<Record<string, string>> }
  /** Whatever `nc -l` / `socat` was given to send back. */
  | { readonly kind: 'raw'; readonly payload: string; readonly echoesRequest: boolean }
  /** socat forwarding to another address (followed when it is localhost). */
  | { readonly kind: 'proxy'; readonly host: string; readonly port: number }
  /** A non-HTTP protocol: see `describeListener`. */
  | { readonly kind: 'protocol' }
  /** An image we do not know, assumed to answer on its declared ports. */
  | { readonly kind: 'generic'; readonly image: string };

/** One socket a process binds (before the pod's port conflicts are settled). */
export interface ListenerSpec {
  readonly port: number;
  readonly protocol: Protocol;
  readonly app: AppKind;
  /** The process as `ps` would show it: `nginx`, `python3 -m http.server 8000`, `nc -l -p 8080`. */
  readonly process: string;
  /** `0.0.0.0` (every address of the pod) or `127.0.0.1` (localhost only). */
  readonly bindAddress: string;
  readonly responder: Responder;
  /** What the process prints when the port is already taken (it then exits). */
  readonly bindError: string;
  /** Guessed from a declared containerPort of an unknown image or program. */
  readonly isAssumed: boolean;
}

/** A parsed image reference: `registry/repository:tag@digest`. */
export interface ImageRef {
  /** Registry host, '' for Docker Hub. `k8s.gcr.io` is read as `registry.k8s.io`. */
  readonly registry: string;
  /** Repository path, without Docker Hub's `library/`. */
  readonly repository: string;
  readonly tag: string;
  /** `registry/repository` (just `repository` on Docker Hub): what profiles match. */
  readonly name: string;
}

/** How the image's root directory looks to `ls /` and to python's directory listing. */
export type RootLayout = 'debian' | 'alpine' | 'busybox' | 'scratch';

export interface StockContext {
  readonly podName: string;
  readonly podIp: string | null;
  readonly tag: string;
}

export interface ImageProfile {
  readonly id: string;
  /** Repository names this profile matches (see `ImageRef.name`). */
  readonly repositories: readonly string[];
  /** ENTRYPOINT when it takes `args` as its own flags (`/http-echo -text=hi`); [] otherwise. */
  readonly entrypoint: readonly string[];
  /**
   * The image's docker-entrypoint.sh prepends this program when the first arg is a flag
   * (`args: ["--port", "7000"]` on redis runs `redis-server --port 7000`).
   */
  readonly flagsProgram?: string;
  readonly cmd: readonly string[];
  readonly hasShell: boolean;
  /** Programs a script might call that this image does not have (`sh: nc: not found`). */
  readonly missing: readonly string[];
  readonly workingDir: string;
  readonly layout: RootLayout;
  /** The default process in a few words, for the inspector. */
  readonly summary: string;
  /** Files the image ships, by absolute path. */
  readonly stockFiles?: (ctx: StockContext) => Readonly<Record<string, string>>;
  /** nginx's listen port(s) and root as this image configures them. */
  readonly nginx?: { readonly port: number; readonly root: string; readonly sslPort?: number };
}

const NO_TOOLS = ['nc', 'netcat', 'ncat', 'socat', 'curl', 'wget', 'python', 'python3', 'nginx'];
const DEBIAN_MISSING = [...NO_TOOLS, 'httpd', 'busybox'];
const BUSYBOX_MISSING = ['bash', 'curl', 'socat', 'python', 'python3', 'nginx', 'ncat'];
const ALPINE_MISSING = [...BUSYBOX_MISSING, 'httpd'];
const SCRATCH = { hasShell: false, missing: [], workingDir: '/', layout: 'scratch' } as const;

const nginxFiles = (root: string) => (): Record<string, string> => ({
  [`${root}/index.html`]: nginxWelcomePage,
  [`${root}/50x.html`]: nginx50xPage,
});

function shellImage(id: string, repositories: string[], shell: string, missing: string[]) {
  const layout: RootLayout = id === 'busybox' ? 'busybox' : id === 'alpine' ? 'alpine' : 'debian';
  return {
    id,
    repositories,
    entrypoint: [],
    cmd: [shell],
    hasShell: true,
    missing,
    workingDir: '/',
    layout,
    summary: `${shell}, which exits at once without a terminal: it listens on nothing`,
  } satisfies ImageProfile;
}

/** The table. Order matters only for readability: repositories do not overlap. */
export const IMAGE_PROFILES: readonly ImageProfile[] = [
  {
    id: 'nginx',
    repositories: ['nginx', 'public.ecr.aws/nginx/nginx', 'cgr.dev/chainguard/nginx'],
    entrypoint: [],
    cmd: ['nginx', '-g', 'daemon off;'],
    hasShell: true,
    missing: ['nc', 'netcat', 'socat', 'python', 'python3', 'httpd', 'wget'],
    workingDir: '/',
    layout: 'debian',
    summary: 'nginx on 80/TCP serving /usr/share/nginx/html',
    stockFiles: nginxFiles('/usr/share/nginx/html'),
    nginx: { port: 80, root: '/usr/share/nginx/html' },
  },
  {
    id: 'nginx-unprivileged',
    repositories: ['nginxinc/nginx-unprivileged'],
    entrypoint: [],
    cmd: ['nginx', '-g', 'daemon off;'],
    hasShell: true,
    missing: ['nc', 'netcat', 'socat', 'python', 'python3', 'httpd', 'wget'],
    workingDir: '/',
    layout: 'debian',
    summary: 'nginx on 8080/TCP (non-root) serving /usr/share/nginx/html',
    stockFiles: nginxFiles('/usr/share/nginx/html'),
    nginx: { port: 8080, root: '/usr/share/nginx/html' },
  },
  {
    id: 'bitnami-nginx',
    repositories: ['bitnami/nginx', 'docker.io/bitnami/nginx'],
    entrypoint: [],
    cmd: ['nginx', '-g', 'daemon off;'],
    hasShell: true,
    missing: DEBIAN_MISSING.filter((p) => p !== 'nginx'),
    workingDir: '/app',
    layout: 'debian',
    summary: 'nginx on 8080/TCP (non-root) serving /app',
    stockFiles: nginxFiles('/app'),
    nginx: { port: 8080, root: '/app' },
  },
  {
    id: 'network-multitool',
    repositories: ['praqma/network-multitool', 'wbitt/network-multitool'],
    entrypoint: [],
    cmd: ['nginx', '-g', 'daemon off;'],
    hasShell: true,
    missing: ['python', 'python3'],
    workingDir: '/',
    layout: 'alpine',
    summary: 'nginx on 80/TCP and 443/TCP (HTTP_PORT, HTTPS_PORT) answering with a one-line page',
    stockFiles: (ctx) => ({
      '/usr/share/nginx/html/index.html': `Praqma Network MultiTool (with NGINX) - ${ctx.podName} - ${ctx.podIp ?? ''} - HTTP: 80 , HTTPS: 443\n`,
    }),
    nginx: { port: 80, root: '/usr/share/nginx/html', sslPort: 443 },
  },
  {
    id: 'httpd',
    repositories: ['httpd'],
    entrypoint: [],
    cmd: ['httpd-foreground'],
    hasShell: true,
    missing: DEBIAN_MISSING.filter((p) => p !== 'httpd'),
    workingDir: '/usr/local/apache2',
    layout: 'debian',
    summary: 'Apache httpd on 80/TCP serving /usr/local/apache2/htdocs',
    stockFiles: () => ({ '/usr/local/apache2/htdocs/index.html': httpdItWorksPage }),
  },
  {
    id: 'http-echo',
    repositories: ['hashicorp/http-echo'],
    entrypoint: ['/http-echo'],
    cmd: [],
    ...SCRATCH,
    summary: 'HTTP on -listen (default :5678) answering with -text and a newline',
  },
  {
    id: 'whoami',
    repositories: ['traefik/whoami', 'containous/whoami'],
    entrypoint: ['/whoami'],
    cmd: [],
    ...SCRATCH,
    summary: 'HTTP on 80 (--port, WHOAMI_PORT_NUMBER) echoing the request and the client address',
  },
  {
    id: 'echoserver',
    repositories: ['registry.k8s.io/echoserver', 'gcr.io/kubernetes-e2e-test-images/echoserver'],
    entrypoint: [],
    cmd: ['/usr/local/bin/run.sh'],
    hasShell: true,
    missing: NO_TOOLS,
    workingDir: '/',
    layout: 'debian',
    summary: 'HTTP on 8080 (and HTTPS on 8443) echoing the request and the client address',
  },
  {
    id: 'agnhost',
    repositories: ['registry.k8s.io/e2e-test-images/agnhost'],
    entrypoint: ['/agnhost'],
    cmd: ['pause'],
    hasShell: true,
    missing: ['python', 'python3', 'socat', 'nginx'],
    workingDir: '/',
    layout: 'alpine',
    summary:
      'the Kubernetes e2e test server: `pause` by default; netexec, serve-hostname or porter by args',
  },
  {
    id: 'redis',
    repositories: ['redis', 'bitnami/redis', 'valkey/valkey'],
    entrypoint: [],
    flagsProgram: 'redis-server',
    cmd: ['redis-server'],
    hasShell: true,
    missing: DEBIAN_MISSING,
    workingDir: '/data',
    layout: 'debian',
    summary: 'redis-server on 6379/TCP (replies +PONG to PING)',
  },
  {
    id: 'postgres',
    repositories: ['postgres', 'bitnami/postgresql'],
    entrypoint: [],
    flagsProgram: 'postgres',
    cmd: ['postgres'],
    hasShell: true,
    missing: DEBIAN_MISSING,
    workingDir: '/',
    layout: 'debian',
    summary: 'PostgreSQL on 5432/TCP',
  },
  {
    id: 'mysql',
    repositories: ['mysql', 'mariadb', 'bitnami/mysql', 'bitnami/mariadb'],
    entrypoint: [],
    flagsProgram: 'mysqld',
    cmd: ['mysqld'],
    hasShell: true,
    missing: DEBIAN_MISSING,
    workingDir: '/',
    layout: 'debian',
    summary: 'MySQL/MariaDB on 3306/TCP',
  },
  {
    id: 'memcached',
    repositories: ['memcached', 'bitnami/memcached'],
    entrypoint: [],
    flagsProgram: 'memcached',
    cmd: ['memcached'],
    hasShell: true,
    missing: DEBIAN_MISSING,
    workingDir: '/',
    layout: 'debian',
    summary: 'memcached on 11211/TCP',
  },
  {
    id: 'mongo',
    repositories: ['mongo', 'bitnami/mongodb'],
    entrypoint: [],
    flagsProgram: 'mongod',
    cmd: ['mongod'],
    hasShell: true,
    missing: DEBIAN_MISSING,
    workingDir: '/',
    layout: 'debian',
    summary: 'MongoDB on 27017/TCP',
  },
  {
    id: 'coredns',
    repositories: ['registry.k8s.io/coredns/coredns', 'coredns/coredns', 'registry.k8s.io/coredns'],
    entrypoint: ['/coredns'],
    cmd: [],
    ...SCRATCH,
    summary: 'DNS on 53/UDP and 53/TCP, Prometheus metrics on 9153/TCP',
  },
  {
    id: 'ingress-nginx',
    repositories: ['registry.k8s.io/ingress-nginx/controller'],
    entrypoint: [],
    cmd: ['/nginx-ingress-controller'],
    hasShell: true,
    missing: ['python', 'python3', 'socat'],
    workingDir: '/etc/nginx',
    layout: 'alpine',
    summary: 'ingress-nginx: HTTP on 80, HTTPS on 443, health and metrics on 10254',
  },
  {
    id: 'python',
    repositories: ['python', 'pypy'],
    entrypoint: [],
    cmd: ['python3'],
    hasShell: true,
    missing: NO_TOOLS.filter((p) => p !== 'python' && p !== 'python3'),
    workingDir: '/',
    layout: 'debian',
    summary: 'the python3 prompt, which exits at once without a terminal: it listens on nothing',
  },
  {
    id: 'pause',
    repositories: ['registry.k8s.io/pause'],
    entrypoint: ['/pause'],
    cmd: [],
    ...SCRATCH,
    summary: 'sleeps forever and listens on nothing',
  },
  shellImage('busybox', ['busybox'], 'sh', BUSYBOX_MISSING),
  shellImage('alpine', ['alpine'], '/bin/sh', ALPINE_MISSING),
  shellImage('ubuntu', ['ubuntu'], 'bash', DEBIAN_MISSING),
  shellImage('debian', ['debian'], 'bash', DEBIAN_MISSING),
  shellImage('centos', ['centos', 'quay.io/centos/centos'], 'bash', DEBIAN_MISSING),
  shellImage('fedora', ['fedora', 'registry.fedoraproject.org/fedora'], 'bash', NO_TOOLS),
  {
    ...shellImage('curl', ['curlimages/curl'], 'curl', ALPINE_MISSING),
    flagsProgram: 'curl',
    missing: ALPINE_MISSING.filter((p) => p !== 'curl'),
    layout: 'alpine',
    summary: 'curl with no URL, which exits at once: it listens on nothing',
  },
  {
    ...shellImage('netshoot', ['nicolaka/netshoot'], 'zsh', []),
    layout: 'alpine',
    summary: 'zsh, which exits at once without a terminal: it listens on nothing',
  },
];

const HUB_REGISTRIES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
const REGISTRY_ALIASES: Readonly<Record<string, string>> = {
  'k8s.gcr.io': 'registry.k8s.io',
  'gcr.io/google_containers': 'registry.k8s.io',
  'gcr.io/google-containers': 'registry.k8s.io',
};

/** Parse `[registry/]repository[:tag][@digest]`; the tag defaults to `latest`. */
export function parseImage(image: string): ImageRef {
  const noDigest = image.trim().split('@')[0] ?? '';
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const tag = colon > slash ? noDigest.slice(colon + 1) : 'latest';
  let path = (colon > slash ? noDigest.slice(0, colon) : noDigest).toLowerCase();
  for (const [alias, target] of Object.entries(REGISTRY_ALIASES)) {
    if (path.startsWith(`${alias}/`)) path = `${target}/${path.slice(alias.length + 1)}`;
  }
  const parts = path.split('/');
  const first = parts[0] ?? '';
  const hasRegistry =
    parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = hasRegistry ? first : '';
  let repository = hasRegistry ? parts.slice(1).join('/') : path;
  if (HUB_REGISTRIES.has(registry)) registry = '';
  if (registry === '' && repository.startsWith('library/')) repository = repository.slice(8);
  return { registry, repository, tag, name: registry ? `${registry}/${repository}` : repository };
}

const byName = new Map<string, ImageProfile>();
for (const p of IMAGE_PROFILES) for (const r of p.repositories) byName.set(r, p);

/**
 * The profile of an image, by its repository (tag ignored), or null for an image we do not
 * know. A mirror keeps its profile: `mirror.gcr.io/library/nginx` is nginx.
 */
export function findImageProfile(image: string): ImageProfile | null {
  const ref = parseImage(image);
  const direct = byName.get(ref.name);
  if (direct) return direct;
  const withoutRegistry = ref.repository.startsWith('library/')
    ? ref.repository.slice(8)
    : ref.repository;
  return byName.get(withoutRegistry) ?? null;
}

/** `nginx/1.27.4` when the tag is a full version, else just the product name. */
export function serverHeaderFor(product: string, tag: string): string {
  const version = /^v?(\d+\.\d+\.\d+)/.exec(tag)?.[1];
  return version ? `${product}/${version}` : product;
}
