import type { Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { forEachDiagnostic, setDiagnostics } from '@codemirror/lint';
import { Annotation, EditorState, Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useCallback, useEffect, useRef } from 'react';
import { useStore } from '../../store';
import type { DiagnosticView } from '../../worker/protocol';
import { AppliedTextTracker } from './appliedTextTracker';
import { darkMode, editorExtensions } from './editorExtensions';
import { countProblems, describeCounts } from './lintDiagnostics';
import { ProblemsList } from './ProblemsList';
import { minimalChange } from './textChange';
import './ManifestEditor.css';

/** Marks a change that came from the store (canvas, undo, import), not from typing. */
const fromStore = Annotation.define<boolean>();

const NO_FINDINGS: readonly DiagnosticView[] = [];

const isMac = typeof navigator !== 'undefined' && /Mac OS X|iPhone|iPad/.test(navigator.userAgent);
const APPLY_KEYS = isMac ? '⌘ Enter' : 'Ctrl Enter';

interface EditorHandle {
  readonly view: EditorView;
  readonly tracker: AppliedTextTracker;
  /** The lint diagnostic placed for each finding, to find its current position on a click. */
  placed: Map<DiagnosticView, LintDiagnostic>;
}

/**
 * The manifest editor: CodeMirror on the store's draft. Typing updates the draft; outside
 * changes to the draft (canvas edits, undo, import) are applied as a minimal edit so the cursor
 * stays put. Apply (button or Ctrl/Cmd+Enter) hands the draft to the engine; its findings come
 * back as lint markers, kept in place while the user types on (and marked stale until the next
 * Apply). The text is never rewritten: a draft that does not parse stays as typed.
 */
export default function ManifestEditor() {
  const hostRef = useRef<HTMLDivElement>(null);
  const handleRef = useRef<EditorHandle | null>(null);
  const isEdited = useStore((s) => s.draftText !== s.appliedText);
  const status = useStore((s) => s.status);
  const findings = useStore((s) => s.view?.diagnostics) ?? NO_FINDINGS;
  const fileName = useStore((s) => s.fileName);
  const isDark = useStore((s) => s.theme === 'dark');
  const applyDraft = useStore((s) => s.applyDraft);

  // Create the editor once; it talks to the store directly, not through React renders.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const initial = useStore.getState();
    // The draft as the store last had it from us: a different draftText is an outside change.
    let lastDraft = initial.draftText;
    const state = EditorState.create({
      doc: initial.draftText,
      extensions: editorExtensions(
        {
          onApply: () => {
            useStore.getState().applyDraft();
          },
          onUpdate: (update) => {
            if (!update.docChanged) return;
            for (const tr of update.transactions)
              if (tr.docChanged) tracker.record(tr.changes, tr.newDoc);
            if (update.transactions.some((tr) => tr.docChanged && !tr.annotation(fromStore))) {
              lastDraft = update.state.doc.toString();
              useStore.getState().setDraft(lastDraft);
            }
          },
        },
        initial.theme === 'dark',
      ),
    });
    const tracker = new AppliedTextTracker(initial.appliedText, state.doc);
    const view = new EditorView({ state, parent: host });
    handleRef.current = { view, tracker, placed: new Map() };

    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.draftText !== prev.draftText && s.draftText !== lastDraft) {
        lastDraft = s.draftText;
        const change = minimalChange(view.state.doc.toString(), s.draftText);
        if (change)
          view.dispatch({
            changes: change,
            // Not an editor undo step: the app's own undo owns outside changes.
            annotations: [fromStore.of(true), Transaction.addToHistory.of(false)],
          });
      }
      if (s.appliedText !== prev.appliedText) tracker.reset(s.appliedText, view.state.doc);
    });
    return () => {
      unsubscribe();
      handleRef.current = null;
      view.destroy();
    };
  }, []);

  useEffect(() => {
    handleRef.current?.view.dispatch({
      effects: darkMode.reconfigure(EditorView.darkTheme.of(isDark)),
    });
  }, [isDark]);

  // New findings (a simulation finished): place them where their text now is in the editor.
  useEffect(() => {
    const handle = handleRef.current;
    if (!handle) return;
    const here = findings.filter((f) => f.diagnostic.file === fileName);
    const lint = handle.tracker.place(here, fileName);
    handle.placed = new Map(here.map((f, i) => [f, lint[i]] as const).filter(isPlaced));
    handle.view.dispatch(setDiagnostics(handle.view.state, lint));
  }, [findings, fileName]);

  const jumpTo = useCallback((finding: DiagnosticView) => {
    const handle = handleRef.current;
    const target = handle?.placed.get(finding);
    if (!handle || !target) return;
    let at: number = target.from;
    forEachDiagnostic(handle.view.state, (d, from) => {
      if (d === target) at = from;
    });
    handle.view.dispatch({
      selection: { anchor: at },
      effects: EditorView.scrollIntoView(at, { y: 'center' }),
    });
    handle.view.focus();
  }, []);

  const counts = countProblems(findings);
  const summary =
    status === 'running'
      ? 'Checking…'
      : status === 'idle'
        ? 'Not checked yet'
        : status === 'failed'
          ? 'Not checked: the engine failed'
          : describeCounts(counts);
  const tone =
    status === 'running' || status === 'idle'
      ? 'pending'
      : status === 'failed' || counts.errors > 0
        ? 'error'
        : counts.warnings > 0
          ? 'warning'
          : 'ok';

  return (
    <section
      className={`panel manifest-editor${isEdited ? ' manifest-editor--edited' : ''}`}
      aria-label="Manifest editor"
    >
      <div className="manifest-editor__bar">
        <button
          type="button"
          className="manifest-editor__apply"
          title={`Apply the manifests to the cluster (${APPLY_KEYS})`}
          onClick={applyDraft}
        >
          Apply
        </button>
        <kbd className="manifest-editor__keys" aria-hidden="true">
          {APPLY_KEYS}
        </kbd>
        <span
          className={`manifest-editor__status manifest-editor__status--${tone}`}
          aria-live="polite"
        >
          {summary}
        </span>
        {isEdited && (
          <span className="manifest-editor__edited">
            Edited since the last Apply{findings.length > 0 ? ': markers may be out of date' : ''}
          </span>
        )}
        <span className="manifest-editor__file">{fileName}</span>
      </div>
      <div className="manifest-editor__body">
        <div className="manifest-editor__cm" ref={hostRef} />
        {findings.length > 0 && (
          <ProblemsList
            findings={findings}
            fileName={fileName}
            isStale={isEdited}
            onJump={jumpTo}
          />
        )}
      </div>
    </section>
  );
}

function isPlaced(
  entry: readonly [DiagnosticView, LintDiagnostic | undefined],
): entry is readonly [DiagnosticView, LintDiagnostic] {
  return entry[1] !== undefined;
}
