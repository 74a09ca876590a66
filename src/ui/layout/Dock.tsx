import { lazy, Suspense } from 'react';
import { useStore } from '../../store';
import type { PanelName } from '../../store/uiSlice';
import { DiagnosticsPanel } from '../traffic/DiagnosticsPanel';
import { ReachabilityMatrix } from '../traffic/ReachabilityMatrix';

// The editor pulls in CodeMirror: loaded only when its tab first opens.
const ManifestEditor = lazy(() => import('../editor/ManifestEditor'));

const TABS: readonly { readonly id: PanelName; readonly label: string }[] = [
  { id: 'editor', label: 'Manifest editor' },
  { id: 'matrix', label: 'Reachability matrix' },
  { id: 'events', label: 'Simulation events' },
  { id: 'terminal', label: 'Terminal' },
];

function MatrixTab() {
  const view = useStore((s) => s.view);
  const previous = useStore((s) => s.previousView);
  if (!view) return <p className="status">Building the cluster…</p>;
  return (
    <ReachabilityMatrix
      matrix={view.matrix}
      cniPlugin={view.cniPlugin}
      previous={previous?.matrix ?? null}
    />
  );
}

function EventsTab() {
  const diagnostics = useStore((s) => s.view?.diagnostics);
  return (
    <section className="panel" aria-label="Simulation events">
      <DiagnosticsPanel diagnostics={diagnostics ?? []} />
    </section>
  );
}

function TerminalTab() {
  return (
    <section className="panel terminal" aria-label="Terminal" tabIndex={0}>
      <p className="empty">The kubectl terminal arrives with the terminal issue.</p>
    </section>
  );
}

/** The bottom dock: one panel at a time, opened from a tab that says what it is. */
export function Dock() {
  const panel = useStore((s) => s.panel);
  const openPanel = useStore((s) => s.openPanel);
  return (
    <div className="dock">
      <div className="dock__tabs" role="tablist" aria-label="Panels">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={panel === t.id}
            aria-controls={`panel-${t.id}`}
            className="dock__tab"
            onClick={() => {
              openPanel(t.id);
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        className="dock__body"
        role="tabpanel"
        id={`panel-${panel}`}
        aria-labelledby={`tab-${panel}`}
      >
        {panel === 'editor' && (
          <Suspense fallback={<p className="status">Loading the editor…</p>}>
            <ManifestEditor />
          </Suspense>
        )}
        {panel === 'matrix' && <MatrixTab />}
        {panel === 'events' && <EventsTab />}
        {panel === 'terminal' && <TerminalTab />}
      </div>
    </div>
  );
}
