import { useState } from 'react';
import { applyCanvasEdit, refOfCanvasId } from '../canvasEdit';

/** Change one label of the selected object: a YAML edit in the worker, applied at once. */
async function setLabel(id: string, key: string, value: string | null): Promise<void> {
  const target = refOfCanvasId(id);
  if (target) await applyCanvasEdit({ op: 'setLabel', target, key, value });
}

/** Labels of the selected pod, editable inline: remove one, or add `key=value`. */
export function LabelEditor({
  id,
  labels,
}: {
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
}) {
  const [entry, setEntry] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = () => {
    const m = /^\s*([^=\s]+)\s*=\s*(\S*)\s*$/.exec(entry);
    if (!m) {
      setProblem('Write the label as key=value, e.g. tier=frontend.');
      return;
    }
    setProblem(null);
    setEntry('');
    void setLabel(id, m[1] ?? '', m[2] ?? '');
  };
  return (
    <section className="insp-section" aria-label="Edit labels">
      <h3 className="insp-section__title">Edit labels</h3>
      <ul className="insp-chips">
        {Object.entries(labels).map(([k, v]) => (
          <li key={k} className="insp-chip">
            {`${k}=${v}`}{' '}
            <button
              type="button"
              aria-label={`Remove label ${k}`}
              onClick={() => {
                void setLabel(id, k, null);
              }}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="insp-label-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <input
          aria-label="New label"
          placeholder="key=value"
          value={entry}
          onChange={(e) => {
            setEntry(e.target.value);
          }}
        />
        <button type="submit">Set label</button>
      </form>
      {problem && <p className="insp-note insp-value--bad">{problem}</p>}
    </section>
  );
}
