import { describe, expect, it } from 'vitest';
import { podProcesses } from './containers';
import { processLine } from './containerRun';
import { findImageProfile, parseImage, serverHeaderFor } from './images';
import { scenarioOf } from './testing/scenario';
import type { SimPod } from './types';

/** A one-container pod named `p` with the given container fields (YAML flow mapping body). */
function pod(container: string, extra = ''): SimPod {
  const s = scenarioOf(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: c, ${container}}
${extra}`);
  const p = s.cluster.podByKey.get('default/p');
  if (!p) throw new Error('no pod');
  return p;
}

const listeners = (p: SimPod) =>
  podProcesses(p).listeners.map((l) => `${l.port}/${l.protocol} ${l.app} ${l.process}`);

describe('parseImage', () => {
  it.each([
    ['nginx', '', 'nginx', 'latest', 'nginx'],
    ['nginx:alpine', '', 'nginx', 'alpine', 'nginx'],
    ['docker.io/library/nginx:1.27.4', '', 'nginx', '1.27.4', 'nginx'],
    ['index.docker.io/bitnami/nginx:1.25', '', 'bitnami/nginx', '1.25', 'bitnami/nginx'],
    [
      'k8s.gcr.io/echoserver:1.4',
      'registry.k8s.io',
      'echoserver',
      '1.4',
      'registry.k8s.io/echoserver',
    ],
    [
      'registry.k8s.io/e2e-test-images/agnhost:2.39@sha256:abc',
      'registry.k8s.io',
      'e2e-test-images/agnhost',
      '2.39',
      'registry.k8s.io/e2e-test-images/agnhost',
    ],
    ['localhost:5000/team/api', 'localhost:5000', 'team/api', 'latest', 'localhost:5000/team/api'],
  ])('%s', (image, registry, repository, tag, name) => {
    expect(parseImage(image)).toEqual({ registry, repository, tag, name });
  });
});

describe('findImageProfile', () => {
  it.each([
    ['nginx:alpine', 'nginx'],
    ['docker.io/library/nginx:1.27', 'nginx'],
    ['mirror.gcr.io/library/nginx', 'nginx'],
    ['bitnami/nginx:latest', 'bitnami-nginx'],
    ['httpd:2.4', 'httpd'],
    ['hashicorp/http-echo:1.0', 'http-echo'],
    ['traefik/whoami:v1.10', 'whoami'],
    ['k8s.gcr.io/echoserver:1.10', 'echoserver'],
    ['registry.k8s.io/e2e-test-images/agnhost:2.53', 'agnhost'],
    ['redis:7', 'redis'],
    ['postgres:16', 'postgres'],
    ['mariadb:11', 'mysql'],
    ['registry.k8s.io/coredns/coredns:v1.11.3', 'coredns'],
    ['registry.k8s.io/ingress-nginx/controller:v1.12.0', 'ingress-nginx'],
    ['python:3.12-slim', 'python'],
    ['busybox:1.36', 'busybox'],
    ['curlimages/curl', 'curl'],
    ['nicolaka/netshoot', 'netshoot'],
    ['praqma/network-multitool', 'network-multitool'],
  ])('%s is %s', (image, id) => {
    expect(findImageProfile(image)?.id).toBe(id);
  });
  it('does not know a private image', () => {
    expect(findImageProfile('ghcr.io/acme/api:1.2.3')).toBeNull();
  });
  it('names the server version only when the tag is a full version', () => {
    expect(serverHeaderFor('nginx', '1.27.4-alpine')).toBe('nginx/1.27.4');
    expect(serverHeaderFor('nginx', 'alpine')).toBe('nginx');
  });
});

describe('process line (command replaces ENTRYPOINT, args replaces CMD)', () => {
  it('runs the image default without command and args', () => {
    expect(processLine(pod('image: nginx').containers[0]!, findImageProfile('nginx'))).toEqual([
      'nginx',
      '-g',
      'daemon off;',
    ]);
  });
  it('gives args to an ENTRYPOINT that takes flags', () => {
    const c = pod('image: hashicorp/http-echo, args: ["-text=hi"]').containers[0]!;
    expect(processLine(c, findImageProfile(c.image))).toEqual(['/http-echo', '-text=hi']);
  });
  it('prepends the server when redis args start with a flag, as docker-entrypoint.sh does', () => {
    const c = pod('image: redis, args: ["--port", "7000"]').containers[0]!;
    expect(processLine(c, findImageProfile(c.image))).toEqual(['redis-server', '--port', '7000']);
  });
  it('expands $(VAR) from the container env and keeps $$(VAR) literal', () => {
    const c = pod(
      'image: busybox, command: [sh, -c, "echo $(MSG) $$(MSG)"], env: [{name: MSG, value: hi}]',
    ).containers[0]!;
    expect(processLine(c, findImageProfile(c.image))).toEqual(['sh', '-c', 'echo hi $(MSG)']);
  });
});

describe('default listeners of well-known images', () => {
  it.each([
    ['nginx:1.27', ['80/TCP http nginx']],
    ['bitnami/nginx', ['8080/TCP http nginx']],
    ['nginxinc/nginx-unprivileged', ['8080/TCP http nginx']],
    ['praqma/network-multitool', ['80/TCP http nginx', '443/TCP https nginx']],
    ['httpd', ['80/TCP http httpd']],
    ['traefik/whoami', ['80/TCP http whoami']],
    [
      'registry.k8s.io/echoserver:1.10',
      ['8080/TCP http nginx (echoserver)', '8443/TCP https nginx (echoserver)'],
    ],
    ['redis', ['6379/TCP redis redis-server']],
    ['postgres:16', ['5432/TCP postgres postgres']],
    ['mysql:8', ['3306/TCP mysql mysqld']],
    ['memcached', ['11211/TCP memcached memcached']],
    ['mongo', ['27017/TCP mongodb mongod']],
    [
      'registry.k8s.io/ingress-nginx/controller:v1.12.0',
      [
        '80/TCP http nginx-ingress-controller',
        '443/TCP https nginx-ingress-controller',
        '10254/TCP http nginx-ingress-controller',
      ],
    ],
    ['registry.k8s.io/e2e-test-images/agnhost:2.39', []],
    ['busybox', []],
    ['ubuntu', []],
    ['curlimages/curl', []],
    ['python:3.12', []],
  ])('%s', (image, expected) => {
    expect(listeners(pod(`image: "${image}"`))).toEqual(expected);
  });

  it('runs the system CoreDNS with its Corefile: DNS on 53 UDP and TCP, metrics on 9153', () => {
    const s = scenarioOf('apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n');
    const dns = s.cluster.pods.find((p) => p.isSystem)!;
    expect(listeners(dns)).toEqual([
      '53/UDP dns coredns',
      '53/TCP dns coredns',
      '8080/TCP http coredns',
      '8181/TCP http coredns',
      '9153/TCP http coredns',
    ]);
  });

  it('agnhost subcommands: netexec, serve-hostname, porter', () => {
    const img = 'image: registry.k8s.io/e2e-test-images/agnhost:2.39';
    expect(listeners(pod(`${img}, args: [netexec, --http-port=8080, --udp-port=8081]`))).toEqual([
      '8080/TCP http agnhost netexec',
      '8081/UDP udp agnhost netexec',
    ]);
    expect(listeners(pod(`${img}, args: [serve-hostname]`))).toEqual([
      '9376/TCP http agnhost serve-hostname',
    ]);
    expect(
      listeners(
        pod(
          `${img}, args: [porter], env: [{name: SERVE_PORT_8080, value: foo}, {name: SERVE_TLS_PORT_8443, value: tls}]`,
        ),
      ),
    ).toEqual(['8080/TCP http agnhost porter', '8443/TCP https agnhost porter']);
  });

  it('http-echo listens on -listen, and exits without -text', () => {
    expect(
      listeners(pod('image: hashicorp/http-echo, args: ["-listen=:8080", "-text=hi"]')),
    ).toEqual(['8080/TCP http http-echo']);
    const bare = podProcesses(pod('image: hashicorp/http-echo'));
    expect(bare.listeners).toEqual([]);
    expect(bare.containers[0]?.state).toBe('crash-loop');
    expect(bare.containers[0]?.logs).toBe('Missing -text option OR ENV var TEXT is empty!\n');
  });

  it('whoami takes --port or WHOAMI_PORT_NUMBER', () => {
    expect(listeners(pod('image: traefik/whoami, args: ["--port", "8081"]'))).toEqual([
      '8081/TCP http whoami',
    ]);
    expect(
      listeners(pod('image: traefik/whoami, env: [{name: WHOAMI_PORT_NUMBER, value: "9000"}]')),
    ).toEqual(['9000/TCP http whoami']);
  });

  it('a shell image with no command exits at once: nothing listens, the container restarts', () => {
    const run = podProcesses(pod('image: busybox')).containers[0];
    expect(run?.state).toBe('crash-loop');
    expect(run?.argv).toEqual(['sh']);
    expect(run?.reason).toContain('CrashLoopBackOff');
  });
});
