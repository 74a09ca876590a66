/**
 * Reading user text into plain JS documents that remember where every field came from.
 *
 * We use the `yaml` package (eemeli/yaml) for the whole project rather than js-yaml: its
 * Document/CST API gives a source range for every node (so each message can point at the
 * offending field) and can rewrite a document while keeping the user's comments and layout,
 * which the two-way editor needs. js-yaml only reports positions for syntax errors and
 * drops comments. See DESIGN notes in README.md.
 */
import { Composer, isScalar, Lexer, LineCounter, Parser } from 'yaml';
import type { CST, Document } from 'yaml';
import type { Diagnostic, SourcePos } from './diagnostics';
import type { Loc } from './yamlToValue';
import { MAX_DEPTH, WalkLimit, Walker } from './yamlToValue';

/** Inputs larger than this are refused outright, so a stray dump can never hang the UI or CLI. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;
export { MAX_ALIAS_NODES, MAX_DEPTH, MAX_NODES } from './yamlToValue';
export type { Loc } from './yamlToValue';

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

  /** The source text of a number or boolean written at exactly `path`, if recorded. */
  raw(path: string): string | undefined {
    return this.map.get(this.join(path))?.raw;
  }

  /** Whether the value at `path` is an unquoted YAML 1.1 boolean word (`yes`, `on`, …). */
  isYaml11Bool(path: string): boolean {
    return this.map.get(this.join(path))?.yaml11Bool === true;
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

function fileError(
  file: string,
  line: number,
  col: number,
  code: string,
  message: string,
): Diagnostic {
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

/** The one message for an input over the size limit, naming the file and the limit. */
export function tooLarge(file: string, size: number): Diagnostic {
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
    const need =
      c < 0x80
        ? 0
        : c >= 0xc2 && c < 0xe0
          ? 1
          : c >= 0xe0 && c < 0xf0
            ? 2
            : c >= 0xf0 && c < 0xf5
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return Math.max(0, b.length - 1);
}

/** UTF-8 size of `text`, computed only when it could be over the limit. */
function utf8Length(text: string): number {
  if (text.length * 3 <= MAX_INPUT_BYTES) return text.length; // cheap: cannot be over
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Lex, parse and compose one document at a time, handing each to `onDocument` (so a 5 MiB file
 * never holds every CST token at once). Stops as soon as nesting passes MAX_DEPTH and returns
 * where: the `yaml` composer recurses once per level, so `[[[[…` 100,000 deep would otherwise
 * overflow the stack after seconds of work, while the CST parser keeps an explicit stack.
 */
function composeDocuments(
  text: string,
  lineCounter: LineCounter,
  composer: Composer,
  onDocument: (doc: Document.Parsed) => void,
): { tooDeepAt?: number } {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const feed = (token: CST.Token) => {
    for (const doc of composer.next(token)) onDocument(doc);
  };
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) feed(token);
    // +2: the document token and a scalar in progress sit on the stack too.
    if (parser.stack.length > MAX_DEPTH + 2) {
      for (const doc of composer.end()) onDocument(doc);
      return { tooDeepAt: parser.offset };
    }
  }
  for (const token of parser.end()) feed(token);
  for (const doc of composer.end()) onDocument(doc);
  return {};
}

/** Parse YAML or JSON text (one or many documents) into plain values with positions. */
export function readDocuments(file: string, text: string): ReadResult {
  const size = utf8Length(text);
  if (size > MAX_INPUT_BYTES) return { documents: [], diagnostics: [tooLarge(file, size)] };
  const lineCounter = new LineCounter();
  const pos = (offset: number) => lineCounter.linePos(offset);
  const diagnostics: Diagnostic[] = [];
  const documents: RawDocument[] = [];
  const syntaxError = (offset: number, message: string) => {
    const p = pos(offset);
    diagnostics.push(
      fileError(file, p.line, p.col, 'yaml-syntax', `YAML syntax error: ${firstLine(message)}`),
    );
  };
  const tooDeep = (offset: number) => {
    const p = pos(offset);
    const message = `nested more than ${String(MAX_DEPTH)} levels deep; Kubernetes objects never need this (a Pod template is about 12)`;
    diagnostics.push(fileError(file, p.line, p.col, 'too-deep', message));
  };
  const budget = { nodes: 0, aliasNodes: 0 };
  let index = 0;
  let stopped = false;
  const onDocument = (doc: Document.Parsed) => {
    const docIndex = index++;
    if (stopped) return;
    for (const w of doc.warnings) {
      const p = pos(w.pos[0]);
      const message = `YAML: ${firstLine(w.message)}`;
      diagnostics.push({
        ...fileError(file, p.line, p.col, 'yaml-warning', message),
        severity: 'warning',
      });
    }
    if (doc.errors.length > 0) {
      for (const err of doc.errors) syntaxError(err.pos[0], err.message);
      return;
    }
    // An empty document (between `---` separators, or `null`): kubectl skips these too.
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return;
    const map = new Map<string, Loc>();
    try {
      const value = new Walker(doc, map, pos, budget).convert(doc.contents, '', 0);
      documents.push({ file, index: docIndex, value, positions: new PositionIndex(file, map) });
    } catch (e) {
      if (!(e instanceof WalkLimit)) throw e;
      diagnostics.push(fileError(file, e.line, e.col, e.code, e.message));
      if (e.code === 'alias-bomb' || e.code === 'too-many-values') stopped = true;
    }
  };
  const composer = new Composer({ uniqueKeys: true });
  try {
    const { tooDeepAt } = composeDocuments(text, lineCounter, composer, onDocument);
    if (tooDeepAt !== undefined) tooDeep(tooDeepAt);
  } catch (e) {
    // Belt and braces for engines with small stacks: the composer recurses per level.
    if (!(e instanceof RangeError)) throw e;
    tooDeep(0);
  }
  // Errors outside any document (e.g. a stray `...`) stay with the composer.
  for (const err of composer.streamInfo().errors) syntaxError(err.pos[0], err.message);
  return { documents, diagnostics };
}

function firstLine(s: string): string {
  const line = s.split('\n')[0] ?? s;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
