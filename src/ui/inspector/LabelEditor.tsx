import { useState } from 'react';

/**
 * Labels of the selected object, editable inline: remove one, or add `key=value`. `onSet` makes
 * the YAML edit (value null removes the label); `note` says where the labels are written.
 */
export function LabelEditor({
  labels,
  onSet,
  note,
}: {
  readonly labels: Readonly<Record<string, string>>;
  readonly onSet: (key: string, value: string | null) => void;
  readonly note?: string;
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
    onSet(m[1] ?? '', m[2] ?? '');
  };
  return (
    <section className="insp-section" aria-label="Edit labels">
      <h3 className="insp-section__title">Edit labels</h3>
      {note !== undefined && <p className="insp-note">{note}</p>}
      <ul className="insp-chips">
        {Object.entries(labels).map(([k, v]) => (
          <li key={k} className="insp-chip">
            {`${k}=${v}`}{' '}
            <button
              type="button"
              aria-label={`Remove label ${k}`}
              onClick={() => {
                onSet(k, null);
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
