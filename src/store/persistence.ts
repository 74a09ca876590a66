/**
 * Autosave to the browser and restore on reload. Whatever is in localStorage is data from an
 * earlier session (or another tab): it is type-checked and size-limited before use, and a
 * broken entry is ignored, never thrown on.
 */
export const STORAGE_KEY = 'k8snet:document:v1';
/** The same limit the parser applies to input files. */
export const MAX_DOCUMENT_CHARS = 5 * 1024 * 1024;

export interface SavedDocument {
  readonly fileName: string;
  readonly appliedText: string;
  readonly draftText: string;
}

/** Validate an unknown value as a saved document. */
export function parseSavedDocument(raw: unknown): SavedDocument | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const { fileName, appliedText, draftText } = r;
  if (
    typeof fileName !== 'string' ||
    typeof appliedText !== 'string' ||
    typeof draftText !== 'string'
  )
    return null;
  if (
    fileName.length > 200 ||
    appliedText.length > MAX_DOCUMENT_CHARS ||
    draftText.length > MAX_DOCUMENT_CHARS
  )
    return null;
  return { fileName, appliedText, draftText };
}

export function loadSaved(storage: Pick<Storage, 'getItem'>): SavedDocument | null {
  try {
    const text = storage.getItem(STORAGE_KEY);
    return text === null ? null : parseSavedDocument(JSON.parse(text));
  } catch {
    return null;
  }
}

export function save(storage: Pick<Storage, 'setItem'>, doc: SavedDocument): boolean {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(doc));
    return true;
  } catch {
    // Quota exceeded or storage disabled: the document stays in memory.
    return false;
  }
}
