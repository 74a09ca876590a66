import { useEffect, useRef, useState } from 'react';
import demoYaml from '../../lessons/demo.yaml?raw';
import { useStore } from '../../store';
import { MAX_DOCUMENT_CHARS } from '../../store/persistence';
import { isTextEntry } from '../useDocumentLifecycle';
import { HelpDialog } from './HelpDialog';

// Scenario files are loaded only when picked, so the gallery costs nothing on first load. The
// demo is in the first load anyway (the start page shows it), so it is imported as it is.
const GALLERY: Readonly<Record<string, () => Promise<string>>> = {
  '../../lessons/demo.yaml': () => Promise.resolve(demoYaml),
  ...import.meta.glob<string>(['../../lessons/*.yaml', '!../../lessons/demo.yaml'], {
    query: '?raw',
    import: 'default',
  }),
};

const TITLES: Readonly<Record<string, string>> = {
  'demo.yaml': 'Demo: a shop and its database',
  'localhost.yaml': 'Containers: localhost and volumes',
  'pod-to-pod.yaml': 'Pod to pod across nodes',
  'services.yaml': 'Services and kube-proxy',
  'ingress.yaml': 'Ingress routing',
  'policy-dns.yaml': 'NetworkPolicy and DNS',
};

const EMPTY = '# A new, empty cluster: three nodes and CoreDNS. Drag objects from the palette.\n';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Read a user file as a scenario: size-limited, UTF-8 text, never executed or rendered as HTML. */
export async function readScenarioFile(
  file: File,
): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  if (file.size > MAX_DOCUMENT_CHARS)
    return {
      ok: false,
      message: `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MiB, over the 5 MiB limit.`,
    };
  try {
    return {
      ok: true,
      text: new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer()),
    };
  } catch {
    return { ok: false, message: `${file.name} is not UTF-8 text; save it as UTF-8 YAML or JSON.` };
  }
}

async function openFile(file: File): Promise<void> {
  const { loadDocument, notify } = useStore.getState();
  const r = await readScenarioFile(file);
  if (!r.ok) {
    notify({ kind: 'error', text: r.message });
    return;
  }
  loadDocument(file.name, r.text);
  notify({
    kind: 'info',
    text: `Opened ${file.name} (Ctrl+Z goes back to the previous scenario).`,
  });
}

/** Scenario gallery, new/import/export, and the shortcuts help. */
export function FileMenu() {
  const [helpOpen, setHelpOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // `?` opens the help; a .yaml file dropped anywhere outside the canvas opens it.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !isTextEntry(e.target)) setHelpOpen(true);
    };
    const onDragOver = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      void openFile(file);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  const pick = async (value: string) => {
    const { loadDocument } = useStore.getState();
    if (value === 'new') {
      loadDocument('scenario.yaml', EMPTY);
      return;
    }
    const load = GALLERY[value];
    if (load) loadDocument(baseName(value), await load());
  };
  const exportYaml = () => {
    const { appliedText, fileName } = useStore.getState();
    const url = URL.createObjectURL(new Blob([appliedText], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download =
      fileName.endsWith('.yaml') || fileName.endsWith('.yml') ? fileName : `${fileName}.yaml`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="file-menu">
      <select
        aria-label="Scenario gallery"
        value=""
        onChange={(e) => {
          void pick(e.target.value);
        }}
      >
        <option value="" disabled>
          Scenarios…
        </option>
        <option value="new">New empty cluster</option>
        {Object.keys(GALLERY)
          .sort((a, b) =>
            baseName(a) === 'demo.yaml' ? -1 : baseName(b) === 'demo.yaml' ? 1 : a < b ? -1 : 1,
          )
          .map((path) => (
            <option key={path} value={path}>
              {TITLES[baseName(path)] ?? baseName(path)}
            </option>
          ))}
      </select>
      <button type="button" className="topbar__button" onClick={() => input.current?.click()}>
        Import
      </button>
      <input
        ref={input}
        type="file"
        accept=".yaml,.yml,.json,application/yaml,application/json,text/plain"
        hidden
        aria-label="Import a YAML file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void openFile(file);
          e.target.value = '';
        }}
      />
      <button type="button" className="topbar__button" onClick={exportYaml}>
        Export YAML
      </button>
      <button
        type="button"
        className="topbar__button"
        aria-label="Keyboard shortcuts"
        onClick={() => {
          setHelpOpen(true);
        }}
      >
        ?
      </button>
      <HelpDialog
        open={helpOpen}
        onClose={() => {
          setHelpOpen(false);
        }}
      />
    </div>
  );
}
