import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import demo from '../lessons/demo.yaml?raw';
import { applyEdit, freeName, usedNames } from './edit';

const TEXT = `# the shop
apiVersion: v1
kind: Pod
metadata:
  name: web   # the web pod
  labels: {app: web}
spec: {containers: [{name: c, image: nginx}]}
---
# keep me exactly
apiVersion: v1
kind: Service
metadata: {name: web}
spec:   {selector: {app: web},   ports: [{port: 80}]}
`;

const web = { kind: 'Pod', namespace: 'default', name: 'web' };

describe('applyEdit', () => {
  it('sets a label, keeping comments and leaving other documents byte for byte', () => {
    const r = applyEdit(TEXT, { op: 'setLabel', target: web, key: 'tier', value: 'front' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.text).toContain('name: web # the web pod');
    expect(r.text).toContain('labels: { app: web, tier: front }');
    expect(r.text.endsWith(TEXT.slice(TEXT.indexOf('---')))).toBe(true);
  });
  it('quotes label values YAML would not read as strings', () => {
    const r = applyEdit(TEXT, { op: 'setLabel', target: web, key: 'version', value: '1.0' });
    expect(r.ok && r.text).toContain('version: "1.0"');
  });
  it('removes a label', () => {
    const r = applyEdit(TEXT, { op: 'setLabel', target: web, key: 'app', value: null });
    expect(r.ok && r.text).toContain('labels: {}');
  });
  it('deletes a document with its separator', () => {
    const r = applyEdit(TEXT, {
      op: 'delete',
      target: { kind: 'Service', namespace: 'default', name: 'web' },
    });
    expect(r.ok && r.text).toBe(TEXT.slice(0, TEXT.indexOf('---')));
    const first = applyEdit(TEXT, { op: 'delete', target: web });
    // A comment above the first document may be the file's header: it stays, and the next
    // document keeps its own marker.
    expect(first.ok && first.text).toBe(`# the shop\n${TEXT.slice(TEXT.indexOf('---'))}`);
  });
  it('appends a new object as its own document', () => {
    const r = applyEdit(TEXT, {
      op: 'add',
      yaml: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: x}',
    });
    expect(r.ok && r.text).toBe(
      `${TEXT}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n`,
    );
  });
  it('sets a field by path', () => {
    const r = applyEdit(TEXT, {
      op: 'setField',
      target: web,
      path: ['spec', 'nodeName'],
      value: 'worker-2',
    });
    expect(r.ok && r.text).toContain('nodeName: worker-2');
  });
  it('says when the object is not in the text', () => {
    expect(
      applyEdit(TEXT, {
        op: 'delete',
        target: { kind: 'Pod', namespace: 'default', name: 'web-abc12' },
      }),
    ).toEqual({
      ok: false,
      message:
        'Pod default/web-abc12 is not written in the YAML (it may come from a controller or a List); edit its source instead',
    });
  });
});

describe('names for new objects', () => {
  it('picks the first free name per kind and namespace', () => {
    expect(freeName(usedNames(TEXT, 'Pod', 'default'), 'web')).toBe('web-2');
    expect(freeName(usedNames(TEXT, 'Pod', 'other'), 'web')).toBe('web');
  });
});

describe('palette templates', () => {
  it('adds each template as a valid object with a free name', async () => {
    const { TEMPLATES, addTemplate } = await import('./templates');
    const { parseManifests } = await import('./parseManifests');
    let text = '';
    for (const t of TEMPLATES) {
      const r = addTemplate(text, t.id, 'default', t.id === 'Pod' ? 'worker-1' : null);
      expect(r.ok).toBe(true);
      if (r.ok) text = r.text;
    }
    const again = addTemplate(text, 'Pod', 'default', null);
    expect(again.ok && again.name).toBe('pod-2');
    const parsed = parseManifests([{ file: 't.yaml', content: text }]);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(parsed.manifests.map((m) => `${m.kind}/${m.name}`)).toEqual([
      'Pod/pod',
      'Deployment/web',
      'Service/web',
      'Service/web-nodeport',
      'Service/web-lb',
      'Service/external-api',
      'Service/web-headless',
      'Ingress/web',
      'NetworkPolicy/deny-all-ingress',
      'NetworkPolicy/deny-all-egress',
      'NetworkPolicy/allow-same-namespace',
      'NetworkPolicy/allow-from-client',
      'NetworkPolicy/allow-dns-egress',
      'Namespace/team',
      'Node/worker',
    ]);
    expect(text).toContain('  nodeName: worker-1\n');
  });
});

describe('deleting from a commented, multi-document file', () => {
  // Each demo object sits after a `---` and a comment: deleting one must not glue its
  // neighbours into one document (that lost the next object, as "Map keys must be unique").
  const names = (text: string) =>
    parseAllDocuments(text).map(
      (d) => `${String(d.get('kind'))}/${String(d.getIn(['metadata', 'name']))}`,
    );
  const all = names(demo);
  it.each(all.map((n, i) => [n, i] as const))('deletes %s and only it', (name, index) => {
    const [kind = '', objectName = ''] = name.split('/');
    const doc = parseAllDocuments(demo)[index];
    const ns = doc?.getIn(['metadata', 'namespace']);
    const r = applyEdit(demo, {
      op: 'delete',
      target: { kind, namespace: typeof ns === 'string' ? ns : '', name: objectName },
    });
    if (!r.ok) throw new Error(r.message);
    expect(parseAllDocuments(r.text).flatMap((d) => d.errors.map((e) => e.message))).toEqual([]);
    expect(names(r.text)).toEqual(all.filter((_, i) => i !== index));
  });
});
