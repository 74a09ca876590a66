import { useEffect } from 'react';
import demoYaml from '../lessons/demo.yaml?raw';
import { useStore } from '../store';
import type { SimulationView } from '../worker/protocol';
import { ClusterCanvas } from './canvas/ClusterCanvas';
import { Inspector } from './inspector/Inspector';
import { Dock } from './layout/Dock';
import { Palette } from './palette/Palette';
import { useEngine } from './useEngine';

function Summary({ view }: { readonly view: SimulationView }) {
  const running = view.pods.filter((p) => p.phase === 'Running').length;
  return (
    <dl className="summary" aria-label="Cluster summary">
      <div>
        <dt>nodes</dt>
        <dd>{view.nodes.length}</dd>
      </div>
      <div>
        <dt>pods</dt>
        <dd>{`${String(running)} / ${String(view.pods.length)}`}</dd>
      </div>
      <div>
        <dt>services</dt>
        <dd>{view.services.length}</dd>
      </div>
      <div>
        <dt>policies</dt>
        <dd>{view.policyCount}</dd>
      </div>
      <div>
        <dt>CNI</dt>
        <dd>{view.enforcesPolicy ? view.cniPlugin : `${view.cniPlugin} (no policy)`}</dd>
      </div>
    </dl>
  );
}

function CanvasArea() {
  const view = useStore((s) => s.view);
  const status = useStore((s) => s.status);
  const failure = useStore((s) => s.failure);
  return (
    <main className="canvas-area" aria-busy={status === 'running'}>
      {failure !== null && (
        <div className="notice notice--error" role="alert">
          <strong>The engine failed.</strong> This is a bug in k8snet, not in your manifests.
          <pre>{failure}</pre>
        </div>
      )}
      {view === null ? (
        <p className="status">Building the cluster…</p>
      ) : (
        <ClusterCanvas view={view} />
      )}
    </main>
  );
}

export function App() {
  const view = useStore((s) => s.view);
  const fileName = useStore((s) => s.fileName);
  const theme = useStore((s) => s.theme);
  const toggleTheme = useStore((s) => s.toggleTheme);
  useEffect(() => {
    // Start on the built-in demo cluster.
    if (useStore.getState().appliedText === '')
      useStore.getState().loadDocument('demo.yaml', demoYaml);
  }, []);
  useEngine();
  return (
    <div className="app" data-theme={theme}>
      <header className="topbar">
        <div className="brand">
          <span className="brand__logo" aria-hidden="true">
            ⎈
          </span>
          <div>
            <h1 className="brand__name">k8snet</h1>
            <p className="brand__tagline">Kubernetes network playground</p>
          </div>
        </div>
        <p className="scenario">
          Scenario <strong>{fileName}</strong>
        </p>
        {view && <Summary view={view} />}
        <button
          type="button"
          className="topbar__button"
          onClick={toggleTheme}
          aria-label="Toggle dark theme"
        >
          {theme === 'light' ? '☾' : '☀'}
        </button>
      </header>
      <div className="workspace">
        <Palette />
        <CanvasArea />
        <Inspector />
      </div>
      <Dock />
    </div>
  );
}
