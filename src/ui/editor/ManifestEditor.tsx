import { useStore } from '../../store';

/**
 * The manifest editor. (A plain text area until the CodeMirror editor lands; same store
 * actions.) Ctrl/Cmd+Enter applies.
 */
export default function ManifestEditor() {
  const draft = useStore((s) => s.draftText);
  const setDraft = useStore((s) => s.setDraft);
  const applyDraft = useStore((s) => s.applyDraft);
  return (
    <section className="panel editor" aria-label="Manifest editor">
      <div className="editor__bar">
        <button type="button" onClick={applyDraft}>
          Apply
        </button>
      </div>
      <textarea
        className="editor__text"
        spellCheck={false}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            applyDraft();
          }
        }}
      />
    </section>
  );
}
