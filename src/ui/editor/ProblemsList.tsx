import { memo } from 'react';
import type { DiagnosticView } from '../../worker/protocol';

interface ProblemsListProps {
  readonly findings: readonly DiagnosticView[];
  readonly fileName: string;
  /** The text changed since these were found: a newer check is due (or failed). */
  readonly isStale: boolean;
  /** Which text these findings are about (the last Apply, or the unapplied edits). */
  readonly note: string | null;
  readonly onJump: (finding: DiagnosticView) => void;
}

/**
 * The findings of the last Apply, or of the unapplied edits while they differ, as `k8snet
 * validate` words them (its full line is each item's tooltip); clicking one moves the cursor to it.
 */
export const ProblemsList = memo(function ProblemsList({
  findings,
  fileName,
  isStale,
  note,
  onJump,
}: ProblemsListProps) {
  return (
    <section className={isStale ? 'problems problems--stale' : 'problems'} aria-label="Problems">
      <h3 className="problems__title">
        Problems <span className="problems__count">{findings.length}</span>
      </h3>
      {note !== null && <p className="problems__note">{note}</p>}
      <ul className="problems__list">
        {findings.map((f) => {
          const d = f.diagnostic;
          const isHere = d.file === fileName;
          return (
            <li key={f.text}>
              <button
                type="button"
                className={`problem problem--${d.severity}`}
                title={f.text}
                disabled={!isHere}
                onClick={() => {
                  onJump(f);
                }}
              >
                <span className="problem__head">
                  <span className="problem__severity">{d.severity}</span>
                  <span className="problem__where">
                    {isHere ? '' : `${d.file}:`}
                    {`${String(d.line)}:${String(d.col)}`}
                  </span>
                  {d.path !== '' && <code className="problem__path">{d.path}</code>}
                </span>
                <span className="problem__message">{d.message}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
});
