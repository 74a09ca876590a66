/**
 * Canvas, palette and Inspector actions are YAML edits, done in the worker and applied to the
 * document as one undo step. One path for all of them, so each action refuses the same way to
 * overwrite unapplied typing and reports problems the same way.
 */
import type { ObjectRef } from '../model/edit';
import { useStore } from '../store';
import type { DocumentEdit } from '../worker/protocol';
import { engine } from './useEngine';

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

/** Apply `edit` to the applied text; true when the document changed. */
export async function applyCanvasEdit(edit: DocumentEdit): Promise<boolean> {
  const { appliedText, draftText, applyText, notify } = useStore.getState();
  if (draftText !== appliedText) {
    // The edit rewrites the applied text; unapplied typing must not be thrown away.
    notify({
      kind: 'error',
      text: 'The Manifest editor has changes that are not applied: Apply them (Ctrl+Enter) first.',
    });
    return false;
  }
  const result = await engine().edit(appliedText, edit);
  if (!result) {
    notify({ kind: 'error', text: 'The engine worker failed while editing the scenario.' });
    return false;
  }
  if (!result.ok) {
    notify({ kind: 'error', text: result.message });
    return false;
  }
  applyText(result.text);
  return true;
}
