import { describe, expect, it } from 'vitest';
import { completeYaml, documentKind, enclosingPath, linesOf } from './yamlCompletion';
import type { Completions } from './yamlCompletion';

/** Completions at the `|` in `text`. */
function completeAt(text: string, isExplicit = false): Completions | null {
  const at = text.indexOf('|');
  const source = text.slice(0, at) + text.slice(at + 1);
  const line = text.slice(0, at).split('\n').length;
  const col = at - (text.lastIndexOf('\n', at - 1) + 1);
  return completeYaml(linesOf(source), line, col, isExplicit);
}

function labels(text: string, isExplicit = false): string[] {
  return (completeAt(text, isExplicit)?.options ?? []).map((o) => o.label);
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: nginx
          ports:
            - containerPort: 80
`;

describe('enclosingPath', () => {
  const doc = linesOf(DEPLOYMENT);

  it('walks up through less-indented keys, seeing list items as their content', () => {
    // Line 11 is `            - containerPort: 80`: its key sits at column 14.
    expect(enclosingPath(doc, 11, 14)).toEqual(['spec', 'template', 'spec', 'containers', 'ports']);
    expect(enclosingPath(doc, 10, 10)).toEqual(['spec', 'template', 'spec', 'containers']);
    expect(enclosingPath(doc, 4, 2)).toEqual(['metadata']);
    expect(enclosingPath(doc, 2, 0)).toEqual([]);
  });

  it('gives up under a key that has a value (no block to be inside)', () => {
    expect(enclosingPath(linesOf('metadata:\n  name: web\n    x'), 3, 4)).toBeNull();
  });

  it('stops at a document separator', () => {
    expect(enclosingPath(linesOf('spec:\n  a: 1\n---\n  x'), 4, 2)).toBeNull();
  });
});

describe('documentKind', () => {
  it('finds the kind above or below, within the same document', () => {
    const doc = linesOf('kind: Service\n---\nmetadata:\n  name: x\nkind: Pod\n---\nkind: Node');
    expect(documentKind(doc, 4)).toBe('Pod');
    expect(documentKind(doc, 1)).toBe('Service');
    expect(documentKind(doc, 7)).toBe('Node');
    expect(documentKind(linesOf('metadata: {}'), 1)).toBeNull();
  });
});

describe('completeYaml', () => {
  it('offers kinds after `kind: `, common ones ranked first', () => {
    const result = completeAt('apiVersion: v1\nkind: |');
    const pod = result?.options.find((o) => o.label === 'Pod');
    expect(pod).toMatchObject({ insert: 'Pod', detail: 'v1', type: 'type', boost: 5 });
    const names = result?.options.map((o) => o.label) ?? [];
    for (const kind of ['Service', 'Deployment', 'NetworkPolicy', 'Ingress', 'ConfigMap'])
      expect(names).toContain(kind);
    expect(names.filter((n) => n === 'HorizontalPodAutoscaler')).toHaveLength(1);
  });

  it('offers apiVersions with the document kind’s own first', () => {
    const result = completeAt('apiVersion: |\nkind: Deployment');
    expect(result?.from).toBe(12);
    const apps = result?.options.find((o) => o.label === 'apps/v1');
    expect(apps).toMatchObject({ detail: 'Deployment', boost: 10 });
    expect(result?.options.find((o) => o.label === 'v1')?.boost).toBe(0);
  });

  it('completes the word being typed, from where it starts', () => {
    const result = completeAt('apiVersion: networking.k8s.io/v1\nkind: NetworkPol|');
    expect(result?.from).toBe(6);
    expect(result?.options.map((o) => o.label)).toContain('NetworkPolicy');
  });

  it('offers the fields of the object the cursor is in', () => {
    const text = DEPLOYMENT.replace('          ports:', '          im|\n          ports:');
    const result = completeAt(text);
    expect(result?.from).toBe(10);
    const names = result?.options.map((o) => o.label) ?? [];
    expect(names).toEqual(expect.arrayContaining(['image', 'ports', 'readinessProbe', 'env']));
    expect(names).not.toContain('replicas');
    expect(result?.options.find((o) => o.label === 'image')).toMatchObject({
      insert: 'image: ',
      detail: 'string',
      boost: 5,
    });
  });

  it('opens a deeper line for object and list fields', () => {
    const result = completeAt('kind: Pod\nspec:\n  cont|');
    expect(result?.options.find((o) => o.label === 'containers')).toMatchObject({
      insert: 'containers:\n    - ',
      detail: '[]Container',
    });
    const meta = completeAt('kind: Pod\nmet|')?.options.find((o) => o.label === 'metadata');
    expect(meta).toMatchObject({ insert: 'metadata:\n  ', detail: 'ObjectMeta' });
  });

  it('completes keys in a new list item after `- `', () => {
    const text = 'kind: Service\nspec:\n  ports:\n    - |';
    expect(labels(text)).toEqual(
      expect.arrayContaining(['port', 'targetPort', 'protocol', 'name', 'nodePort']),
    );
  });

  it('offers enumerated values from the schema', () => {
    expect(labels('kind: Service\nspec:\n  type: |', true)).toEqual([
      'ClusterIP',
      'NodePort',
      'LoadBalancer',
      'ExternalName',
    ]);
    expect(labels('kind: Service\nspec:\n  ports:\n    - protocol: U|')).toEqual([
      'TCP',
      'UDP',
      'SCTP',
    ]);
    expect(labels('kind: NetworkPolicy\nspec:\n  policyTypes:\n    - I|')).toEqual([
      'Ingress',
      'Egress',
    ]);
  });

  it('offers the top-level keys when the kind is not written yet', () => {
    expect(labels('ap|')).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  });

  it('stays quiet on empty words unless asked, and inside free-form maps', () => {
    expect(completeAt('kind: Pod\nspec:\n  |')).toBeNull();
    expect(labels('kind: Pod\nspec:\n  |', true)).toContain('containers');
    expect(completeAt('kind: Pod\nmetadata:\n  labels:\n    ap|')).toBeNull();
    expect(completeAt('kind: Pod\nspec:\n  containers:\n    - image: ng|')).toBeNull();
  });
});
