import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runValidate } from '../cli/commands/validate';
import { parseManifests } from '../model/parseManifests';
import { MAX_LINTED_PODS, requestedPods, validateDraft } from './validateDraft';

// The CLI's output, captured instead of written to the process's stdout and stderr.
const printed = vi.hoisted(() => ({ stdout: '', stderr: '' }));
vi.mock('../cli/output', () => ({
  out: (s: string) => {
    printed.stdout += s;
  },
  err: (s: string) => {
    printed.stderr += s;
  },
}));

const FILE = 'scenario.yaml';

function texts(content: string): string[] {
  return validateDraft([{ file: FILE, content }]).map((v) => v.text);
}

const SYNTAX_ERROR = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: c
      image: "nginx
`;

const TYPO = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  contianers:
    - name: c
      image: nginx
`;

const REMOVED_API = `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: web
spec:
  backend:
    serviceName: web
    servicePort: 80
`;

const LONELY_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
`;

const SERVICE_WARNING =
  'scenario.yaml:7:5: warning: spec.selector: Service selects no pods in namespace default (selector app=web); it will have no endpoints — check the labels of your pods (kubectl get pods -n default -l app=web)';

function deployment(replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: big
spec:
  replicas: ${String(replicas)}
  selector:
    matchLabels: {app: big}
  template:
    metadata:
      labels: {app: big}
    spec:
      containers: [{name: c, image: nginx}]
---
${LONELY_SERVICE}`;
}

describe('validateDraft', () => {
  it('reports a YAML syntax error with its line and column', () => {
    expect(texts(SYNTAX_ERROR)).toEqual([
      'scenario.yaml:9:1: error: YAML syntax error: Missing closing "quote',
    ]);
  });

  it('names an unknown field and the field it probably meant', () => {
    expect(texts(TYPO)).toEqual([
      'scenario.yaml:5:1: error: spec.containers: missing required field "containers" in PodSpec',
      'scenario.yaml:6:3: error: spec.contianers: unknown field "contianers" in PodSpec; did you mean "containers"?',
    ]);
    const typo = validateDraft([{ file: FILE, content: TYPO }])[1]?.diagnostic;
    expect(typo).toMatchObject({ line: 6, col: 3, severity: 'error', code: 'unknown-field' });
  });

  it('says which apiVersion replaces a removed one', () => {
    expect(texts(REMOVED_API)).toEqual([
      'scenario.yaml:1:13: error: apiVersion: Ingress in extensions/v1beta1 is no longer served by Kubernetes; use apiVersion: networking.k8s.io/v1 (and backend.service.name / backend.service.port.number instead of serviceName / servicePort)',
    ]);
  });

  it('includes the semantic lint while the draft is small', () => {
    expect(texts(LONELY_SERVICE)).toEqual([SERVICE_WARNING]);
    // The Service comes after a Deployment of 15 lines, so its selector moves down 15 lines.
    expect(texts(deployment(2))).toEqual([SERVICE_WARNING.replace(':7:5:', ':21:5:')]);
  });

  it('skips the build and its lint when the draft asks for more pods than that', () => {
    // Finding that the Service selects nothing needs the build, skipped here.
    expect(texts(deployment(MAX_LINTED_PODS + 1))).toEqual([]);
  });

  it('reports an empty draft as fine, and a clean one as clean', () => {
    expect(texts('')).toEqual([]);
    expect(texts(TYPO.replace('contianers', 'containers'))).toEqual([]);
  });
});

describe('requestedPods', () => {
  it('counts pods, replicas, parallelism and one DaemonSet pod per node', () => {
    const { manifests } = parseManifests([
      {
        file: FILE,
        content: `${deployment(4)}---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: c, image: busybox}]}
---
${TYPO.replace('contianers', 'containers')}`,
      },
    ]);
    // 4 replicas + 3 DaemonSet pods (the default cluster's nodes) + 1 Pod.
    expect(requestedPods(manifests)).toBe(8);
  });
});

describe('validateDraft and k8snet validate', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'k8snet-draft-'));

  beforeEach(() => {
    printed.stdout = '';
    printed.stderr = '';
  });

  it.each([
    ['a syntax error', SYNTAX_ERROR],
    ['an unknown field', TYPO],
    ['a removed apiVersion', REMOVED_API],
    ['a semantic warning', LONELY_SERVICE],
    ['all of them', `${TYPO}---\n${REMOVED_API}---\n${LONELY_SERVICE}`],
  ])('prints the same lines for %s', (_, content) => {
    const file = path.join(dir, FILE);
    writeFileSync(file, content);
    runValidate([file], {});
    const cli = printed.stdout.split('\n').filter((line) => line !== '');
    expect(cli.length).toBeGreaterThan(0);
    expect(validateDraft([{ file, content }]).map((v) => v.text)).toEqual(cli);
  });
});
