import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './diagnostics';
import { formatDiagnostic } from './diagnostics';
import { decodeInput, MAX_INPUT_BYTES, readDocuments } from './yamlSource';

const lines = (list: readonly Diagnostic[]) => list.map(formatDiagnostic);

describe('readDocuments positions', () => {
  const text = [
    'apiVersion: v1', //                       1
    'kind: Service',
    'metadata:',
    '  name: web',
    '  labels: {"app.kubernetes.io/name": web}', // 5
    'spec:',
    '  ports:',
    '  - port: 80',
    '    targetPort: 8080',
    '  -   name: metrics', //                    10
    '      port: 9090',
    '',
  ].join('\n');
  const [doc] = readDocuments('svc.yaml', text).documents;

  it('records value and key positions for every field path', () => {
    const pos = doc!.positions;
    expect(pos.value('metadata.name')).toEqual({ file: 'svc.yaml', line: 4, col: 9 });
    expect(pos.key('metadata.name')).toEqual({ file: 'svc.yaml', line: 4, col: 3 });
    expect(pos.value('metadata.labels["app.kubernetes.io/name"]')).toMatchObject({
      line: 5,
      col: 38,
    });
    expect(pos.key('metadata.labels["app.kubernetes.io/name"]')).toMatchObject({
      line: 5,
      col: 12,
    });
    expect(pos.value('spec.ports[0].targetPort')).toMatchObject({ line: 9, col: 17 });
    expect(pos.value('spec.ports[1]')).toMatchObject({ line: 10, col: 7 });
    expect(pos.value('spec.ports[1].port')).toMatchObject({ line: 11, col: 13 });
  });

  it('falls back to the nearest recorded ancestor for absent fields', () => {
    const pos = doc!.positions;
    expect(pos.value('spec.ports[1].protocol')).toMatchObject({ line: 10, col: 7 });
    expect(pos.key('spec.selector.app')).toMatchObject({ line: 6, col: 1 });
    expect(pos.has('spec.ports[1].name')).toBe(true);
    expect(pos.has('spec.selector')).toBe(false);
    expect(pos.value('nothing.here')).toMatchObject({ line: 1, col: 1 });
  });

  it('gives scoped views for List items', () => {
    const [list] = readDocuments(
      'list.yaml',
      'kind: List\nitems:\n- kind: Pod\n  metadata: {name: a}\n',
    ).documents;
    const item = list!.positions.scoped('items[0]');
    expect(item.value('metadata.name')).toMatchObject({ line: 4, col: 20 });
    expect(item.value('')).toMatchObject({ line: 3, col: 3 });
  });
});

describe('readDocuments documents', () => {
  it('skips empty documents but keeps document indexes', () => {
    const result = readDocuments(
      'm.yaml',
      '---\n---\n# nothing\n---\na: 1\n---\nnull\n---\nb: 2\n',
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.documents.map((d) => [d.index, d.value])).toEqual([
      [2, { a: 1 }],
      [4, { b: 2 }],
    ]);
  });

  it('reads JSON, tabs included', () => {
    const result = readDocuments('o.json', '{"kind": "Pod",\n\t"spec": {"a": [1, 2]}}\n');
    expect(result.documents[0]?.value).toEqual({ kind: 'Pod', spec: { a: [1, 2] } });
    expect(result.documents[0]?.positions.value('spec.a[1]')).toMatchObject({
      line: 2,
      col: 20,
    });
  });

  it('reports syntax errors with line and column and drops only the broken document', () => {
    const result = readDocuments(
      'bad.yaml',
      'a: 1\n---\nkind: Pod\nmetadata:\n  name: [x\n---\nb: 2\n\tc: 3\n---\nd: 4\nd: 5\n---\nok: true\n',
    );
    expect(lines(result.diagnostics)).toEqual([
      'bad.yaml:6:1: error: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'bad.yaml:8:1: error: YAML syntax error: Tabs are not allowed as indentation',
      'bad.yaml:11:1: error: YAML syntax error: Map keys must be unique',
    ]);
    expect(result.documents.map((d) => d.value)).toEqual([{ a: 1 }, { ok: true }]);
  });

  it('applies merge keys with the map’s own keys winning wherever << stands', () => {
    const result = readDocuments(
      'merge.yaml',
      'base: &b {app: web, tier: front}\nx:\n  tier: back\n  <<: *b\ny:\n  <<: [*b]\n  app: api\n',
    );
    expect(result.documents[0]?.value).toEqual({
      base: { app: 'web', tier: 'front' },
      x: { app: 'web', tier: 'back' },
      y: { app: 'api', tier: 'front' },
    });
    expect(result.documents[0]?.positions.value('x.tier')).toMatchObject({ line: 3, col: 9 });
  });

  it('keeps odd keys as plain data and turns tagged scalars into strings', () => {
    const result = readDocuments(
      'odd.yaml',
      '__proto__: {polluted: 1}\nb: !!binary aGk=\nc: !x y\n',
    );
    const value = result.documents[0]?.value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'b', 'c']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(value['b']).toBe('aGk=');
    expect(lines(result.diagnostics)).toEqual(['odd.yaml:3:4: warning: YAML: Unresolved tag: !x']);
  });

  it('refuses complex keys and unknown aliases', () => {
    expect(lines(readDocuments('k.yaml', '? [a]\n: b\n').diagnostics)).toEqual([
      'k.yaml:1:3: error: a mapping key must be a plain string, not a list or map',
    ]);
    // Anchors do not cross documents.
    expect(lines(readDocuments('a.yaml', 'x: &a 1\n---\ny: *a\n').diagnostics)).toEqual([
      'a.yaml:3:4: error: unknown alias *a: define the anchor &a before using it',
    ]);
  });
});

describe('hostile input', () => {
  it('stops a billion-laughs alias bomb', () => {
    for (const levels of [9, 10]) {
      const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < levels; i++) {
        const [prev, name] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
        rows.push(`${name}: &${name} [${Array<string>(9).fill(`*${prev}`).join(',')}]`);
      }
      const result = readDocuments('lol.yaml', rows.join('\n'));
      expect(result.documents).toEqual([]);
      expect(result.diagnostics.map((d) => d.code)).toEqual(['alias-bomb']);
      expect(result.diagnostics[0]?.message).toContain('more than 100,000 values');
    }
  });

  it('resolves many aliases in linear time', () => {
    const text = `x: &x {a: 1}\nl:\n${'- *x\n'.repeat(30_000)}`;
    const result = readDocuments('many.yaml', text);
    expect(result.diagnostics).toEqual([]);
    expect((result.documents[0]?.value as { l: unknown[] }).l).toHaveLength(30_000);
  });

  it('refuses self-referencing aliases', () => {
    expect(lines(readDocuments('r.yaml', 'a: &a [*a]\n').diagnostics)).toEqual([
      'r.yaml:1:7: error: nested more than 64 levels deep (through aliases?); Kubernetes objects never need this',
    ]);
  });

  it('refuses absurd nesting before the parser recurses', () => {
    const deep = (open: string, close: string, n: number) => open.repeat(n) + close.repeat(n);
    const cases: [string, string][] = [
      ['[', deep('[', ']', 100_000)],
      ['{', deep('{a: ', '}', 100_000)],
      ['- ', `${'- '.repeat(100_000)}x\n`],
      [
        'block map',
        Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n',
      ],
    ];
    for (const [name, text] of cases) {
      const result = readDocuments('deep.yaml', text);
      expect(result.documents, name).toEqual([]);
      expect(
        result.diagnostics.map((d) => `${d.code} ${String(d.line)}`),
        name,
      ).toEqual([`too-deep ${name === 'block map' ? '66' : '1'}`]);
    }
  });

  it('keeps documents before a too-deep one', () => {
    const result = readDocuments('d.yaml', `a: 1\n---\nb: ${'['.repeat(1000)}\n`);
    expect(result.documents.map((d) => d.value)).toEqual([{ a: 1 }]);
    expect(lines(result.diagnostics)).toEqual([
      'd.yaml:3:69: error: nested more than 64 levels deep; Kubernetes objects never need this (a Pod template is about 12)',
    ]);
  });

  it('refuses text over the size limit, counted in UTF-8 bytes', () => {
    const text = `a: "${'é'.repeat(MAX_INPUT_BYTES / 2)}"`; // 2 bytes per character
    expect(text.length).toBeLessThan(MAX_INPUT_BYTES);
    expect(lines(readDocuments('big.yaml', text).diagnostics)).toEqual([
      'big.yaml:1:1: error: input is 5.0 MiB, over the limit of 5.0 MiB; split it into smaller files',
    ]);
  });
});

describe('decodeInput', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);

  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeInput('f', new TextEncoder().encode('\uFEFFname: café\n'))).toEqual({
      ok: true,
      text: 'name: café\n',
    });
  });

  it('refuses binary files at the first NUL', () => {
    const result = decodeInput('img.png', bytes(0x89, 0x50, 0x0a, 0x1a, 0x00, 0x01));
    expect(result.ok ? '' : formatDiagnostic(result.diagnostic)).toBe(
      'img.png:2:2: error: this looks like a binary file (it contains a NUL byte), not YAML or JSON; give a manifest text file',
    );
  });

  it('points at the first invalid UTF-8 byte', () => {
    const latin1 = bytes(0x61, 0x3a, 0x0a, 0x62, 0x3a, 0x20, 0xe9, 0x74, 0xe9, 0x0a);
    const result = decodeInput('latin1.yaml', latin1);
    expect(result.ok ? '' : formatDiagnostic(result.diagnostic)).toBe(
      'latin1.yaml:2:4: error: invalid UTF-8 (byte 0xe9); save the file as UTF-8',
    );
  });

  it('refuses more than the limit', () => {
    const result = decodeInput('big.bin', new Uint8Array(MAX_INPUT_BYTES + 1));
    expect(result.ok ? '' : result.diagnostic.code).toBe('input-too-large');
  });
});
