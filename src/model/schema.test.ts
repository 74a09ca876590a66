import type { ContainerPort } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './diagnostics';
import { formatDiagnostic } from './diagnostics';
import type { FieldSchema } from './schema';
import {
  any,
  arr,
  bool,
  checkShape,
  editDistance,
  int,
  intOrString,
  obj,
  oneOf,
  str,
  stringMap,
  suggest,
} from './schema';
import { podSchema } from './schemas/core';
import { readDocuments } from './yamlSource';

function check(text: string, schema: FieldSchema): { ok: boolean; lines: string[] } {
  const [doc] = readDocuments('s.yaml', text).documents;
  const out: Diagnostic[] = [];
  const ok = checkShape(doc?.value, schema, '', { positions: doc!.positions, out });
  return { ok, lines: out.map(formatDiagnostic) };
}

interface Toy {
  name: string;
  count?: number;
  port?: number | string;
  enabled?: boolean;
  mode?: string;
  tags?: string[];
  labels?: Record<string, string>;
  inner?: { deep?: { leaf?: string } };
  children?: Toy[];
  legacy?: unknown;
}

const leaf = obj<{ leaf?: string }>('Deep', { leaf: str });
const toy: FieldSchema = obj<Toy>(
  'Toy',
  {
    name: str,
    count: int,
    port: intOrString,
    enabled: bool,
    mode: oneOf('Fast', 'Slow'),
    tags: arr(str),
    labels: stringMap,
    inner: obj<NonNullable<Toy['inner']>>('Inner', { deep: leaf }),
    children: () => arr(toy), // lazy: a recursive reference
    legacy: any,
  },
  ['name'],
  { deferred: ['oldName'] },
);

describe('checkShape', () => {
  it('accepts a well-formed value, nulls as unset and anything under `any`', () => {
    const result = check(
      'name: a\ncount: 3\nport: http\nenabled: false\nmode: Fast\ntags: [x]\nlabels: {a: b, c: null}\ninner: {deep: {leaf: z}}\nchildren: [{name: b, count: ~}]\nlegacy: {whatever: [1]}\n',
      toy,
    );
    expect(result).toEqual({ ok: true, lines: [] });
  });

  it('reports unknown fields at their key with the closest field name', () => {
    expect(check('name: a\ncuont: 1\nchildren: [{name: b, tag: [x]}]\n', toy).lines).toEqual([
      's.yaml:2:1: error: cuont: unknown field "cuont" in Toy; did you mean "count"?',
      's.yaml:3:22: error: children[0].tag: unknown field "tag" in Toy; did you mean "tags"?',
    ]);
  });

  it('says where a misplaced field belongs', () => {
    expect(check('name: a\nleaf: x\n', toy).lines).toEqual([
      's.yaml:2:1: error: leaf: unknown field "leaf" in Toy; it belongs under "inner.deep"',
    ]);
  });

  it('skips deferred fields, which a field rule reports instead', () => {
    expect(check('name: a\noldName: b\n', toy).lines).toEqual([]);
  });

  it('explains wrong types with a fix', () => {
    const result = check(
      'name: 42\ncount: "3"\nport: 1.5\nenabled: "yes"\ntags: {a: b}\nlabels: {version: 2, nested: {a: b}}\ninner: [x]\n',
      toy,
    );
    expect(result.lines).toEqual([
      's.yaml:1:7: error: name: must be a string, got the number 42; quote it: "42"',
      's.yaml:2:8: error: count: must be an integer, got the string "3"; remove the quotes: 3',
      's.yaml:3:7: error: port: must be an integer or a string, got the number 1.5',
      's.yaml:4:10: error: enabled: must be true or false, got the string "yes"',
      's.yaml:5:7: error: tags: must be a list, got a map; start each item with "- "',
      's.yaml:6:19: error: labels.version: must be a string, got the number 2; quote it (version: "2")',
      's.yaml:6:30: error: labels.nested: must be a string, got a map',
      's.yaml:7:8: error: inner: must be a map, got a list',
    ]);
    expect(result.ok).toBe(true);
    expect(check('[1]\n', toy).ok).toBe(false);
  });

  it('lists the allowed values of an enum and suggests the closest', () => {
    expect(check('name: a\nmode: fast\n', toy).lines).toEqual([
      's.yaml:2:7: error: mode: unsupported value "fast": must be one of "Fast", "Slow" (did you mean "Fast"?)',
    ]);
    expect(check('name: a\nmode: Turbo\n', toy).lines).toEqual([
      's.yaml:2:7: error: mode: unsupported value "Turbo": must be one of "Fast", "Slow"',
    ]);
  });

  it('names a missing required field by its path, at the enclosing key', () => {
    expect(check('count: 1\nchildren:\n- {count: 2}\n- {name: ""}\n', toy).lines).toEqual([
      's.yaml:3:3: error: children[0].name: missing required field "name" in Toy',
      's.yaml:4:4: error: children[1].name: missing required field "name" in Toy',
      's.yaml:1:1: error: name: missing required field "name" in Toy',
    ]);
  });

  it('checks real API types deeply', () => {
    const pod = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  containers:',
      '  - name: web',
      '    image: nginx',
      '    imagePullPolicy: Sometimes',
      '    ports: [{containerPort: 80, protocol: HTTP}]',
      '    resources: {limit: {cpu: 1}}',
      '    env: [{name: A, valueFrom: {configMapKeyRef: {name: cm}}}]',
      '  volumes: [{name: v, emptyDir: {medium: Disk}}]',
      '',
    ].join('\n');
    expect(check(pod, podSchema).lines).toEqual([
      's.yaml:8:22: error: spec.containers[0].imagePullPolicy: unsupported value "Sometimes": must be one of "Always", "IfNotPresent", "Never"',
      's.yaml:9:43: error: spec.containers[0].ports[0].protocol: unsupported value "HTTP": must be one of "TCP", "UDP", "SCTP"',
      's.yaml:10:17: error: spec.containers[0].resources.limit: unknown field "limit" in ResourceRequirements; did you mean "limits"?',
      's.yaml:11:33: error: spec.containers[0].env[0].valueFrom.configMapKeyRef.key: missing required field "key" in ConfigMapKeySelector',
      's.yaml:12:42: error: spec.volumes[0].emptyDir.medium: unsupported value "Disk": must be one of "", "Memory"',
    ]);
  });
});

describe('obj', () => {
  it('must list every field of the API type, and nothing else', () => {
    // The checks here are the compiler's: a missing or extra field is a type error.
    // @ts-expect-error hostIP, hostPort, name and protocol are missing
    obj<ContainerPort>('ContainerPort', { containerPort: int });
    obj<LabelSelector>('LabelSelector', {
      matchLabels: stringMap,
      matchExpressions: any,
      // @ts-expect-error matchLabel is not a LabelSelector field
      matchLabel: any,
    });
    const ok = obj<LabelSelector>('LabelSelector', {
      matchLabels: stringMap,
      matchExpressions: any,
    });
    expect(Object.keys(ok.fields)).toEqual(['matchLabels', 'matchExpressions']);
  });
});

describe('suggest', () => {
  it('finds typos within a third of the length, case-insensitively', () => {
    expect(suggest('contianers', ['containers', 'initContainers'])).toBe('containers');
    expect(suggest('replica', ['replicas', 'selector'])).toBe('replicas');
    expect(suggest('SERVICENAME', ['serviceName'])).toBe('serviceName');
    expect(suggest('foo', ['containers', 'volumes'])).toBeUndefined();
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('cuont', 'count')).toBe(1);
  });
});
