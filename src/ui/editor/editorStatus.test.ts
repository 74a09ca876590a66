import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity } from '../../model/diagnostics';
import { formatDiagnostic } from '../../model/diagnostics';
import type { DiagnosticView } from '../../worker/protocol';
import { DRAFT_APPLIED } from './draftChecker';
import type { DraftCheck } from './draftChecker';
import { editorStatus } from './editorStatus';

function finding(line: number, message: string, severity: Severity = 'error'): DiagnosticView {
  const diagnostic: Diagnostic = {
    file: 'scenario.yaml',
    line,
    col: 3,
    severity,
    path: 'spec',
    message,
    code: 'test',
  };
  return { text: formatDiagnostic(diagnostic), diagnostic };
}

const APPLIED_WARNING = finding(7, 'Service selects no pods', 'warning');
const DRAFT_ERROR = finding(6, 'unknown field "contianers" in PodSpec');

function checked(findings: readonly DiagnosticView[]): DraftCheck {
  return { state: 'checked', last: { fileName: 'scenario.yaml', text: 'x', findings } };
}

describe('editorStatus', () => {
  it('shows the simulation’s findings while the draft is the applied text', () => {
    expect(editorStatus('ready', [APPLIED_WARNING], DRAFT_APPLIED)).toEqual({
      findings: [APPLIED_WARNING],
      isStale: false,
      summary: '1 warning',
      tone: 'warning',
      note: null,
    });
    expect(editorStatus('running', [], DRAFT_APPLIED).summary).toBe('Checking…');
    expect(editorStatus('failed', [], DRAFT_APPLIED)).toMatchObject({
      summary: 'Not checked: the engine failed',
      tone: 'error',
    });
  });

  it('shows the live check’s findings for unapplied edits', () => {
    expect(editorStatus('ready', [APPLIED_WARNING], checked([DRAFT_ERROR]))).toEqual({
      findings: [DRAFT_ERROR],
      isStale: false,
      summary: '1 error in your unapplied edits',
      tone: 'error',
      note: 'In your unapplied edits; Apply to update the cluster.',
    });
    expect(editorStatus('ready', [APPLIED_WARNING], checked([]))).toMatchObject({
      findings: [],
      summary: 'No problems in your unapplied edits',
      tone: 'ok',
    });
  });

  it('keeps the last findings, marked stale, while the next check is due', () => {
    expect(editorStatus('ready', [APPLIED_WARNING], { state: 'checking', last: null })).toEqual({
      findings: [APPLIED_WARNING],
      isStale: true,
      summary: 'Checking your edits…',
      tone: 'pending',
      note: 'From the last Apply; checking your edits…',
    });
    const last = checked([DRAFT_ERROR]).last;
    expect(editorStatus('ready', [APPLIED_WARNING], { state: 'checking', last })).toMatchObject({
      findings: [DRAFT_ERROR],
      isStale: true,
      note: 'In your edits before the latest change; checking again…',
    });
    expect(editorStatus('ready', [], { state: 'failed', last })).toMatchObject({
      findings: [DRAFT_ERROR],
      summary: 'Your edits could not be checked',
      tone: 'error',
    });
  });
});
