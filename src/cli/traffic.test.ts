import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let dir = '';

function k8snet(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/k8snet.mjs'), ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SCENARIO = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {nodeName: worker-1, containers: [{name: nginx, image: nginx, ports: [{name: http, containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, labels: {app: client}}
spec: {nodeName: worker-2, containers: [{name: c, image: curlimages/curl, command: [sleep, infinity]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {clusterIP: 10.96.50.50, selector: {app: web}, ports: [{name: http, port: 80, targetPort: http}]}
---
apiVersion: v1
kind: Namespace
metadata: {name: locked}
---
apiVersion: v1
kind: Pod
metadata: {name: jailed, namespace: locked}
spec: {nodeName: worker-2, containers: [{name: c, image: curlimages/curl, command: [sleep, infinity]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress, namespace: locked}
spec: {podSelector: {}, policyTypes: [Egress]}
`;

const EXPECT = `checks:
- from: default/client
  to: web
  expect: delivered
  body: Welcome to nginx
- from: locked/jailed
  to: web.default
  expect: delivered
- from: default/client
  to: default/web
  port: 8080
  expect: refused
`;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'k8snet-traffic-'));
  writeFileSync(path.join(dir, 'scenario.yaml'), SCENARIO);
  writeFileSync(path.join(dir, 'expect.yaml'), EXPECT);
  writeFileSync(
    path.join(dir, 'bad-expect.yaml'),
    'checks:\n- from: default/client\n  to: web\n  expect: maybe\n',
  );
});

describe('probe', () => {
  it('prints one JSON document with the contract fields', () => {
    const r = k8snet([
      'probe',
      'scenario.yaml',
      '--from',
      'default/client',
      '--to',
      'web',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(j).sort()).toEqual([
      'backend',
      'backends',
      'explanation',
      'from',
      'hops',
      'port',
      'protocol',
      'resolved',
      'response',
      'seenSource',
      'verdict',
    ]);
    expect(j).toMatchObject({
      verdict: 'delivered',
      from: { name: 'default/client', ip: '10.244.2.2' },
      resolved: { name: 'web.default.svc.cluster.local', ip: '10.96.50.50', cname: null },
      backend: { pod: 'default/web', ip: '10.244.1.2' },
      backends: [{ pod: 'default/web', ip: '10.244.1.2' }],
      seenSource: '10.244.2.2',
      response: { status: 200 },
    });
  });
  it('prints the verdict and the hops in words, and exits 0 for a denied answer', () => {
    const r = k8snet(['probe', 'scenario.yaml', '--from', 'locked/jailed', '--to', 'web.default']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('verdict: denied');
    expect(r.stdout).toContain(
      'why: name resolution failed: the DNS query to 10.96.0.10:53/UDP was blocked',
    );
  });
  it('exits 2 without --from or --to', () => {
    expect(k8snet(['probe', 'scenario.yaml', '--to', 'web']).code).toBe(2);
  });
});

describe('rules', () => {
  it('prints the node nat table as iptables-save would', () => {
    const r = k8snet(['rules', 'scenario.yaml', '--node', 'worker-1']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('*nat');
    expect(r.stdout).toContain(
      '-A KUBE-SERVICES -d 10.96.50.50/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-',
    );
    expect(r.stdout).toContain('-j DNAT --to-destination 10.244.1.2:80');
    expect(r.stdout.trimEnd().endsWith('COMMIT')).toBe(true);
  });
  it('prints nftables and ipvsadm forms, noting that IPVS is deprecated', () => {
    expect(
      k8snet([
        'rules',
        'scenario.yaml',
        '--node',
        'worker-1',
        '--mode',
        'nftables',
      ]).stdout.startsWith('table ip kube-proxy {'),
    ).toBe(true);
    const ipvs = k8snet(['rules', 'scenario.yaml', '--node', 'worker-1', '--mode', 'ipvs']);
    expect(ipvs.stdout).toContain(
      'TCP  10.96.50.50:80 rr\n  -> 10.244.1.2:80                Masq    1      0          0',
    );
    expect(ipvs.stderr).toContain('deprecated');
  });
  it('exits 1 for an unknown node and 2 for a bad mode', () => {
    expect(k8snet(['rules', 'scenario.yaml', '--node', 'nope']).code).toBe(1);
    expect(k8snet(['rules', 'scenario.yaml', '--node', 'worker-1', '--mode', 'pf']).code).toBe(2);
  });
});

describe('test', () => {
  it('prints a line per check, why a mismatch happened, and N passed, M failed', () => {
    const r = k8snet(['test', 'scenario.yaml', '--expect', 'expect.yaml']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('✓ default/client → web: expected delivered, got delivered');
    expect(lines[1]).toMatch(
      /^✗ locked\/jailed → web\.default: expected delivered, got denied — name resolution failed/,
    );
    expect(lines[2]).toBe('✓ default/client → default/web :8080: expected refused, got refused');
    expect(lines[3]).toBe('2 passed, 1 failed');
  });
  it('points at a bad expectation with file:line:col', () => {
    const r = k8snet(['test', 'scenario.yaml', '--expect', 'bad-expect.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'bad-expect.yaml:4:11: error: checks[0].expect: expect must be one of delivered, denied, refused, no-endpoints, nxdomain, unreachable, not-found\n',
    );
  });
});
