import { useReactFlow } from '@xyflow/react';
import { useId, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useStore } from '../../store';
import type { CanvasNode } from './types';

interface Entry {
  readonly id: string;
  readonly kind: string;
  /** `ns/name`, or the name for cluster-scoped objects. */
  readonly key: string;
  readonly name: string;
}

const KIND: Readonly<Record<CanvasNode['type'], string>> = {
  pod: 'Pod',
  kubeNode: 'Node',
  unscheduled: '',
  service: 'Service',
  ingress: 'Ingress',
  networkpolicy: 'NetworkPolicy',
  external: 'External',
};

const MAX_RESULTS = 8;

function toEntries(nodes: readonly CanvasNode[]): Entry[] {
  return nodes
    .filter((n) => n.type !== 'unscheduled')
    .map((n) => {
      const key = n.id.slice(n.id.indexOf(':') + 1);
      return { id: n.id, kind: KIND[n.type], key, name: key.slice(key.lastIndexOf('/') + 1) };
    });
}

/** Name matches first (prefix before substring), then namespace/key matches; stable otherwise. */
function findEntries(entries: readonly Entry[], query: string): Entry[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const rank = (e: Entry) => {
    const name = e.name.toLowerCase();
    if (name === q) return 0;
    if (name.startsWith(q)) return 1;
    if (name.includes(q)) return 2;
    if (e.key.toLowerCase().includes(q) || e.kind.toLowerCase() === q) return 3;
    return 4;
  };
  return entries
    .map((e, i) => ({ e, i, r: rank(e) }))
    .filter((x) => x.r < 4)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .slice(0, MAX_RESULTS)
    .map((x) => x.e);
}

/** Find an object by name: picking a result selects it and brings it into view. */
export function CanvasSearch({ nodes }: { readonly nodes: readonly CanvasNode[] }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const select = useStore((s) => s.select);
  const { fitView } = useReactFlow();
  const entries = useMemo(() => toEntries(nodes), [nodes]);
  const results = useMemo(() => findEntries(entries, query), [entries, query]);
  const listId = useId();

  const pick = (entry: Entry | undefined) => {
    if (!entry) return;
    select(entry.id);
    void fitView({ nodes: [{ id: entry.id }], duration: 300, maxZoom: 1.2, padding: 0.5 });
    setQuery('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (results.length === 0 ? 0 : (a + step + results.length) % results.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(results[active] ?? results[0]);
    } else if (event.key === 'Escape') {
      setQuery('');
    }
  };
  const current = results[active];

  return (
    <div className="k8s-search" role="search">
      <input
        type="search"
        className="k8s-search__input nodrag nopan nowheel"
        placeholder="Find pod, service, node…"
        aria-label="Find on canvas"
        role="combobox"
        aria-expanded={results.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {query.trim() !== '' && (
        <ul className="k8s-search__results nowheel" id={listId} role="listbox" aria-label="Matches">
          {results.length === 0 && <li className="k8s-search__none">No match</li>}
          {results.map((entry, i) => (
            <li
              key={entry.id}
              id={`${listId}-${entry.id}`}
              role="option"
              aria-selected={i === active}
              className="k8s-search__result"
              onMouseDown={(e) => {
                e.preventDefault();
                pick(entry);
              }}
            >
              <span className="k8s-search__kind">{entry.kind}</span>
              <span className="k8s-search__key">{entry.key}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
