/**
 * From user files to typed manifests: read YAML/JSON, unwrap `kind: List`, recognise
 * apiVersion/kind, check shapes and field rules, and report duplicates. Objects with errors are
 * rejected as the API server would reject them; their text is never touched.
 */
import type { Diagnostic } from './diagnostics';
import { sortDiagnostics } from './diagnostics';
import {
  findKind,
  KEPT_KINDS,
  kindsOf,
  knownApiVersions,
  REMOVED_API_VERSIONS,
  SIMULATED_KINDS,
} from './kinds';
import type { Manifest, ObjectSource } from './manifest';
import { nameSuffix } from './names';
import { checkShape, suggest } from './schema';
import type { CheckContext } from './schema';
import { validateObjectFields } from './validateFields';
import type { PositionIndex, RawDocument } from './yamlSource';
import { decodeInput, readDocuments } from './yamlSource';

export interface InputFile {
  readonly file: string;
  /** Text, or raw bytes (checked for binary content and strict UTF-8). */
  readonly content: string | Uint8Array;
}

export interface ParsedManifests {
  /** Objects that passed validation, in input order. */
  readonly manifests: readonly Manifest[];
  /** Every finding, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** Number of objects read, including rejected ones. */
  readonly objectCount: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parse and validate one or more files into manifests. Never throws on user input. */
export function parseManifests(inputs: readonly InputFile[]): ParsedManifests {
  const diagnostics: Diagnostic[] = [];
  const manifests: Manifest[] = [];
  const seen = new Map<string, ObjectSource>();
  let objectCount = 0;
  for (const input of inputs) {
    let text: string;
    if (typeof input.content === 'string') {
      text = input.content;
    } else {
      const decoded = decodeInput(input.file, input.content);
      if (!decoded.ok) {
        diagnostics.push(decoded.diagnostic);
        continue;
      }
      text = decoded.text;
    }
    const read = readDocuments(input.file, text);
    diagnostics.push(...read.diagnostics);
    for (const doc of read.documents) {
      for (const item of unwrapList(doc, diagnostics)) {
        objectCount++;
        const m = toManifest(item.value, item.source, diagnostics);
        if (!m) continue;
        const key = `${m.apiVersion.split('/').length > 1 ? (m.apiVersion.split('/')[0] ?? '') : ''}/${m.kind === 'Other' ? m.object.kind : m.kind}/${m.namespace}/${m.name}`;
        const first = seen.get(key);
        if (first && m.name !== '') {
          const p = m.source.positions.value('metadata.name');
          const firstPos = first.positions.value('metadata.name');
          diagnostics.push({
            ...p,
            severity: 'error',
            path: 'metadata.name',
            code: 'duplicate-object',
            message: `duplicate ${m.kind === 'Other' ? m.object.kind : m.kind} ${JSON.stringify(m.namespace ? `${m.namespace}/${m.name}` : m.name)}: already defined at ${firstPos.file}:${String(firstPos.line)}:${String(firstPos.col)}; rename one of them or remove the copy`,
          });
          continue;
        }
        seen.set(key, m.source);
        manifests.push(m);
      }
    }
  }
  return { manifests, diagnostics: sortDiagnostics(diagnostics), objectCount };
}

interface Item {
  readonly value: unknown;
  readonly source: ObjectSource;
}

function unwrapList(doc: RawDocument, out: Diagnostic[]): Item[] {
  const base: ObjectSource = { file: doc.file, docIndex: doc.index, positions: doc.positions };
  const v = doc.value;
  if (
    isRecord(v) &&
    typeof v['kind'] === 'string' &&
    v['kind'].endsWith('List') &&
    v['apiVersion'] === 'v1' &&
    'items' in v
  ) {
    const items = v['items'];
    if (items === null || items === undefined) return [];
    if (!Array.isArray(items)) {
      const p = doc.positions.value('items');
      out.push({
        ...p,
        severity: 'error',
        path: 'items',
        code: 'wrong-type',
        message: 'items of a List must be a list of objects',
      });
      return [];
    }
    return (items as readonly unknown[]).map((value, i) => ({
      value,
      source: { ...base, listIndex: i, positions: doc.positions.scoped(`items[${String(i)}]`) },
    }));
  }
  return [{ value: v, source: base }];
}

function docError(
  positions: PositionIndex,
  path: string,
  code: string,
  message: string,
  atKey = false,
): Diagnostic {
  const p = atKey ? positions.key(path) : positions.value(path);
  return { ...p, severity: 'error', path, code, message };
}

function toManifest(value: unknown, source: ObjectSource, out: Diagnostic[]): Manifest | undefined {
  const pos = source.positions;
  if (!isRecord(value)) {
    out.push(
      docError(
        pos,
        '',
        'not-an-object',
        'a manifest must be a map with apiVersion, kind and metadata; this document is not a map',
      ),
    );
    return undefined;
  }
  const apiVersion = value['apiVersion'];
  const kind = value['kind'];
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    out.push(
      docError(
        pos,
        'apiVersion',
        'missing-field',
        apiVersion === undefined
          ? 'missing apiVersion (e.g. "v1" for a Pod, "apps/v1" for a Deployment)'
          : 'apiVersion must be a string such as "v1" or "apps/v1"',
        true,
      ),
    );
    return undefined;
  }
  if (typeof kind !== 'string' || kind === '') {
    out.push(
      docError(
        pos,
        'kind',
        'missing-field',
        kind === undefined
          ? 'missing kind (e.g. Pod, Service, Deployment)'
          : 'kind must be a string such as "Pod"',
        true,
      ),
    );
    return undefined;
  }
  const meta = isRecord(value['metadata']) ? value['metadata'] : undefined;
  const name = typeof meta?.['name'] === 'string' ? meta['name'] : '';
  const nsField = typeof meta?.['namespace'] === 'string' ? meta['namespace'] : '';

  const removed = REMOVED_API_VERSIONS[apiVersion]?.[kind];
  if (removed !== undefined) {
    out.push(
      docError(
        pos,
        'apiVersion',
        'removed-api-version',
        `${kind} in ${apiVersion} is no longer served by Kubernetes; use apiVersion: ${removed}${kind === 'Ingress' ? ' (and backend.service.name / backend.service.port.number instead of serviceName / servicePort)' : ''}`,
      ),
    );
    return undefined;
  }

  const info = findKind(apiVersion, kind);
  const ctx: CheckContext = { positions: pos, out };
  if (!info) {
    const kept = KEPT_KINDS[apiVersion]?.[kind];
    if (kept !== undefined) {
      out.push({
        ...pos.value('kind'),
        severity: 'info',
        path: 'kind',
        code: 'not-simulated',
        message: `${kind} is kept but not simulated by the playground`,
      });
      return {
        kind: 'Other',
        apiVersion,
        name,
        namespace: kept ? nsField || 'default' : '',
        object: value as Manifest['object'] & { apiVersion: string; kind: string },
        source,
      } as Manifest;
    }
    return unknownKind(apiVersion, kind, value, name, nsField, source, out);
  }
  const before = out.length;
  checkShape(value, info.schema, '', ctx);
  // A missing or mistyped `metadata` is reported by the shape check; here only the name.
  if (meta && name === '' && typeof meta['generateName'] !== 'string') {
    out.push(
      docError(
        pos,
        'metadata.name',
        'missing-field',
        'missing metadata.name; every object needs a name (or generateName for a generated one)',
        true,
      ),
    );
  }
  validateObjectFields(kind, value, ctx);
  if (out.slice(before).some((d) => d.severity === 'error')) return undefined;
  const generated =
    name === '' && typeof meta?.['generateName'] === 'string'
      ? `${meta['generateName']}${nameSuffix(`${source.file}#${String(source.docIndex)}#${String(source.listIndex ?? 0)}`, 5)}`
      : name;
  return {
    kind: info.kind,
    apiVersion,
    name: generated,
    namespace: info.namespaced ? nsField || 'default' : '',
    object: value,
    source,
  } as Manifest;
}

function unknownKind(
  apiVersion: string,
  kind: string,
  value: Record<string, unknown>,
  name: string,
  ns: string,
  source: ObjectSource,
  out: Diagnostic[],
): Manifest | undefined {
  const pos = source.positions;
  const kinds = kindsOf(apiVersion);
  if (kinds.length > 0) {
    const hint = suggest(kind, kinds);
    out.push(
      docError(
        pos,
        'kind',
        'unknown-kind',
        `unknown kind ${JSON.stringify(kind)} for apiVersion ${apiVersion}${hint ? `; did you mean ${JSON.stringify(hint)}?` : `; known kinds: ${kinds.join(', ')}`}`,
      ),
    );
    return undefined;
  }
  // The kind exists elsewhere: the apiVersion is what is wrong.
  const home = SIMULATED_KINDS.find((k) => k.kind === kind) ?? undefined;
  const keptHome = Object.entries(KEPT_KINDS).find(([, ks]) => kind in ks)?.[0];
  const group = apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
  if (home || keptHome) {
    out.push(
      docError(
        pos,
        'apiVersion',
        'unknown-api-version',
        `unknown apiVersion ${JSON.stringify(apiVersion)} for ${kind}; use apiVersion: ${home?.apiVersion ?? keptHome ?? ''}`,
      ),
    );
    return undefined;
  }
  if (group.includes('.') && !group.endsWith('k8s.io') && !group.endsWith('k8snet.dev')) {
    // A custom resource (CRD instance): kept and listed, like other kinds we do not simulate.
    out.push({
      ...pos.value('kind'),
      severity: 'warning',
      path: 'kind',
      code: 'custom-resource',
      message: `${kind} (${apiVersion}) is a custom resource; it is kept but not simulated`,
    });
    return { kind: 'Other', apiVersion, name, namespace: ns, object: value, source } as Manifest;
  }
  const hint = suggest(apiVersion, knownApiVersions());
  out.push(
    docError(
      pos,
      'apiVersion',
      'unknown-api-version',
      `unknown apiVersion ${JSON.stringify(apiVersion)}${hint ? `; did you mean ${JSON.stringify(hint)}?` : ''}`,
    ),
  );
  return undefined;
}
