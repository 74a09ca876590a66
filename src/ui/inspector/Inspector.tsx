import { memo, useEffect, useMemo, useRef } from 'react';
import { useStore } from '../../store';
import type { InspectorModel, InspectorSection, InspectorValue } from './inspectorTypes';
import { inspectorModel } from './inspectorModel';
import { ObjectEdits } from './ObjectEdits';
import { ServiceRules } from './ServiceRules';
import './Inspector.css';

function Value({ value }: { readonly value: InspectorValue }) {
  const select = useStore((s) => s.select);
  const className = [
    'insp-value',
    value.isCode ? 'insp-value--code' : '',
    value.tone ? `insp-value--${value.tone}` : '',
  ]
    .filter((c) => c !== '')
    .join(' ');
  const { ref } = value;
  if (ref === undefined) return <span className={className}>{value.text}</span>;
  return (
    <button
      type="button"
      className={`${className} insp-ref`}
      title={`Select ${ref}`}
      onClick={() => {
        select(ref);
      }}
    >
      {value.text}
    </button>
  );
}

function Values({ values }: { readonly values: readonly InspectorValue[] }) {
  return (
    <>
      {values.map((v, i) => (
        <Value key={`${String(i)}:${v.text}`} value={v} />
      ))}
    </>
  );
}

function Section({ section }: { readonly section: InspectorSection }) {
  const { rows = [], items = [], chips = [] } = section;
  const isEmpty = rows.length === 0 && items.length === 0 && chips.length === 0;
  return (
    <section className="insp-section">
      <h3 className="insp-section__title">{section.title}</h3>
      {section.note && (
        <p className={`insp-note insp-value--${section.note.tone ?? 'muted'}`}>
          {section.note.text}
        </p>
      )}
      {rows.length > 0 && (
        <dl className="insp-rows">
          {rows.map((row) => (
            <div key={row.label} className={row.isWide ? 'insp-row insp-row--wide' : 'insp-row'}>
              <dt>{row.label}</dt>
              <dd>
                <Values values={row.values} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      {chips.length > 0 && (
        <ul className="insp-chips" aria-label={section.title}>
          {chips.map((c) => (
            <li key={c} className="insp-chip">
              {c}
            </li>
          ))}
        </ul>
      )}
      {items.length > 0 && (
        <ul className="insp-items">
          {items.map((item, i) => (
            <li key={`${String(i)}:${item.values[0]?.text ?? ''}`} className="insp-item">
              <div className="insp-item__head">
                <Values values={item.values} />
              </div>
              {item.details && item.details.length > 0 && (
                <ul className="insp-item__details">
                  {item.details.map((d, j) => (
                    <li key={`${String(j)}:${d.text}`}>
                      <Value value={d} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {isEmpty && section.empty !== undefined && <p className="insp-empty">{section.empty}</p>}
    </section>
  );
}

const Details = memo(function Details({ model }: { readonly model: InspectorModel }) {
  return (
    <>
      <header className="insp-head">
        <p className="insp-head__kind">{model.kind}</p>
        {/* Named `ns/name`, as the matrix, the terminal and every k8snet command name it. */}
        <h2 className="insp-head__name">
          {model.namespace !== null && (
            <span className="insp-head__namespace">{`${model.namespace}/`}</span>
          )}
          {model.name}
        </h2>
        {model.badges.length > 0 && (
          <p className="insp-badges">
            {model.badges.map((b) => (
              <span key={b.text} className={`insp-badge insp-value--${b.tone ?? 'muted'}`}>
                {b.text}
              </span>
            ))}
          </p>
        )}
      </header>
      {model.sections.map((s) => (
        <Section key={s.title} section={s} />
      ))}
    </>
  );
});

function EmptyState() {
  return (
    <div className="insp-empty-state">
      <h2 className="insp-head__name">Inspector</h2>
      <p>Nothing selected.</p>
      <p>
        Click a pod, Service, NetworkPolicy, Ingress or node on the canvas to see everything about
        it here: its addresses and ports, what selects it, and what traffic it allows.
      </p>
    </div>
  );
}

/** The selected object in full, from the last simulation. */
export function Inspector() {
  const selected = useStore((s) => s.selected);
  const view = useStore((s) => s.view);
  const select = useStore((s) => s.select);
  const model = useMemo(
    () => (view === null || selected === null ? null : inspectorModel(view, selected)),
    [view, selected],
  );
  const panelRef = useRef<HTMLElement>(null);
  // A new object starts at its top, not where the previous one was scrolled to.
  useEffect(() => {
    panelRef.current?.scrollTo({ top: 0 });
  }, [selected]);
  return (
    <aside className="inspector panel" aria-label="Inspector" ref={panelRef}>
      {selected === null ? (
        <EmptyState />
      ) : view === null ? (
        <p className="insp-empty">Building the cluster…</p>
      ) : model === null ? (
        <div className="insp-empty-state">
          <h2 className="insp-head__name">Not in the cluster</h2>
          <p>
            <code>{selected}</code> is not in the cluster any more: the last Apply removed or
            renamed it.
          </p>
          <button
            type="button"
            className="insp-clear"
            onClick={() => {
              select(null);
            }}
          >
            Clear selection
          </button>
        </div>
      ) : (
        <>
          <Details model={model} />
          <ObjectEdits key={model.id} id={model.id} />
          {model.kind === 'Service' && <ServiceRules key={model.id} id={model.id} />}
        </>
      )}
    </aside>
  );
}
