import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics';
import type { InputFile } from './parseManifests';
import { parseManifests } from './parseManifests';
import { MAX_INPUT_BYTES } from './yamlSource';

function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '\n')
    .split('\n');
  const indent = Math.min(
    ...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0),
  );
  return lines.map((l) => l.slice(indent)).join('\n');
}

function parse(...files: [string, string | Uint8Array][]) {
  const inputs: InputFile[] = files.map(([file, content]) => ({
    file,
    content: typeof content === 'string' ? dedent(content) : content,
  }));
  const result = parseManifests(inputs);
  return {
    ...result,
    lines: result.diagnostics.map(formatDiagnostic),
    keys: result.manifests.map((m) => `${m.kind} ${m.namespace}/${m.name}`),
  };
}

const POD = `
  apiVersion: v1
  kind: Pod
  metadata: {name: web}
  spec:
    containers: [{name: web, image: nginx}]
`;

describe('parseManifests', () => {
  it('reads several files and documents, skipping empty ones', () => {
    const result = parse(
      ['a.yaml', `---\n${dedent(POD)}---\n---\n# just a comment\n---\n`],
      [
        'b.yaml',
        `
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec: {selector: {app: web}, ports: [{port: 80}]}
        `,
      ],
    );
    expect(result.lines).toEqual([]);
    expect(result.keys).toEqual(['Pod default/web', 'Namespace /shop', 'Service shop/web']);
    expect(result.objectCount).toBe(3);
    expect(result.manifests[2]?.source).toMatchObject({ file: 'b.yaml', docIndex: 1 });
  });

  it('reads JSON and `kind: List` output of kubectl get -o yaml/json', () => {
    const json = JSON.stringify(
      {
        apiVersion: 'v1',
        kind: 'List',
        items: [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
          {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: 'web' },
            spec: { ports: [{ port: '80' }] },
          },
        ],
      },
      null,
      2,
    );
    const result = parse(['list.json', json]);
    expect(result.lines).toEqual([
      'list.json:21:21: error: spec.ports[0].port: must be an integer, got the string "80"; remove the quotes: 80',
    ]);
    expect(result.keys).toEqual(['Namespace /shop']);
    expect(result.objectCount).toBe(2);
    expect(result.manifests[0]?.source).toMatchObject({ docIndex: 0, listIndex: 0 });
  });

  it('keeps kinds it does not simulate, with a note', () => {
    const result = parse([
      'cm.yaml',
      `
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {a: b}
      ---
      apiVersion: monitoring.coreos.com/v1
      kind: ServiceMonitor
      metadata: {name: web}
      `,
    ]);
    expect(result.lines).toEqual([
      'cm.yaml:2:7: info: kind: ConfigMap is kept but not simulated by the playground',
      'cm.yaml:7:7: warning: kind: ServiceMonitor (monitoring.coreos.com/v1) is a custom resource; it is kept but not simulated',
    ]);
    expect(result.keys).toEqual(['Other default/settings', 'Other /web']);
  });

  it('rejects duplicates within and across files, pointing at the first', () => {
    const result = parse(['a.yaml', POD], ['b.yaml', `${dedent(POD)}---\n${dedent(POD)}`]);
    expect(result.lines).toEqual([
      'b.yaml:3:18: error: metadata.name: duplicate Pod "default/web": already defined at a.yaml:3:18; rename one of them or remove the copy',
      'b.yaml:9:18: error: metadata.name: duplicate Pod "default/web": already defined at a.yaml:3:18; rename one of them or remove the copy',
    ]);
    expect(result.keys).toEqual(['Pod default/web']);
    expect(result.objectCount).toBe(3);
  });

  it('needs apiVersion, kind and a name (or generateName)', () => {
    const result = parse([
      'm.yaml',
      `
      kind: Pod
      ---
      apiVersion: v1
      metadata: {name: x}
      ---
      apiVersion: v1
      kind: Pod
      spec: {containers: [{name: a, image: b}]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {labels: {app: web}}
      spec: {containers: [{name: a, image: b}]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {generateName: web-}
      spec: {containers: [{name: a, image: b}]}
      ---
      - not
      - an object
      `,
    ]);
    expect(result.lines).toEqual([
      'm.yaml:1:1: error: apiVersion: missing apiVersion (e.g. "v1" for a Pod, "apps/v1" for a Deployment)',
      'm.yaml:3:1: error: kind: missing kind (e.g. Pod, Service, Deployment)',
      'm.yaml:6:1: error: metadata: missing required field "metadata" in Pod',
      'm.yaml:12:1: error: metadata.name: missing metadata.name; every object needs a name (or generateName for a generated one)',
      'm.yaml:20:1: error: a manifest must be a map with apiVersion, kind and metadata; this document is not a map',
    ]);
    expect(result.keys).toHaveLength(1);
    expect(result.keys[0]).toMatch(/^Pod default\/web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});

describe('apiVersion and kind', () => {
  it('suggests the right kind or apiVersion', () => {
    const result = parse([
      'k.yaml',
      `
      apiVersion: v1
      kind: Podd
      metadata: {name: x}
      ---
      apiVersion: apps/v2
      kind: Deployment
      metadata: {name: x}
      ---
      apiVersion: networking.k8s.io/v2
      kind: NetworkPolicy
      metadata: {name: x}
      ---
      apiVersion: v2
      kind: Gizmo
      metadata: {name: x}
      `,
    ]);
    expect(result.lines).toEqual([
      'k.yaml:2:7: error: kind: unknown kind "Podd" for apiVersion v1; did you mean "Pod"?',
      'k.yaml:5:13: error: apiVersion: unknown apiVersion "apps/v2" for Deployment; use apiVersion: apps/v1',
      'k.yaml:9:13: error: apiVersion: unknown apiVersion "networking.k8s.io/v2" for NetworkPolicy; use apiVersion: networking.k8s.io/v1',
      'k.yaml:13:13: error: apiVersion: unknown apiVersion "v2"; did you mean "v1"?',
    ]);
  });

  it('names the replacement of removed apiVersions', () => {
    const result = parse([
      'old.yaml',
      `
      apiVersion: extensions/v1beta1
      kind: Ingress
      metadata: {name: shop}
      ---
      apiVersion: extensions/v1beta1
      kind: NetworkPolicy
      metadata: {name: deny}
      ---
      apiVersion: apps/v1beta1
      kind: Deployment
      metadata: {name: web}
      ---
      apiVersion: networking.k8s.io/v1beta1
      kind: Ingress
      metadata: {name: shop2}
      `,
    ]);
    expect(result.lines).toEqual([
      'old.yaml:1:13: error: apiVersion: Ingress in extensions/v1beta1 is no longer served by Kubernetes; use apiVersion: networking.k8s.io/v1 (and backend.service.name / backend.service.port.number instead of serviceName / servicePort)',
      'old.yaml:5:13: error: apiVersion: NetworkPolicy in extensions/v1beta1 is no longer served by Kubernetes; use apiVersion: networking.k8s.io/v1',
      'old.yaml:9:13: error: apiVersion: Deployment in apps/v1beta1 is no longer served by Kubernetes; use apiVersion: apps/v1',
      'old.yaml:13:13: error: apiVersion: Ingress in networking.k8s.io/v1beta1 is no longer served by Kubernetes; use apiVersion: networking.k8s.io/v1 (and backend.service.name / backend.service.port.number instead of serviceName / servicePort)',
    ]);
    expect(result.objectCount).toBe(4);
    expect(result.manifests).toEqual([]);
  });
});

describe('syntax and shape errors', () => {
  it('reports YAML syntax errors by line and column and keeps the other documents', () => {
    const result = parse([
      's.yaml',
      `
      apiVersion: v1
      kind: Pod
      metadata:
        name: a
         labels: {}
      ---
      ${dedent(POD).split('\n').join('\n      ')}
      `,
    ]);
    expect(result.lines).toEqual([
      's.yaml:4:9: error: YAML syntax error: Implicit keys need to be on a single line',
      's.yaml:4:9: error: YAML syntax error: Nested mappings are not allowed in compact mappings',
    ]);
    expect(result.keys).toEqual(['Pod default/web']);
  });

  it('reports typos, wrong types and missing fields on the same object', () => {
    const result = parse([
      'd.yaml',
      `
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: {version: 2}
      spec:
        replica: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            contianers: [{name: web, image: nginx}]
      `,
    ]);
    expect(result.lines).toEqual([
      'd.yaml:5:21: error: metadata.labels.version: must be a string, got the number 2; quote it (version: "2")',
      'd.yaml:7:3: error: spec.replica: unknown field "replica" in DeploymentSpec; did you mean "replicas"?',
      'd.yaml:11:5: error: spec.template.spec.containers: missing required field "containers" in PodSpec',
      'd.yaml:12:7: error: spec.template.spec.contianers: unknown field "contianers" in PodSpec; did you mean "containers"?',
    ]);
    expect(result.manifests).toEqual([]);
  });
});

describe('hostile input never throws', () => {
  const binary = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x0a, 0x00]);
  const latin1 = new Uint8Array([...new TextEncoder().encode('kind: Pod\nname: caf'), 0xe9, 0x0a]);
  const laughs = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...'bcdefghij'.split('').map((n, i) => {
      const prev = String.fromCharCode(97 + i);
      return `${n}: &${n} [${Array<string>(10).fill(`*${prev}`).join(',')}]`;
    }),
  ].join('\n');
  const cases: [string, string | Uint8Array, string][] = [
    [
      'binary',
      binary,
      'binary:1:7: error: this looks like a binary file (it contains a NUL byte), not YAML or JSON; give a manifest text file',
    ],
    ['latin1', latin1, 'latin1:2:10: error: invalid UTF-8 (byte 0xe9); save the file as UTF-8'],
    [
      'huge',
      `a: "${'x'.repeat(MAX_INPUT_BYTES)}"`,
      'huge:1:1: error: input is 5.0 MiB, over the limit of 5.0 MiB; split it into smaller files',
    ],
    [
      'laughs',
      laughs,
      'laughs:5:29: error: aliases expand to more than 100,000 values (an alias "bomb"?); write the repeated parts out or remove the nested aliases',
    ],
    [
      'flow',
      '['.repeat(100_000) + ']'.repeat(100_000),
      'flow:1:67: error: nested more than 64 levels deep; Kubernetes objects never need this (a Pod template is about 12)',
    ],
    [
      'block',
      Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}k:`).join('\n') + ' v\n',
      'block:66:132: error: nested more than 64 levels deep; Kubernetes objects never need this (a Pod template is about 12)',
    ],
  ];
  for (const [name, content, expected] of cases) {
    it(`reports ${name} input as a diagnostic`, () => {
      const result = parseManifests([{ file: name, content }]);
      expect(result.diagnostics.map(formatDiagnostic)).toEqual([expected]);
      expect(result.manifests).toEqual([]);
    });
  }

  it('refuses oversized bytes before decoding them', () => {
    const result = parseManifests([{ file: 'big.bin', content: new Uint8Array(6 * 1024 * 1024) }]);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'big.bin:1:1: error: input is 6.0 MiB, over the limit of 5.0 MiB; split it into smaller files',
    ]);
  });
});
