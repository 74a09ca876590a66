import { useEffect } from 'react';
import demoYaml from '../lessons/demo.yaml?raw';
import { useStore } from '../store';
import { loadSaved, save } from '../store/persistence';
import { decodeShare } from '../store/share';
import type { ObjectRef } from '../model/edit';
import { engine } from './useEngine';

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

/** Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Ctrl+Y) undo and redo the document, outside text fields. */
export function useUndoShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const target = e.target as HTMLElement | null;
      // Text fields and the code editor have their own undo history.
      if (target?.closest('input, textarea, [contenteditable="true"], .cm-editor')) return;
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

const KIND_OF_ID: Readonly<Record<string, string>> = {
  pod: 'Pod',
  service: 'Service',
  ingress: 'Ingress',
  networkpolicy: 'NetworkPolicy',
  namespace: 'Namespace',
  node: 'Node',
};

/** The object a canvas id stands for (`pod:ns/name` → Pod ns/name). */
export function refOfCanvasId(id: string): ObjectRef | null {
  const colon = id.indexOf(':');
  const kind = KIND_OF_ID[id.slice(0, colon)];
  if (colon < 0 || !kind) return null;
  const rest = id.slice(colon + 1);
  const slash = rest.indexOf('/');
  return slash < 0
    ? { kind, namespace: '', name: rest }
    : { kind, namespace: rest.slice(0, slash), name: rest.slice(slash + 1) };
}

/** Delete removes the selected object from the YAML (undo brings it back). */
export function useDeleteShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Delete') return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], .cm-editor')) return;
      const { selected, appliedText, draftText, applyText, notify, select } = useStore.getState();
      const ref = selected ? refOfCanvasId(selected) : null;
      if (!ref) return;
      e.preventDefault();
      if (draftText !== appliedText) {
        notify({
          kind: 'error',
          text: 'The Manifest editor has changes that are not applied: Apply them (Ctrl+Enter) first.',
        });
        return;
      }
      void engine()
        .edit(appliedText, { op: 'delete', target: ref })
        .then((result) => {
          if (!result) return;
          if (!result.ok) {
            notify({ kind: 'error', text: result.message });
            return;
          }
          applyText(result.text);
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
