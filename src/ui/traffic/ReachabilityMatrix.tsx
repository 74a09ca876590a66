import { useState } from 'react';
import type { CSSProperties } from 'react';
import { useStore } from '../../store';
import type { MatrixView } from '../../worker/protocol';
import { namespaceHue } from '../namespaceColor';
import { engine } from '../useEngine';

interface ReachabilityMatrixProps {
  readonly matrix: MatrixView;
  readonly cniPlugin: string;
  /** The matrix before the last change, to mark the cells an edit opened or closed. */
  readonly previous?: MatrixView | null;
}

/** `from→to` keys of cells whose verdict differs from the previous matrix (same port only). */
export function changedCells(
  matrix: MatrixView,
  previous: MatrixView | null | undefined,
): Set<string> {
  const changed = new Set<string>();
  if (!previous || previous.port !== matrix.port || previous.protocol !== matrix.protocol)
    return changed;
  const before = new Map<string, number>(previous.pods.map((p, i) => [p, i]));
  matrix.pods.forEach((from, i) => {
    const bi = before.get(from);
    if (bi === undefined) return;
    matrix.pods.forEach((to, j) => {
      const bj = before.get(to);
      if (bj === undefined) return;
      if ((previous.allowed[bi]?.[bj] ?? false) !== (matrix.allowed[i]?.[j] ?? false))
        changed.add(`${from}→${to}`);
    });
  });
  return changed;
}

function QueryBar() {
  const query = useStore((s) => s.matrixQuery);
  const setQuery = useStore((s) => s.setMatrixQuery);
  return (
    <div className="matrix__query">
      <label>
        Port{' '}
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
        Protocol{' '}
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

function nsStyle(key: string): CSSProperties {
  const namespace = key.slice(0, key.indexOf('/'));
  return { '--ns-hue': namespaceHue(namespace) } as CSSProperties;
}

/**
 * Who may open a connection to whom, by pod IP, on one port: rows are sources, columns are
 * destinations, as `k8snet matrix` prints it. Each cell's verdict is in its accessible name.
 */
export function ReachabilityMatrix({ matrix, cniPlugin, previous }: ReachabilityMatrixProps) {
  const { pods, allowed } = matrix;
  const select = useStore((s) => s.select);
  const [why, setWhy] = useState<string | null>(null);
  const changed = changedCells(matrix, previous);
  const explain = (from: string, to: string) => {
    void engine()
      .explainPair(from, to, { port: matrix.port, protocol: matrix.protocol })
      .then((answer) => {
        if (answer) setWhy(answer.text);
      });
  };
  return (
    <section className="panel matrix" aria-label="Reachability matrix">
      <h2 className="panel__title">
        Reachability{' '}
        <span className="panel__subtitle">{`${matrix.protocol} port ${String(matrix.port)}`}</span>
      </h2>
      <QueryBar />
      <p className="panel__caption">
        Can the row pod open a connection to the column pod&apos;s IP? Listeners are not checked,
        and the cluster&apos;s own pods (kube-system) are left out.
      </p>
      {!matrix.enforced && (
        <p className="notice notice--warning" role="note">
          {`The ${cniPlugin} CNI plugin does not enforce NetworkPolicy: every pair is allowed.`}
        </p>
      )}
      {pods.length === 0 ? (
        <p className="empty">No running pods to connect.</p>
      ) : (
        <div className="matrix__scroll">
          <table className="matrix__table" aria-label="Reachability matrix">
            <thead>
              <tr>
                <th className="matrix__corner" scope="col">
                  <span>from ↓ to →</span>
                </th>
                {pods.map((to) => (
                  <th key={to} scope="col" className="matrix__col" style={nsStyle(to)}>
                    <span>{to}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {pods.map((from, i) => (
                <tr key={from}>
                  <th scope="row" className="matrix__row" style={nsStyle(from)}>
                    {from}
                  </th>
                  {pods.map((to, j) => {
                    const isAllowed = allowed[i]?.[j] ?? false;
                    const isChanged = changed.has(`${from}→${to}`);
                    const label = `${from} → ${to}: ${isAllowed ? 'allowed' : 'denied'}${isChanged ? ' (changed by the last edit)' : ''}`;
                    return (
                      <td
                        key={to}
                        className={`cell ${isAllowed ? 'cell--allowed' : 'cell--denied'}${i === j ? ' cell--self' : ''}${isChanged ? ' cell--changed' : ''}`}
                        aria-label={label}
                        title={label}
                        onMouseEnter={() => {
                          explain(from, to);
                        }}
                        onClick={() => {
                          select(`pod:${from}`);
                          explain(from, to);
                        }}
                      >
                        <span aria-hidden="true">{isAllowed ? '✓' : '✕'}</span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="matrix__why" role="status" aria-label="Why">
        {why ?? 'Hover over a cell to see which policies decide it; click it to select the pod.'}
      </p>
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
      </p>
    </section>
  );
}
