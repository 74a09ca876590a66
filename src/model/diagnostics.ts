/** Where a piece of user input came from: 1-based line and column. */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * One finding about the user's input. `path` is the field path inside the object
 * (`spec.ports[0].port`), or `` for the whole document.
 */
export interface Diagnostic extends SourcePos {
  readonly severity: Severity;
  readonly path: string;
  readonly message: string;
  /** Short machine-readable id of the rule, used by tests and the UI (e.g. `unknown-field`). */
  readonly code: string;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** `file:line:col: severity: path: message`, the one format every face prints. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${String(d.line)}:${String(d.col)}`;
  return d.path === ''
    ? `${where}: ${d.severity}: ${d.message}`
    : `${where}: ${d.severity}: ${d.path}: ${d.message}`;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: by file, line, column, then severity. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.col - b.col ||
      severityRank[a.severity] - severityRank[b.severity] ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
