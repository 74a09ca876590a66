/**
 * The engine's findings as CodeMirror lint diagnostics: `file:line:col` becomes a document
 * range, and the message is the one `k8snet validate` prints. No parsing here: the worker found
 * the problems; this only turns 1-based line/column into offsets.
 */
import type { Diagnostic as LintDiagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { DiagnosticView } from '../../worker/protocol';

export interface Range {
  readonly from: number;
  readonly to: number;
}

/** Characters that end a YAML key or plain scalar (`key:`, `image: nginx # comment`). */
const TOKEN_END = /[\s:,[\]{}#]/;

/**
 * The range a finding at `line:col` marks: the key or value that starts there, else the rest of
 * the line. A position past the end (a syntax error at end of file) marks the end of the text.
 */
export function diagnosticRange(doc: Text, line: number, col: number): Range {
  if (line > doc.lines) return { from: doc.length, to: doc.length };
  const at = doc.line(Math.max(1, line));
  const text = at.text;
  let start = Math.min(Math.max(0, col - 1), text.length);
  // A finding on a list item (`- name: web`) is about the item's content, not its dash.
  while (text.startsWith('- ', start)) start += 2;
  let end = start;
  if (text[start] === '"' || text[start] === "'") {
    const close = text.indexOf(text[start] ?? '', start + 1);
    end = close === -1 ? text.length : close + 1;
  } else {
    while (end < text.length && !TOKEN_END.test(text[end] ?? '')) end++;
  }
  if (end === start) end = text.trimEnd().length;
  if (end < start) end = start;
  return { from: at.from + start, to: at.from + end };
}

/**
 * Lint diagnostics for the findings in `fileName`, placed in `doc` (the text they were found
 * in). The message is exactly `diagnostic.message`; the field path goes in `source`.
 */
export function toLintDiagnostics(
  doc: Text,
  findings: readonly DiagnosticView[],
  fileName: string,
): LintDiagnostic[] {
  const out: LintDiagnostic[] = [];
  for (const { diagnostic: d } of findings) {
    if (d.file !== fileName) continue;
    const { from, to } = diagnosticRange(doc, d.line, d.col);
    out.push({
      from,
      to,
      severity: d.severity,
      message: d.message,
      ...(d.path === '' ? {} : { source: d.path }),
    });
  }
  return out;
}

export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export function countProblems(findings: readonly DiagnosticView[]): ProblemCounts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const { diagnostic } of findings) {
    if (diagnostic.severity === 'error') errors++;
    else if (diagnostic.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

function plural(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning`, or `No problems`. */
export function describeCounts({ errors, warnings, infos }: ProblemCounts): string {
  const parts = [
    errors > 0 ? plural(errors, 'error') : '',
    warnings > 0 ? plural(warnings, 'warning') : '',
    infos > 0 ? plural(infos, 'note') : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? 'No problems' : parts.join(', ');
}
