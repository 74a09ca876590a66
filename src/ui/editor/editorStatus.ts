/**
 * What the editor's status line and problems list say: the applied simulation's findings while
 * the draft is the applied text, the live check's findings while it is not. Plain data in,
 * plain words out, so every wording is tested without a browser.
 */
import type { SimulationStatus } from '../../store/simulationSlice';
import type { DiagnosticView } from '../../worker/protocol';
import type { DraftCheck } from './draftChecker';
import { countProblems, describeCounts } from './lintDiagnostics';

export type StatusTone = 'pending' | 'error' | 'warning' | 'ok';

export interface EditorStatus {
  /** The findings to mark and list: the last Apply's, or the unapplied draft's. */
  readonly findings: readonly DiagnosticView[];
  /** The text changed since these findings were made (a newer check is due or failed). */
  readonly isStale: boolean;
  /** The status line (read out politely to screen readers). */
  readonly summary: string;
  readonly tone: StatusTone;
  /** A line above the problems list saying which text they are about; null when obvious. */
  readonly note: string | null;
}

function toneOf(findings: readonly DiagnosticView[]): StatusTone {
  const counts = countProblems(findings);
  return counts.errors > 0 ? 'error' : counts.warnings > 0 ? 'warning' : 'ok';
}

const APPLIED_NOTE = {
  checking: 'From the last Apply; checking your edits…',
  failed: 'From the last Apply; your edits could not be checked.',
} as const;

const DRAFT_NOTE = {
  checked: 'In your unapplied edits; Apply to update the cluster.',
  checking: 'In your edits before the latest change; checking again…',
  failed: 'In your edits before the latest change; checking again failed.',
} as const;

export function editorStatus(
  simulation: SimulationStatus,
  applied: readonly DiagnosticView[],
  check: DraftCheck,
): EditorStatus {
  if (check.state === 'applied') {
    return {
      findings: applied,
      isStale: false,
      summary:
        simulation === 'running'
          ? 'Checking…'
          : simulation === 'idle'
            ? 'Not checked yet'
            : simulation === 'failed'
              ? 'Not checked: the engine failed'
              : describeCounts(countProblems(applied)),
      tone:
        simulation === 'running' || simulation === 'idle'
          ? 'pending'
          : simulation === 'failed'
            ? 'error'
            : toneOf(applied),
      note: null,
    };
  }
  if (check.state === 'checked' && check.last) {
    const { findings } = check.last;
    const counts = countProblems(findings);
    return {
      findings,
      isStale: false,
      summary:
        findings.length === 0
          ? 'No problems in your unapplied edits'
          : `${describeCounts(counts)} in your unapplied edits`,
      tone: toneOf(findings),
      note: DRAFT_NOTE.checked,
    };
  }
  const state = check.state === 'failed' ? 'failed' : 'checking';
  return {
    findings: check.last?.findings ?? applied,
    isStale: true,
    summary: state === 'failed' ? 'Your edits could not be checked' : 'Checking your edits…',
    tone: state === 'failed' ? 'error' : 'pending',
    note: check.last ? DRAFT_NOTE[state] : APPLIED_NOTE[state],
  };
}
