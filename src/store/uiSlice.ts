/** What the user is looking at: selection, the open panel, the theme. */
import type { StateCreator } from 'zustand';
import type { Store } from './index';

export type PanelName = 'editor' | 'matrix' | 'terminal' | 'events';
export type Theme = 'light' | 'dark';

export interface UiSlice {
  /** Canvas id of the selected object (`pod:ns/name`, `service:ns/name`, …), or null. */
  readonly selected: string | null;
  readonly panel: PanelName;
  readonly theme: Theme;
  /** A message for the user (a broken share link, a restored session), or null. */
  readonly notice: { readonly kind: 'info' | 'error'; readonly text: string } | null;
  select: (id: string | null) => void;
  openPanel: (panel: PanelName) => void;
  toggleTheme: () => void;
  notify: (notice: UiSlice['notice']) => void;
}

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  selected: null,
  panel: 'editor',
  theme: 'light',
  notice: null,
  select: (id) => {
    set({ selected: id });
  },
  openPanel: (panel) => {
    set({ panel });
  },
  toggleTheme: () => {
    set((s) => ({ theme: s.theme === 'light' ? 'dark' : 'light' }));
  },
  notify: (notice) => {
    set({ notice });
  },
});
