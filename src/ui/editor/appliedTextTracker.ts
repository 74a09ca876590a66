/**
 * Findings arrive for the applied text, but the user may have typed since. The tracker keeps
 * the edits made after the last Apply as one ChangeSet, so a finding at line 6 of the applied
 * text lands on the same key in the draft, even after lines were inserted above it. (Once the
 * live check of the draft answers, its own findings replace these; see draftChecker.ts.)
 */
import type { Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { ChangeSet, Text } from '@codemirror/state';
import type { DiagnosticView } from '../../worker/protocol';
import { toLintDiagnostics } from './lintDiagnostics';
import { minimalChange } from './textChange';

function textOf(source: string): Text {
  return Text.of(source.split(/\r\n?|\n/));
}

function changesBetween(before: string, after: Text): ChangeSet {
  const change = minimalChange(before, after.toString());
  return ChangeSet.of(change ? [change] : [], before.length);
}

export class AppliedTextTracker {
  private applied: Text;
  private sinceApplied: ChangeSet;

  constructor(applied: string, current: Text) {
    this.applied = textOf(applied);
    this.sinceApplied = changesBetween(this.applied.toString(), current);
  }

  /** A new applied text: edits are counted from here (exact when it equals the editor's text). */
  reset(applied: string, current: Text): void {
    this.applied = textOf(applied);
    this.sinceApplied = changesBetween(this.applied.toString(), current);
  }

  /** Every change to the editor's document, in order. */
  record(changes: ChangeSet, current: Text): void {
    if (changes.length === this.sinceApplied.newLength) {
      this.sinceApplied = this.sinceApplied.compose(changes);
    } else {
      // Out of step (should not happen): fall back to a plain diff from the applied text.
      this.sinceApplied = changesBetween(this.applied.toString(), current);
    }
  }

  /** The findings about the applied text, placed where that text now is in the editor. */
  place(findings: readonly DiagnosticView[], fileName: string): LintDiagnostic[] {
    const changes = this.sinceApplied;
    return toLintDiagnostics(this.applied, findings, fileName).map((d) => {
      const from = changes.mapPos(d.from, 1);
      const to = Math.max(from, changes.mapPos(d.to, -1));
      return { ...d, from, to };
    });
  }
}
