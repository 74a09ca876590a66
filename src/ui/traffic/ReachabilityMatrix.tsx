import type { CSSProperties } from 'react';
import type { MatrixView } from '../../worker/protocol';
import { namespaceHue } from '../namespaceColor';

interface ReachabilityMatrixProps {
  readonly matrix: MatrixView;
  readonly cniPlugin: string;
}

function nsStyle(key: string): CSSProperties {
  const namespace = key.slice(0, key.indexOf('/'));
  return { '--ns-hue': namespaceHue(namespace) } as CSSProperties;
}

/**
 * Who may open a connection to whom, by pod IP, on one port: rows are sources, columns are
 * destinations, as `k8snet matrix` prints it. Each cell's verdict is in its accessible name.
 */
export function ReachabilityMatrix({ matrix, cniPlugin }: ReachabilityMatrixProps) {
  const { pods, allowed } = matrix;
  return (
    <section className="panel matrix" aria-label="Reachability matrix">
      <h2 className="panel__title">
        Reachability{' '}
        <span className="panel__subtitle">{`${matrix.protocol} port ${String(matrix.port)}`}</span>
      </h2>
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
                    const label = `${from} → ${to}: ${isAllowed ? 'allowed' : 'denied'}`;
                    return (
                      <td
                        key={to}
                        className={`cell ${isAllowed ? 'cell--allowed' : 'cell--denied'}${i === j ? ' cell--self' : ''}`}
                        aria-label={label}
                        title={label}
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
