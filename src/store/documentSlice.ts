/**
 * The user's document: the scenario's YAML as they wrote it (the applied text, which the
 * engine simulates) and the editor's draft (what they are typing, which may not parse).
 * Nothing the user typed is ever dropped: a draft with errors stays a draft.
 */
import type { StateCreator } from 'zustand';
import type { Store } from './index';

export interface DocumentSlice {
  /** A file name for messages (`scenario.yaml`). */
  readonly fileName: string;
  /** The text the simulation runs on. */
  readonly appliedText: string;
  /** The editor's text; equal to appliedText when nothing is pending. */
  readonly draftText: string;
  setDraft: (text: string) => void;
  /** Make the draft the applied text (the Apply button, Ctrl/Cmd+Enter). */
  applyDraft: () => void;
  /** A canvas or Inspector edit: the new text is applied at once, as one undo step. */
  applyText: (text: string) => void;
  /** Replace the whole document (gallery, import, share link). */
  loadDocument: (fileName: string, text: string) => void;
}

export const createDocumentSlice: StateCreator<Store, [], [], DocumentSlice> = (set) => ({
  fileName: 'scenario.yaml',
  appliedText: '',
  draftText: '',
  setDraft: (text) => {
    set({ draftText: text });
  },
  applyDraft: () => {
    set((s) => ({ appliedText: s.draftText }));
  },
  applyText: (text) => {
    set({ appliedText: text, draftText: text });
  },
  loadDocument: (fileName, text) => {
    set({ fileName, appliedText: text, draftText: text });
  },
});
