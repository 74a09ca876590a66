import { memo, useMemo, useRef } from 'react';
import type { CSSProperties, KeyboardEvent } from 'react';
import { namespaceHue } from '../namespaceColor';
import { groupByNamespace, namespaceOf, splitPodKey } from './matrixLayout';

interface MatrixTableProps {
  readonly pods: readonly string[];
  /** `allowed[i][j]`: pods[i] may open a connection to pods[j]. */
  readonly allowed: readonly (readonly boolean[])[];
  /** `from→to` keys of the cells the last edit changed. */
  readonly changed: ReadonlySet<string>;
  /** The pointer or the focus reached a cell. Called often; the caller drops repeats. */
  readonly onExplain: (from: string, to: string) => void;
  /** A cell was clicked, or Enter or Space pressed on it. */
  readonly onPick: (from: string, to: string) => void;
}

const MOVES: Readonly<Record<string, readonly [number, number]>> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

function nsStyle(pod: string): CSSProperties {
  return { '--ns-hue': namespaceHue(namespaceOf(pod)) } as CSSProperties;
}

/**
 * `ns/name` that may be cut in the middle (`shop/fron…-hqnmt`) when its box is too narrow; the
 * whole key is the text, the title and (on the header cell) the accessible name.
 */
function PodLabel({ pod }: { readonly pod: string }) {
  const { namespace, head, tail } = splitPodKey(pod);
  return (
    <span className="podlabel" title={pod}>
      <span className="podlabel__ns">{namespace}</span>
      <span className="podlabel__head">{head}</span>
      {tail !== '' && <span className="podlabel__tail">{tail}</span>}
    </span>
  );
}

/** The cell an event happened in, with its row and column in display order (0-based). */
function cellAt(
  target: EventTarget,
): { td: HTMLTableCellElement; row: number; col: number } | null {
  const td = target instanceof Element ? target.closest('td') : null;
  const tr = td?.parentElement;
  if (!td || !(tr instanceof HTMLTableRowElement)) return null;
  return { td, row: tr.sectionRowIndex, col: td.cellIndex - 1 };
}

/**
 * The grid itself, memoised: hovering changes only the explanation beside it, never these n²
 * cells. Cells carry no handlers and no state; the body listens once (event delegation) and finds
 * the pair from the cell's position, which keeps a 100×100 matrix at 10 000 plain `<td>`s.
 */
export const MatrixTable = memo(function MatrixTable({
  pods,
  allowed,
  changed,
  onExplain,
  onPick,
}: MatrixTableProps) {
  const { order, isGroupStart } = useMemo(() => groupByNamespace(pods), [pods]);
  const keys = useMemo(() => order.map((i) => pods[i] ?? ''), [order, pods]);
  const headRow = useRef<HTMLTableRowElement>(null);
  const hotColumn = useRef<Element | null>(null);

  // The column header of the cell under the pointer lights up (the row header does in CSS).
  // Set on the element directly: a React state here would re-render every cell on each move.
  const markColumn = (col: number | null) => {
    hotColumn.current?.classList.remove('is-hot');
    hotColumn.current = col === null ? null : (headRow.current?.cells[col + 1] ?? null);
    hotColumn.current?.classList.add('is-hot');
  };
  const pairAt = (target: EventTarget): readonly [string, string, number] | null => {
    const cell = cellAt(target);
    const from = cell && keys[cell.row];
    const to = cell && keys[cell.col];
    return cell && from && to ? [from, to, cell.col] : null;
  };
  const explainAt = (target: EventTarget) => {
    const pair = pairAt(target);
    if (!pair) return;
    markColumn(pair[2]);
    onExplain(pair[0], pair[1]);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const cell = cellAt(e.target);
    if (!cell) return;
    if (e.key === 'Enter' || e.key === ' ') {
      const pair = pairAt(e.target);
      if (pair) onPick(pair[0], pair[1]);
      e.preventDefault();
      return;
    }
    const move = MOVES[e.key];
    if (!move) return;
    const next = e.currentTarget.rows[cell.row + move[0]]?.cells[cell.col + 1 + move[1]];
    if (next?.tagName !== 'TD') return;
    e.preventDefault();
    next.focus();
  };

  return (
    <div
      className="matrix__scroll"
      onMouseLeave={() => {
        markColumn(null);
      }}
    >
      <table className="matrix__table" aria-label="Reachability matrix">
        <thead>
          <tr ref={headRow}>
            <th className="matrix__corner" scope="col">
              from ↓ to →
            </th>
            {keys.map((to, c) => (
              <th
                key={to}
                scope="col"
                aria-label={to}
                className={isGroupStart[c] ? 'matrix__col matrix__col--gap' : 'matrix__col'}
                style={nsStyle(to)}
              >
                <PodLabel pod={to} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody
          onMouseOver={(e) => {
            explainAt(e.target);
          }}
          onFocus={(e) => {
            explainAt(e.target);
          }}
          onClick={(e) => {
            const pair = pairAt(e.target);
            if (pair) onPick(pair[0], pair[1]);
          }}
          onKeyDown={onKeyDown}
        >
          {keys.map((from, r) => {
            const row = allowed[order[r] ?? -1];
            return (
              <tr key={from} className={isGroupStart[r] ? 'matrix__gap' : undefined}>
                <th scope="row" aria-label={from} className="matrix__row" style={nsStyle(from)}>
                  <PodLabel pod={from} />
                </th>
                {keys.map((to, c) => {
                  const isAllowed = row?.[order[c] ?? -1] ?? false;
                  const isChanged = changed.has(`${from}→${to}`);
                  const verdict = isAllowed ? 'allowed' : 'denied';
                  return (
                    <td
                      key={to}
                      // One cell in the tab order; the arrow keys move between cells from there.
                      tabIndex={r === 0 && c === 0 ? 0 : -1}
                      aria-label={`${from} → ${to}: ${verdict}${isChanged ? ' (changed by the last edit)' : ''}`}
                      className={`cell cell--${verdict}${r === c ? ' cell--self' : ''}${isChanged ? ' cell--changed' : ''}${isGroupStart[c] ? ' cell--gap' : ''}`}
                    >
                      <span aria-hidden="true">{isAllowed ? '✓' : '✕'}</span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});
