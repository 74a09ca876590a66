/** The kinds a user can drag onto the canvas. (Drag and drop arrives with the palette work.) */
const KINDS = [
  'Pod',
  'Deployment',
  'Service',
  'Ingress',
  'NetworkPolicy',
  'Namespace',
  'Node',
] as const;

export function Palette() {
  return (
    <nav className="palette panel" aria-label="Palette">
      <h2 className="panel__title">Palette</h2>
      <ul className="palette__list">
        {KINDS.map((k) => (
          <li key={k} className="palette__item" draggable>
            {k}
          </li>
        ))}
      </ul>
    </nav>
  );
}
