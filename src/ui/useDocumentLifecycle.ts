import { useEffect } from 'react';
import demoYaml from '../lessons/demo.yaml?raw';
import { useStore } from '../store';
import { loadSaved, save } from '../store/persistence';
import { decodeShare } from '../store/share';
import { applyCanvasEdit, refOfCanvasId } from './canvasEdit';

/**
 * Where the document comes from at start, and where it goes afterwards: a share link in the
 * URL wins, then the autosaved session, then the built-in demo. A broken link says so and
 * leaves the saved work alone. Every document change is saved (debounced).
 */
export function useDocumentLifecycle(): void {
  useEffect(() => {
    let cancelled = false;
    const { loadDocument, notify } = useStore.getState();
    const saved = loadSaved(window.localStorage);
    const fallback = () => {
      if (saved) loadDocument(saved.fileName, saved.appliedText);
      else loadDocument('demo.yaml', demoYaml);
      if (saved && saved.draftText !== saved.appliedText)
        useStore.getState().setDraft(saved.draftText);
      useStore.temporal.getState().clear();
    };
    void decodeShare(window.location.hash).then((shared) => {
      if (cancelled) return;
      if (shared === null) fallback();
      else if (shared.ok) {
        loadDocument(shared.doc.fileName, shared.doc.appliedText);
        useStore.temporal.getState().clear();
        notify({ kind: 'info', text: `Opened ${shared.doc.fileName} from a share link.` });
      } else {
        fallback();
        notify({ kind: 'error', text: shared.message });
      }
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(timer);
      const { fileName, appliedText, draftText } = useStore.getState();
      if (!save(window.localStorage, { fileName, appliedText, draftText })) {
        useStore.getState().notify({
          kind: 'error',
          text: 'Autosave failed (browser storage is full or disabled); export your YAML to keep it.',
        });
      }
    };
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.appliedText !== prev.appliedText || s.fileName !== prev.fileName) flush();
      else if (s.draftText !== prev.draftText) {
        // Typing: save after a pause rather than on every key.
        clearTimeout(timer);
        timer = setTimeout(flush, 300);
      }
    });
    window.addEventListener('pagehide', flush);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      unsubscribe();
      window.removeEventListener('pagehide', flush);
    };
  }, []);
}

/**
 * Whether a key event belongs to a text field or the code editor (which keep their own undo
 * and use Delete and `?` as text), so the page's shortcuts leave it alone.
 */
export function isTextEntry(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest('input, textarea, select, [contenteditable="true"], .cm-editor') !== null
  );
}

/** Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Ctrl+Y) undo and redo the document, outside text fields. */
export function useUndoShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      if (isTextEntry(e.target)) return;
      const key = e.key.toLowerCase();
      const { undo, redo } = useStore.temporal.getState();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}

/** Delete removes the selected object from the YAML (undo brings it back). */
export function useDeleteShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Delete' || isTextEntry(e.target)) return;
      const { selected, notify, select } = useStore.getState();
      const ref = selected ? refOfCanvasId(selected) : null;
      if (!ref) return;
      e.preventDefault();
      void applyCanvasEdit({ op: 'delete', target: ref }).then((done) => {
        if (!done) return;
        select(null);
        notify({
          kind: 'info',
          text: `Deleted ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name} (Ctrl+Z brings it back).`,
        });
      });
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
