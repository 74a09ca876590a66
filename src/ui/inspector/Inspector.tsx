import { useStore } from '../../store';

/** The selected object in full. (Filled in by the inspector work; shows the selection for now.) */
export function Inspector() {
  const selected = useStore((s) => s.selected);
  return (
    <aside className="inspector panel" aria-label="Inspector">
      <h2 className="panel__title">Inspector</h2>
      {selected === null ? (
        <p className="empty">Select an object on the canvas.</p>
      ) : (
        <p>{selected}</p>
      )}
    </aside>
  );
}
