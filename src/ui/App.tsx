import { useEffect, useState } from 'react';
import { useStore } from '../store';
import { encodeShare } from '../store/share';
import type { SimulationView } from '../worker/protocol';
import { ClusterCanvas } from './canvas/ClusterCanvas';
import { Inspector } from './inspector/Inspector';
import { canvasIdAt } from './canvas/canvasIdAt';
import { keyOfId } from './canvas/layout';
import { Dock } from './layout/Dock';
import { FileMenu } from './layout/FileMenu';
import { addFromPalette, Palette, TEMPLATE_MIME } from './palette/Palette';
import { useDeleteShortcut, useDocumentLifecycle, useUndoShortcuts } from './useDocumentLifecycle';
import { useEngine } from './useEngine';

function ShareButton() {
  const notify = useStore((s) => s.notify);
  const share = async () => {
    const { fileName, appliedText } = useStore.getState();
    const fragment = await encodeShare({ fileName, appliedText });
    const url = `${window.location.origin}${window.location.pathname}#${fragment}`;
    window.history.replaceState(null, '', `#${fragment}`);
    try {
      await navigator.clipboard.writeText(url);
      notify({ kind: 'info', text: 'Share link copied: it holds the whole scenario.' });
    } catch {
      notify({
        kind: 'info',
        text: 'Share link is in the address bar: it holds the whole scenario.',
      });
    }
  };
  return (
    <button type="button" className="topbar__button" onClick={() => void share()}>
      Share
    </button>
  );
}

/** How long an info notice stays; errors stay until dismissed. */
const NOTICE_MS = 6000;

/**
 * The latest notice, at the top of the workspace, centred: over the canvas's top edge rather than
 * the editor or the Problems list. Info notices go away by themselves after a few seconds, unless
 * the pointer rests on them.
 */
function Notice() {
  const notice = useStore((s) => s.notice);
  const notify = useStore((s) => s.notify);
  // The notice the pointer rests on: a newer one is not held.
  const [held, setHeld] = useState<typeof notice>(null);
  const isHeld = notice !== null && held === notice;
  useEffect(() => {
    if (notice?.kind !== 'info' || isHeld) return;
    const timer = window.setTimeout(() => {
      // Only this notice: a newer one starts its own clock.
      if (useStore.getState().notice === notice) notify(null);
    }, NOTICE_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [notice, isHeld, notify]);
  if (!notice) return null;
  return (
    <div
      className={`toast toast--${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      onMouseEnter={() => {
        setHeld(notice);
      }}
      onMouseLeave={() => {
        setHeld(null);
      }}
    >
      <span>{notice.text}</span>
      <button
        type="button"
        aria-label="Dismiss"
        onClick={() => {
          notify(null);
        }}
      >
        ×
      </button>
    </div>
  );
}

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

/** The Kubernetes node (canvas group) under a screen point, if any. */
function nodeUnder(x: number, y: number): string | null {
  return keyOfId(canvasIdAt(x, y, 'node:'), 'node');
}

function CanvasArea() {
  const view = useStore((s) => s.view);
  const status = useStore((s) => s.status);
  const failure = useStore((s) => s.failure);
  const [isOver, setOver] = useState(false);
  return (
    <main
      className={`canvas-area${isOver ? ' canvas-area--drop' : ''}`}
      aria-busy={status === 'running'}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(TEMPLATE_MIME)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => {
        setOver(false);
      }}
      onDrop={(e) => {
        setOver(false);
        const template = e.dataTransfer.getData(TEMPLATE_MIME);
        if (template === '') return;
        e.preventDefault();
        // Dropped on a node: pin the pod there (nodeName); elsewhere the scheduler places it.
        void addFromPalette(template, nodeUnder(e.clientX, e.clientY));
      }}
    >
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
  useDocumentLifecycle();
  useUndoShortcuts();
  useDeleteShortcut();
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
          Scenario <strong title={fileName}>{fileName}</strong>
        </p>
        {view && <Summary view={view} />}
        <FileMenu />
        <ShareButton />
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
        <Notice />
      </div>
      <Dock />
    </div>
  );
}
