/**
 * Reading user text into plain JS documents that remember where every field came from.
 *
 * We use the `yaml` package (eemeli/yaml) for the whole project rather than js-yaml: its
 * Document/CST API gives a source range for every node (so each message can point at the
 * offending field) and can rewrite a document while keeping the user's comments and layout,
 * which the two-way editor needs. js-yaml only reports positions for syntax errors and
 * drops comments. See DESIGN notes in README.md.
 */
import { Alias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Node as YamlNode, Document } from 'yaml';
import type { Diagnostic, SourcePos } from './diagnostics';
import { childPath } from './fieldPath';

/** Inputs larger than this are refused outright, so a stray dump can never hang the UI or CLI. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;
/** Deeper than any Kubernetes object needs (a Pod template is about 12 levels). */
export const MAX_DEPTH = 64;
/** Total nodes one file may expand to, aliases included: stops "billion laughs" bombs. */
export const MAX_NODES = 2_000_000;

export interface Loc {
  readonly line: number;
  readonly col: number;
  /** Position of the key for map entries (where "unknown field" points). */
  readonly keyLine: number;
  readonly keyCol: number;
}

/** Field path → location, with lookups that fall back to the nearest ancestor. */
export class PositionIndex {
  constructor(
    readonly file: string,
    private readonly map: ReadonlyMap<string, Loc>,
    private readonly prefix = '',
  ) {}

  /** A view of a sub-tree (used for `kind: List` items): paths are relative to `prefix`. */
  scoped(prefix: string): PositionIndex {
    return new PositionIndex(this.file, this.map, this.join(prefix));
  }

  private join(path: string): string {
    if (this.prefix === '') return path;
    if (path === '') return this.prefix;
    return path.startsWith('[') ? this.prefix + path : `${this.prefix}.${path}`;
  }

  /** Location of the value at `path`, or of its nearest recorded ancestor. */
  value(path: string): SourcePos {
    const loc = this.lookup(path);
    return { file: this.file, line: loc.line, col: loc.col };
  }

  /** Location of the key at `path` (for unknown or misplaced fields). */
  key(path: string): SourcePos {
    const loc = this.lookup(path);
    return { file: this.file, line: loc.keyLine, col: loc.keyCol };
  }

  has(path: string): boolean {
    return this.map.has(this.join(path));
  }

  private lookup(path: string): Loc {
    let p = this.join(path);
    for (;;) {
      const loc = this.map.get(p);
      if (loc) return loc;
      if (p === '') return { line: 1, col: 1, keyLine: 1, keyCol: 1 };
      p = parentPath(p);
    }
  }
}

function parentPath(p: string): string {
  const m = /^(.*?)(\.[^.[\]]+|\[[^\]]*\]|\["(?:[^"\\]|\\.)*"\])$/.exec(p);
  return m?.[1] ?? '';
}

export interface RawDocument {
  readonly file: string;
  /** 0-based index of the document within its file. */
  readonly index: number;
  readonly value: unknown;
  readonly positions: PositionIndex;
}

export interface ReadResult {
  readonly documents: readonly RawDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

function fileError(file: string, line: number, col: number, code: string, message: string): Diagnostic {
  return { file, line, col, severity: 'error', path: '', message, code };
}

/** Decode bytes as strict UTF-8, refusing binary files, and report where decoding failed. */
export function decodeInput(
  file: string,
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; diagnostic: Diagnostic } {
  if (bytes.length > MAX_INPUT_BYTES) {
    return { ok: false, diagnostic: tooLarge(file, bytes.length) };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const { line, col } = lineColOfByte(bytes, nul);
    return {
      ok: false,
      diagnostic: fileError(
        file,
        line,
        col,
        'binary-input',
        'this looks like a binary file (it contains a NUL byte), not YAML or JSON; give a manifest text file',
      ),
    };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const { line, col } = lineColOfByte(bytes, bad);
    return {
      ok: false,
      diagnostic: fileError(
        file,
        line,
        col,
        'invalid-utf8',
        `invalid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')}); save the file as UTF-8`,
      ),
    };
  }
}

function tooLarge(file: string, size: number): Diagnostic {
  const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
  return fileError(
    file,
    1,
    1,
    'input-too-large',
    `input is ${mib(size)} MiB, over the limit of ${mib(MAX_INPUT_BYTES)} MiB; split it into smaller files`,
  );
}

function lineColOfByte(bytes: Uint8Array, at: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: at - lineStart + 1 };
}

function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] ?? 0;
    const need = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return Math.max(0, b.length - 1);
}

/** Parse YAML or JSON text (one or many documents) into plain values with positions. */
export function readDocuments(file: string, text: string): ReadResult {
  if (text.length > MAX_INPUT_BYTES) return { documents: [], diagnostics: [tooLarge(file, text.length)] };
  const lineCounter = new LineCounter();
  const pos = (offset: number) => lineCounter.linePos(offset);
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false }) as Document.Parsed[];
  } catch (e) {
    // The parser recurses on nesting; pathological depth ends in a RangeError, not a hang.
    if (e instanceof RangeError) {
      return { documents: [], diagnostics: [fileError(file, 1, 1, 'too-deep', `document is nested too deeply to read (more than ${String(MAX_DEPTH)} levels are never needed by Kubernetes objects)`)] };
    }
    throw e;
  }
  if (!Array.isArray(docs)) docs = [docs];
  const diagnostics: Diagnostic[] = [];
  const documents: RawDocument[] = [];
  const budget = { nodes: 0 };
  let index = 0;
  for (const doc of docs) {
    const docIndex = index++;
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const p = pos(err.pos[0]);
        diagnostics.push(fileError(file, p.line, p.col, 'yaml-syntax', `YAML syntax error: ${firstLine(err.message)}`));
      }
      continue;
    }
    if (doc.contents === null) continue; // empty document between `---` separators
    const map = new Map<string, Loc>();
    const walker = new Walker(doc, map, pos, budget);
    try {
      const value = walker.convert(doc.contents, '', 0);
      documents.push({ file, index: docIndex, value, positions: new PositionIndex(file, map) });
    } catch (e) {
      if (e instanceof WalkLimit) {
        diagnostics.push(fileError(file, e.line, e.col, e.code, e.message));
        if (e.code === 'alias-bomb') break;
        continue;
      }
      throw e;
    }
  }
  return { documents, diagnostics };
}

function firstLine(s: string): string {
  const line = s.split('\n')[0] ?? s;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

class WalkLimit extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(message);
  }
}

class Walker {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly map: Map<string, Loc>,
    private readonly pos: (offset: number) => { line: number; col: number },
    private readonly budget: { nodes: number },
  ) {}

  private at(node: YamlNode | null | undefined): { line: number; col: number } {
    const r = node?.range;
    return r ? this.pos(r[0]) : { line: 1, col: 1 };
  }

  private record(path: string, value: YamlNode | null | undefined, key: YamlNode | null | undefined): void {
    const v = this.at(value ?? key);
    const k = key ? this.at(key) : v;
    this.map.set(path, { line: v.line, col: v.col, keyLine: k.line, keyCol: k.col });
  }

  convert(node: unknown, path: string, depth: number): unknown {
    if (path === '') this.record('', node as YamlNode, null);
    if (++this.budget.nodes > MAX_NODES) {
      const p = this.at(node as YamlNode);
      throw new WalkLimit('alias-bomb', `document expands to more than ${MAX_NODES.toLocaleString('en-US')} values (an alias "bomb"?); remove the repeated aliases`, p.line, p.col);
    }
    if (depth > MAX_DEPTH) {
      const p = this.at(node as YamlNode);
      throw new WalkLimit('too-deep', `nested more than ${String(MAX_DEPTH)} levels deep; Kubernetes objects never need this`, p.line, p.col);
    }
    if (node instanceof Alias) {
      const target = node.resolve(this.doc);
      if (!target) {
        const p = this.at(node);
        throw new WalkLimit('yaml-alias', `unknown alias *${node.source}`, p.line, p.col);
      }
      return this.convert(target, path, depth + 1);
    }
    if (isScalar(node)) return node.value ?? null;
    if (isSeq(node)) {
      const out: unknown[] = [];
      node.items.forEach((item, i) => {
        const p = childPath(path, i);
        this.record(p, item as YamlNode, null);
        out.push(this.convert(item, p, depth + 1));
      });
      return out;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const rawKey: unknown = isScalar(keyNode) ? keyNode.value : keyNode;
        if (rawKey === '<<' && pair.value) {
          this.mergeInto(out, pair.value, path, depth);
          continue;
        }
        if (rawKey !== null && typeof rawKey === 'object') {
          const p = this.at(keyNode);
          throw new WalkLimit('yaml-key', 'a mapping key must be a plain string, not a list or map', p.line, p.col);
        }
        const key = String(rawKey);
        const p = childPath(path, key);
        this.record(p, pair.value as YamlNode, keyNode);
        setOwn(out, key, this.convert(pair.value, p, depth + 1));
      }
      return out;
    }
    return null;
  }

  /** YAML merge keys (`<<: *defaults`), which Kubernetes' go-yaml reader accepts. */
  private mergeInto(out: Record<string, unknown>, value: unknown, path: string, depth: number): void {
    const sources = isSeq(value) ? value.items : [value];
    for (const src of sources) {
      const merged = this.convert(src, path, depth + 1);
      if (merged && typeof merged === 'object' && !Array.isArray(merged)) {
        for (const [k, v] of Object.entries(merged)) if (!Object.hasOwn(out, k)) setOwn(out, k, v);
      }
    }
  }
}

/** Assign without ever touching the prototype (a `__proto__` key is just a key here). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
