import type { Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { forEachDiagnostic, setDiagnostics } from '@codemirror/lint';
import { Annotation, EditorState, Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useCallback, useEffect, useRef } from 'react';
import { useStore } from '../../store';
import type { DiagnosticView } from '../../worker/protocol';
import { AppliedTextTracker } from './appliedTextTracker';
import { darkMode, editorExtensions } from './editorExtensions';
import { editorStatus } from './editorStatus';
import { toLintDiagnostics } from './lintDiagnostics';
import { ProblemsList } from './ProblemsList';
import { minimalChange } from './textChange';
import { useDraftCheck } from './useDraftCheck';
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
 * back as lint markers. While the draft differs from the applied text, the worker checks it as
 * the user types (parse and validate, no Apply) and those findings replace the markers; the
 * canvas keeps the last applied cluster. The text is never rewritten: a draft that does not
 * parse stays as typed.
 */
export default function ManifestEditor() {
  const hostRef = useRef<HTMLDivElement>(null);
  const handleRef = useRef<EditorHandle | null>(null);
  const isEdited = useStore((s) => s.draftText !== s.appliedText);
  const status = useStore((s) => s.status);
  const appliedFindings = useStore((s) => s.view?.diagnostics) ?? NO_FINDINGS;
  const check = useDraftCheck();
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

  // New findings: a simulation finished, or the live check answered for the draft.
  useEffect(() => {
    const handle = handleRef.current;
    if (!handle) return;
    const { view, tracker } = handle;
    let here: readonly DiagnosticView[];
    let lint: LintDiagnostic[];
    if (check.state === 'applied' || check.last === null) {
      // About the applied text: placed where that text now is in the editor.
      here = appliedFindings.filter((f) => f.diagnostic.file === fileName);
      lint = tracker.place(here, fileName);
    } else if (check.state === 'checked' && view.state.doc.toString() === check.last.text) {
      // About exactly the text in the editor: placed as reported.
      here = check.last.findings.filter((f) => f.diagnostic.file === fileName);
      lint = toLintDiagnostics(view.state.doc, here, fileName);
    } else {
      // Checking again (or failed): keep the markers, which CodeMirror moved along with the edits.
      return;
    }
    handle.placed = new Map(here.map((f, i) => [f, lint[i]] as const).filter(isPlaced));
    view.dispatch(setDiagnostics(view.state, lint));
  }, [check, appliedFindings, fileName]);

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

  const { findings, isStale, summary, tone, note } = editorStatus(status, appliedFindings, check);

  return (
    <section
      className={`panel manifest-editor${isEdited ? ' manifest-editor--edited' : ''}${isStale ? ' manifest-editor--stale' : ''}`}
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
            Edited since the last Apply: the cluster shows the applied text
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
            isStale={isStale}
            note={note}
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
