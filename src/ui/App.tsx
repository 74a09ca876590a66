import demoYaml from '../lessons/demo.yaml?raw';
import type { MatrixQuery, SimulationView, SourceFile } from '../worker/protocol';
import { ClusterCanvas } from './ClusterCanvas';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { ReachabilityMatrix } from './ReachabilityMatrix';
import { useSimulation } from './useSimulation';

// Module-level so their identity is stable: a new array would be a new simulation.
const DEMO_FILES: readonly SourceFile[] = [{ file: 'demo.yaml', content: demoYaml }];
const MATRIX_QUERY: MatrixQuery = { port: 80, protocol: 'TCP' };

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
        <dt>policies</dt>
        <dd>{view.policyCount}</dd>
      </div>
      <div>
        <dt>CNI</dt>
        <dd>{view.enforcesPolicy ? view.cniPlugin : `${view.cniPlugin} (no policy)`}</dd>
      </div>
      <div>
        <dt>pod CIDR</dt>
        <dd>
          <code>{view.podCIDR}</code>
        </dd>
      </div>
    </dl>
  );
}

export function App() {
  const state = useSimulation(DEMO_FILES, MATRIX_QUERY);
  return (
    <div className="app">
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
          Scenario <strong>demo.yaml</strong>
          <span className="scenario__hint">shop · data · default</span>
        </p>
        {state.status === 'ready' && <Summary view={state.view} />}
      </header>
      <main className="main" aria-busy={state.status === 'running'}>
        {state.status === 'running' && <p className="status">Building the cluster…</p>}
        {state.status === 'failed' && (
          <div className="notice notice--error" role="alert">
            <strong>The engine failed.</strong> This is a bug in k8snet, not in your manifests.
            <pre>{state.message}</pre>
          </div>
        )}
        {state.status === 'ready' && (
          <>
            <ClusterCanvas nodes={state.view.nodes} pods={state.view.pods} />
            <div className="lower">
              <ReachabilityMatrix matrix={state.view.matrix} cniPlugin={state.view.cniPlugin} />
              <DiagnosticsPanel diagnostics={state.view.diagnostics} />
            </div>
          </>
        )}
      </main>
    </div>
  );
}
