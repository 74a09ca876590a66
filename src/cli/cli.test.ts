import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/k8snet.mjs');
let dir = '';

function k8snet(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const POLICY_SCENARIO = `apiVersion: v1
kind: Namespace
metadata: {name: x, labels: {team: a}}
---
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: x, labels: {app: a}}
spec: {nodeName: worker-1, containers: [{name: c, image: nginx, ports: [{name: http, containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: x, labels: {app: b}}
spec: {nodeName: worker-2, containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: c, namespace: default, labels: {app: c}}
spec: {containers: [{name: c, image: busybox}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: a-from-b, namespace: x}
spec:
  podSelector: {matchLabels: {app: a}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: b}}}]
    ports: [{port: http}]
`;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'k8snet-cli-'));
  writeFileSync(path.join(dir, 'scenario.yaml'), POLICY_SCENARIO);
  writeFileSync(
    path.join(dir, 'bad.yaml'),
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  contianers: []\n',
  );
  mkdirSync(path.join(dir, 'manifests/sub'), { recursive: true });
  writeFileSync(
    path.join(dir, 'manifests/one.yaml'),
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: one}\n',
  );
  writeFileSync(
    path.join(dir, 'manifests/sub/two.yml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: two}\n',
  );
  writeFileSync(path.join(dir, 'manifests/notes.txt'), 'not a manifest');
  writeFileSync(
    path.join(dir, 'flannel.yaml'),
    `${POLICY_SCENARIO}---\napiVersion: k8snet.dev/v1alpha1\nkind: ClusterSettings\nmetadata: {name: cluster}\nspec: {cni: {plugin: flannel}}\n`,
  );
  writeFileSync(path.join(dir, 'big.yaml'), Buffer.alloc(6 * 1024 * 1024, 0x20));
  writeFileSync(path.join(dir, 'binary.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
});

describe('usage and exit codes', () => {
  it('prints usage on stderr and exits 2 without a command', () => {
    const r = k8snet([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: k8snet <command> FILE… [options]');
  });
  it('prints help on stdout and exits 0 for --help, per command too', () => {
    expect(k8snet(['--help'])).toMatchObject({ code: 0, stderr: '' });
    const m = k8snet(['matrix', '--help']);
    expect(m.code).toBe(0);
    expect(m.stdout).toContain('Usage: k8snet matrix FILE… [--port N]');
    expect(k8snet(['explain', '--help']).stdout).toContain('--pod NS/NAME');
    expect(k8snet(['validate', '-h']).stdout).toContain('Usage: k8snet validate FILE…');
  });
  it('exits 2 for an unknown command, an unknown flag, a missing argument or a bad value', () => {
    expect(k8snet(['frobnicate']).code).toBe(2);
    const flag = k8snet(['matrix', 'scenario.yaml', '--colour']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--colour'");
    expect(k8snet(['validate']).code).toBe(2);
    expect(k8snet(['explain', 'scenario.yaml']).stderr).toContain('--pod NS/NAME is required');
    expect(k8snet(['matrix', 'scenario.yaml', '--port', '70000']).code).toBe(2);
    expect(k8snet(['matrix', 'scenario.yaml', '--protocol', 'ICMP']).stderr).toContain(
      '--protocol must be TCP, UDP or SCTP',
    );
  });
});

describe('validate', () => {
  it('prints file:line:col: severity: path: message and exits 1 on errors', () => {
    const r = k8snet(['validate', 'bad.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'bad.yaml:5:3: error: spec.contianers: unknown field "contianers" in PodSpec; did you mean "containers"?',
    );
    expect(r.stderr).toMatch(/1 object checked: \d+ errors?, 0 warnings/);
  });
  it('exits 0 when there are only warnings and infos', () => {
    const r = k8snet(['validate', 'manifests']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'manifests/sub/two.yml:2:7: info: kind: ConfigMap is kept but not simulated by the playground\n',
    );
    expect(r.stderr).toBe('2 objects checked: 0 errors, 0 warnings\n');
  });
  it('reads standard input for -', () => {
    const r = k8snet(
      ['validate', '-'],
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx, ports: [{containerPort: 0}]}]}\n',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<stdin>:4:/);
  });
  it('refuses an input over the size limit with one error naming the file and the limit', () => {
    const r = k8snet(['validate', 'big.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'big.yaml:1:1: error: input is 6.0 MiB, over the limit of 5.0 MiB; split it into smaller files\n',
    );
  });
  it('says a binary file is not a manifest', () => {
    const r = k8snet(['validate', 'binary.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('binary.yaml:1:5: error: this looks like a binary file');
  });
  it('reports a missing file', () => {
    const r = k8snet(['validate', 'nope.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('nope.yaml:1:1: error: no such file or directory; check the path\n');
  });
});

describe('matrix', () => {
  it('prints exactly one JSON document with --json', () => {
    const r = k8snet(['matrix', 'scenario.yaml', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      pods: ['x/a', 'x/b', 'default/c'],
      port: 80,
      protocol: 'TCP',
      allowed: [
        [true, true, true],
        [true, true, true],
        [false, true, true],
      ],
    });
  });
  it('applies named ports per destination: port 81 is not "http"', () => {
    const r = k8snet(['matrix', 'scenario.yaml', '--json', '--port', '81']);
    expect((JSON.parse(r.stdout) as { allowed: boolean[][] }).allowed).toEqual([
      [true, true, true],
      [false, true, true],
      [false, true, true],
    ]);
  });
  it('prints a grid grouped by namespace, and filters by --namespace', () => {
    const r = k8snet(['matrix', 'scenario.yaml']);
    expect(r.stdout).toBe(
      [
        'TCP/80: may the row pod open a connection to the column pod? (✓ allowed, ✗ denied)',
        '',
        '             x     default',
        '             1 2   3',
        '1 x/a        ✓ ✓   ✓',
        '2 x/b        ✓ ✓   ✓',
        '',
        '3 default/c  ✗ ✓   ✓',
        '',
        '8 of 9 pairs allowed',
        '',
      ].join('\n'),
    );
    const x = k8snet(['matrix', 'scenario.yaml', '--namespace', 'x', '--json']);
    expect((JSON.parse(x.stdout) as { pods: string[] }).pods).toEqual(['x/a', 'x/b']);
  });
  it('warns on stderr that flannel does not enforce policies, and allows every pair', () => {
    const r = k8snet(['matrix', 'flannel.yaml', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('the flannel CNI does not enforce NetworkPolicy');
    expect((JSON.parse(r.stdout) as { allowed: boolean[][] }).allowed.flat().every(Boolean)).toBe(
      true,
    );
  });
  it('exits 1 without an answer when the input has errors', () => {
    const r = k8snet(['matrix', 'bad.yaml', '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.yaml:5:3: error:');
  });
});

describe('explain', () => {
  it('says which policies select the pod and what they allow, in words', () => {
    const r = k8snet(['explain', 'scenario.yaml', '--pod', 'x/a']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Pod x/a  ip 10.244.1.2  node worker-1');
    expect(r.stdout).toContain('Selected by:\n  x/a-from-b (Ingress)');
    expect(r.stdout).toContain(
      'Ingress: isolated\n  Incoming traffic is allowed only from pods with app=b in namespace x on TCP port named "http" (isolated by x/a-from-b).',
    );
    expect(r.stdout).toContain('Egress: not isolated');
  });
  it('exits 1 and lists pods of the namespace for an unknown pod', () => {
    const r = k8snet(['explain', 'scenario.yaml', '--pod', 'x/zz']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('k8snet explain: no pod x/zz; pods in x: x/a, x/b\n');
  });
});
