import { useCallback, useMemo, useRef, useState } from 'react';
import { useStore } from '../../store';
import type { MatrixView } from '../../worker/protocol';
import { engine } from '../useEngine';
import { changedCells } from './changedCells';
import { MatrixTable } from './MatrixTable';
import './ReachabilityMatrix.css';

interface ReachabilityMatrixProps {
  readonly matrix: MatrixView;
  readonly cniPlugin: string;
  /** The matrix before the last change, to mark the cells an edit opened or closed. */
  readonly previous?: MatrixView | null;
}

/** A pair the pointer or the focus is on, for the matrix it is in. */
interface Question {
  readonly matrix: MatrixView;
  readonly key: string;
  readonly from: string;
  readonly to: string;
}

/** The worker's answer for one pair (it names the pair), kept with the matrix it was asked about. */
interface Why {
  readonly matrix: MatrixView;
  readonly text: string;
}

function QueryBar() {
  const query = useStore((s) => s.matrixQuery);
  const setQuery = useStore((s) => s.setMatrixQuery);
  return (
    <div className="matrix__query">
      <label>
        Port
        <input
          type="number"
          min={1}
          max={65535}
          value={query.port}
          aria-label="Port"
          onChange={(e) => {
            const port = Number(e.target.value);
            if (Number.isInteger(port) && port >= 1 && port <= 65535) setQuery({ ...query, port });
          }}
        />
      </label>
      <label>
        Protocol
        <select
          aria-label="Protocol"
          value={query.protocol}
          onChange={(e) => {
            const protocol =
              e.target.value === 'UDP' ? 'UDP' : e.target.value === 'SCTP' ? 'SCTP' : 'TCP';
            setQuery({ ...query, protocol });
          }}
        >
          <option>TCP</option>
          <option>UDP</option>
          <option>SCTP</option>
        </select>
      </label>
    </div>
  );
}

function WhyBox({ why }: { readonly why: Why | null }) {
  return (
    <div className="matrix__why" role="status" aria-label="Why">
      {why ? (
        <p>{why.text}</p>
      ) : (
        <p className="matrix__hint">
          Hover over or focus a cell to see which policies decide it; click it to select the pod.
        </p>
      )}
    </div>
  );
}

/**
 * Who may open a connection to whom, by pod IP, on one port: rows are sources, columns are
 * destinations, as `k8snet matrix` prints it. The grid scrolls with its headers pinned; the
 * controls and the explanation stay in a column beside it, so they are never below the fold.
 */
export function ReachabilityMatrix({ matrix, cniPlugin, previous }: ReachabilityMatrixProps) {
  const select = useStore((s) => s.select);
  const [why, setWhy] = useState<Why | null>(null);
  const wanted = useRef<Question | null>(null);
  const isAsking = useRef(false);
  const changed = useMemo(() => changedCells(matrix, previous), [matrix, previous]);

  // One question in flight at a time: a pointer sweeping across a big grid passes dozens of cells
  // a second, and the worker answers them in order, so asking for each would leave the answer
  // trailing far behind. When an answer comes back, only the newest wanted pair is asked next.
  const explain = useCallback(
    (from: string, to: string) => {
      const key = `${from}→${to}`;
      if (wanted.current?.matrix === matrix && wanted.current.key === key) return;
      wanted.current = { matrix, key, from, to };
      if (isAsking.current) return;
      isAsking.current = true;
      const ask = (question: Question) => {
        const { port, protocol } = question.matrix;
        const answered = (answer: { readonly text: string } | null) => {
          const latest = wanted.current;
          if (latest && latest !== question) {
            ask(latest);
            return;
          }
          isAsking.current = false;
          if (answer) setWhy({ matrix: question.matrix, text: answer.text });
        };
        engine()
          .explainPair(question.from, question.to, { port, protocol })
          .then(answered, () => {
            answered(null);
          });
      };
      ask(wanted.current);
    },
    [matrix],
  );
  const pick = useCallback(
    (from: string, to: string) => {
      select(`pod:${from}`);
      explain(from, to);
    },
    [select, explain],
  );

  return (
    <section className="panel matrix" aria-label="Reachability matrix">
      <div className="matrix__main">
        {matrix.pods.length === 0 ? (
          <p className="empty">No running pods to connect.</p>
        ) : (
          <MatrixTable
            pods={matrix.pods}
            allowed={matrix.allowed}
            changed={changed}
            onExplain={explain}
            onPick={pick}
          />
        )}
      </div>
      <div className="matrix__side">
        <div className="matrix__head">
          <h2 className="panel__title">
            Reachability{' '}
            <span className="panel__subtitle">{`${matrix.protocol} port ${String(matrix.port)}`}</span>
          </h2>
          <QueryBar />
        </div>
        {!matrix.enforced && (
          <p className="notice notice--warning" role="note">
            {`The ${cniPlugin} CNI plugin does not enforce NetworkPolicy: every pair is allowed.`}
          </p>
        )}
        {/* An answer about an older matrix (before an Apply or a port change) is not shown. */}
        <WhyBox why={why?.matrix === matrix ? why : null} />
        <p className="legend">
          <span className="legend__item">
            <span className="cell cell--allowed legend__swatch" aria-hidden="true">
              ✓
            </span>
            allowed
          </span>
          <span className="legend__item">
            <span className="cell cell--denied legend__swatch" aria-hidden="true">
              ✕
            </span>
            denied by NetworkPolicy
          </span>
          <span className="legend__item">
            <span className="cell cell--changed legend__swatch" aria-hidden="true" />
            changed by the last edit
          </span>
        </p>
        <p className="panel__caption">
          Can the row pod open a connection to the column pod&apos;s IP? Listeners are not checked,
          and the cluster&apos;s own pods (kube-system) are left out.
        </p>
      </div>
    </section>
  );
}
