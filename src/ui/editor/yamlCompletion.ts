/**
 * Completion for Kubernetes YAML, driven by the same schemas validation uses (src/model/kinds),
 * so the editor suggests exactly the fields `k8snet validate` accepts.
 *
 * This is not a YAML parser: it looks at the cursor's line and walks up through less-indented
 * `key:` lines to find the field path (`spec.containers.ports`), reading only the lines it needs,
 * so it stays cheap on a 1,000-pod scenario and works on text that does not parse yet.
 */
import { findKindInfo, KIND_NAMES, kindApiVersions } from './kindCatalog';
import type { FieldSchema, ObjectSchema } from '../../model/schema';

/** Read-only access to the document's lines (1-based), e.g. CodeMirror's `Text`. */
export interface LineSource {
  readonly count: number;
  text: (line: number) => string;
}

export interface CompletionOption {
  readonly label: string;
  /** What the option inserts (key options add `: ` or a new indented line). */
  readonly insert: string;
  readonly detail: string;
  readonly type: 'property' | 'keyword' | 'type' | 'constant';
  readonly boost?: number;
}

export interface Completions {
  /** Column (0-based) where the completed word starts. */
  readonly from: number;
  readonly options: readonly CompletionOption[];
}

interface KeyLine {
  /** Column of the key itself, after indentation and any `- ` item markers. */
  readonly keyIndent: number;
  readonly key: string;
  /** What follows `key:`, without a trailing comment. */
  readonly rest: string;
}

const KEY_LINE =
  /^( *)((?:- +)*)("[^"]*"|'[^']*'|[^\s#:'"-][^:#]*?|-[^\s:#][^:#]*?) *:(?: +(.*))?$/;
const SEPARATOR = /^(---|\.\.\.)\s*(#.*)?$/;
/** Fields people write all the time: ranked above the API's rarer ones. */
const COMMON_FIELDS = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'spec',
  'name',
  'namespace',
  'labels',
  'containers',
  'image',
  'ports',
  'containerPort',
  'port',
  'targetPort',
  'protocol',
  'selector',
  'matchLabels',
  'replicas',
  'template',
  'type',
  'podSelector',
  'namespaceSelector',
  'policyTypes',
  'ingress',
  'egress',
  'from',
  'to',
  'rules',
  'host',
  'http',
  'paths',
  'path',
  'pathType',
  'backend',
  'service',
  'number',
  'nodeName',
]);

function parseKeyLine(text: string): KeyLine | null {
  const m = KEY_LINE.exec(text);
  if (!m) return null;
  const raw = m[3] ?? '';
  const key = /^["']/.test(raw) ? raw.slice(1, -1) : raw.trim();
  const rest = (m[4] ?? '').replace(/(^|\s)#.*$/, '').trim();
  return { keyIndent: (m[1] ?? '').length + (m[2] ?? '').length, key, rest };
}

function isBlankOrComment(text: string): boolean {
  return /^\s*(#.*)?$/.test(text);
}

/** The indentation of a line's content, counting `- ` item markers as indentation. */
function contentIndent(text: string): number {
  return /^( *(?:- +)*)/.exec(text)?.[1]?.length ?? 0;
}

/**
 * The keys of the block mappings that enclose a key at column `indent` on `line`, outermost
 * first (`['spec', 'containers']`), or null when the lines above do not nest (a stray value).
 */
export function enclosingPath(doc: LineSource, line: number, indent: number): string[] | null {
  const path: string[] = [];
  let limit = indent;
  for (let n = line - 1; n >= 1 && limit > 0; n--) {
    const text = doc.text(n);
    if (SEPARATOR.test(text)) break;
    if (isBlankOrComment(text)) continue;
    const parsed = parseKeyLine(text);
    const at = parsed ? parsed.keyIndent : contentIndent(text);
    if (at >= limit) continue;
    // A less-indented line must open a block (`key:` with nothing after it) to be our parent.
    if (!parsed || parsed.rest !== '') return null;
    path.unshift(parsed.key);
    limit = at;
  }
  return limit > 0 ? null : path;
}

/** The `kind:` of the YAML document around `line` (between `---` separators), if written. */
export function documentKind(doc: LineSource, line: number): string | null {
  const kindOf = (text: string) => /^kind: *["']?([A-Za-z]+)["']? *(#.*)?$/.exec(text)?.[1];
  for (let n = line; n >= 1; n--) {
    const text = doc.text(n);
    const kind = kindOf(text);
    if (kind) return kind;
    if (n < line && SEPARATOR.test(text)) break;
  }
  for (let n = line + 1; n <= doc.count; n++) {
    const text = doc.text(n);
    if (SEPARATOR.test(text)) break;
    const kind = kindOf(text);
    if (kind) return kind;
  }
  return null;
}

function unwrapArrays(schema: FieldSchema): FieldSchema {
  let s = schema;
  while (s.t === 'array') s = s.of;
  return s;
}

/** The schema at `path` below `root` (arrays see through to their items), or null. */
export function schemaAt(root: ObjectSchema, path: readonly string[]): FieldSchema | null {
  let current: FieldSchema = root;
  for (const key of path) {
    const s = unwrapArrays(current);
    if (s.t === 'object') {
      if (!Object.hasOwn(s.fields, key)) return null;
      const next = s.fields[key];
      if (!next) return null;
      current = next;
    } else if (s.t === 'map') {
      current = s.of;
    } else {
      return null;
    }
  }
  return current;
}

/** `string`, `PodSpec`, `[]Container`, `map[string]string`: what a field holds. */
export function describeSchema(schema: FieldSchema): string {
  switch (schema.t) {
    case 'string':
      return schema.oneOf ? schema.oneOf.filter((v) => v !== '').join(' | ') : 'string';
    case 'int':
      return 'integer';
    case 'number':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'intOrString':
      return 'integer or string';
    case 'object':
      return schema.name;
    case 'array':
      return `[]${describeSchema(schema.of)}`;
    case 'map':
      return `map[string]${describeSchema(schema.of)}`;
    case 'any':
      return 'any';
  }
}

/** Object and list fields continue on a new, deeper line; scalars on the same one. */
function keyInsert(key: string, schema: FieldSchema, keyIndent: number): string {
  const inner = ' '.repeat(keyIndent + 2);
  if (schema.t === 'array') return `${key}:\n${inner}- `;
  if (schema.t === 'object' || schema.t === 'map') return `${key}:\n${inner}`;
  return `${key}: `;
}

function keyOptions(schema: ObjectSchema, keyIndent: number): CompletionOption[] {
  return Object.entries(schema.fields).map(([key, field]) => ({
    label: key,
    insert: keyInsert(key, field, keyIndent),
    detail: describeSchema(field),
    type: 'property',
    // Nobody writes `status` by hand; common fields first.
    boost: key === 'status' ? -10 : COMMON_FIELDS.has(key) ? 5 : 0,
  }));
}

function valueOptions(schema: FieldSchema): CompletionOption[] | null {
  if (schema.t === 'string' && schema.oneOf)
    return schema.oneOf
      .filter((v) => v !== '')
      .map((v) => ({ label: v, insert: v, detail: '', type: 'constant' }));
  if (schema.t === 'bool')
    return ['true', 'false'].map((v) => ({ label: v, insert: v, detail: '', type: 'constant' }));
  return null;
}

const ROOT_KEYS: readonly CompletionOption[] = [
  { label: 'apiVersion', insert: 'apiVersion: ', detail: 'string', type: 'property', boost: 5 },
  { label: 'kind', insert: 'kind: ', detail: 'string', type: 'property', boost: 5 },
  { label: 'metadata', insert: 'metadata:\n  ', detail: 'ObjectMeta', type: 'property' },
  { label: 'spec', insert: 'spec:\n  ', detail: 'object', type: 'property' },
];

function kindOptions(): CompletionOption[] {
  const seen = new Set<string>();
  const unique = KIND_NAMES.filter((k) => !seen.has(k.kind) && Boolean(seen.add(k.kind)));
  return unique.map((k) => ({
    label: k.kind,
    insert: k.kind,
    detail: k.apiVersion,
    type: 'type',
    boost: k.isCommon ? 5 : 0,
  }));
}

function apiVersionOptions(kind: string | null): CompletionOption[] {
  const preferred = kind === null ? [] : kindApiVersions(kind);
  return [...new Set([...preferred, ...KIND_NAMES.map((k) => k.apiVersion)])].map((v) => ({
    label: v,
    insert: v,
    detail: preferred.includes(v) && kind !== null ? kind : '',
    type: 'keyword',
    boost: preferred.includes(v) ? 10 : 0,
  }));
}

function keyCompletions(
  doc: LineSource,
  line: number,
  keyIndent: number,
  from: number,
): Completions | null {
  const path = enclosingPath(doc, line, keyIndent);
  if (path === null) return null;
  const info = findKindInfo(documentKind(doc, line));
  if (!info) return path.length === 0 ? { from, options: ROOT_KEYS } : null;
  const schema = schemaAt(info.schema, path);
  if (!schema) return null;
  const inner = unwrapArrays(schema);
  if (inner.t === 'object') return { from, options: keyOptions(inner, keyIndent) };
  // A list of enumerated strings (`policyTypes: [- Ingress]`): complete the item's value.
  const values = schema.t === 'array' ? valueOptions(inner) : null;
  return values ? { from, options: values } : null;
}

function valueCompletions(
  doc: LineSource,
  line: number,
  key: KeyLine,
  from: number,
): Completions | null {
  const path = enclosingPath(doc, line, key.keyIndent);
  if (path === null) return null;
  if (path.length === 0 && key.key === 'kind') return { from, options: kindOptions() };
  if (path.length === 0 && key.key === 'apiVersion')
    return { from, options: apiVersionOptions(documentKind(doc, line)) };
  const info = findKindInfo(documentKind(doc, line));
  if (!info) return null;
  const schema = schemaAt(info.schema, [...path, key.key]);
  const values = schema ? valueOptions(unwrapArrays(schema)) : null;
  return values ? { from, options: values } : null;
}

/**
 * What to offer at column `col` of `line`: field names where a key is being typed, enumerated
 * values (kinds, apiVersions, `type: NodePort`, `protocol: UDP`) after `key: `. `isExplicit`
 * (Ctrl+Space) also completes on an empty word; typing completes only once a word starts.
 */
export function completeYaml(
  doc: LineSource,
  line: number,
  col: number,
  isExplicit: boolean,
): Completions | null {
  const before = doc.text(line).slice(0, col);
  const keyMatch = /^( *)((?:- +)*)([A-Za-z0-9_./-]*)$/.exec(before);
  if (keyMatch) {
    const word = keyMatch[3] ?? '';
    const afterDash = (keyMatch[2] ?? '') !== '';
    if (word === '' && !isExplicit && !afterDash) return null;
    const keyIndent = (keyMatch[1] ?? '').length + (keyMatch[2] ?? '').length;
    return keyCompletions(doc, line, keyIndent, col - word.length);
  }
  const valueMatch = /^(.*?:) +([^\s#'"]*)$/.exec(before);
  if (valueMatch) {
    const key = parseKeyLine(`${valueMatch[1] ?? ''} `);
    const word = valueMatch[2] ?? '';
    if (!key || (word === '' && !isExplicit && key.key !== 'kind' && key.key !== 'apiVersion'))
      return null;
    return valueCompletions(doc, line, key, col - word.length);
  }
  return null;
}

/** A LineSource over a plain string (tests, and anything without an editor). */
export function linesOf(text: string): LineSource {
  const lines = text.split(/\r\n?|\n/);
  return { count: lines.length, text: (n) => lines[n - 1] ?? '' };
}
