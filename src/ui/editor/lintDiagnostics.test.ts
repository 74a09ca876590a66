import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { DiagnosticView } from '../../worker/protocol';
import type { Diagnostic, Severity } from '../../model/diagnostics';
import { formatDiagnostic } from '../../model/diagnostics';
import {
  countProblems,
  describeCounts,
  diagnosticRange,
  toLintDiagnostics,
} from './lintDiagnostics';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  contianers:
    - name: nginx
      image: "nginx:1.27"
`;

const doc = Text.of(POD.split('\n'));

function finding(
  line: number,
  col: number,
  message: string,
  path = '',
  severity: Severity = 'error',
  file = 'scenario.yaml',
): DiagnosticView {
  const diagnostic: Diagnostic = { file, line, col, severity, path, message, code: 'test' };
  return { text: formatDiagnostic(diagnostic), diagnostic };
}

function marked(line: number, col: number): string {
  const { from, to } = diagnosticRange(doc, line, col);
  return doc.sliceString(from, to);
}

describe('diagnosticRange', () => {
  it('marks the key a finding points at, without its colon', () => {
    expect(marked(6, 3)).toBe('contianers');
    expect(marked(5, 1)).toBe('spec');
  });

  it('marks the content of a list item, not its dash', () => {
    expect(marked(7, 5)).toBe('name');
  });

  it('marks a quoted value whole, colon included', () => {
    expect(marked(8, 14)).toBe('"nginx:1.27"');
  });

  it('marks the rest of the line when the column is on blank space', () => {
    expect(marked(4, 1)).toBe('  name: web');
  });

  it('puts a finding past the last line at the end of the text', () => {
    expect(diagnosticRange(doc, 42, 1)).toEqual({ from: doc.length, to: doc.length });
  });

  it('clamps a column past the end of its line', () => {
    const { from, to } = diagnosticRange(doc, 2, 80);
    expect(from).toBe(doc.line(2).to);
    expect(to).toBe(from);
  });
});

describe('toLintDiagnostics', () => {
  it('keeps k8snet validate’s message and severity, with the field path as source', () => {
    const message = 'unknown field "contianers" in PodSpec; did you mean "containers"?';
    const [lint, ...rest] = toLintDiagnostics(
      doc,
      [finding(6, 3, message, 'spec.contianers')],
      'scenario.yaml',
    );
    expect(rest).toEqual([]);
    expect(lint).toEqual({
      from: doc.line(6).from + 2,
      to: doc.line(6).from + 12,
      severity: 'error',
      message,
      source: 'spec.contianers',
    });
  });

  it('leaves out findings about other files and has no source for whole documents', () => {
    const lint = toLintDiagnostics(
      doc,
      [finding(1, 1, 'elsewhere', '', 'error', 'other.yaml'), finding(2, 7, 'a note', '', 'info')],
      'scenario.yaml',
    );
    expect(lint).toEqual([
      { from: doc.line(2).from + 6, to: doc.line(2).to, severity: 'info', message: 'a note' },
    ]);
  });
});

describe('problem counts', () => {
  it('counts by severity and says so in words', () => {
    const counts = countProblems([
      finding(1, 1, 'a'),
      finding(2, 1, 'b'),
      finding(3, 1, 'c', '', 'warning'),
    ]);
    expect(counts).toEqual({ errors: 2, warnings: 1, infos: 0 });
    expect(describeCounts(counts)).toBe('2 errors, 1 warning');
    expect(describeCounts({ errors: 0, warnings: 0, infos: 1 })).toBe('1 note');
    expect(describeCounts(countProblems([]))).toBe('No problems');
  });
});
