import type { DiagnosticView } from '../../worker/protocol';

interface DiagnosticsPanelProps {
  readonly diagnostics: readonly DiagnosticView[];
}

/** The engine's findings, printed as every face prints them (`file:line:col: severity: …`). */
export function DiagnosticsPanel({ diagnostics }: DiagnosticsPanelProps) {
  return (
    <section className="panel diagnostics" aria-label="Diagnostics">
      <h2 className="panel__title">
        Diagnostics <span className="panel__subtitle">{String(diagnostics.length)}</span>
      </h2>
      {diagnostics.length === 0 ? (
        <p className="empty">No errors or warnings in the scenario.</p>
      ) : (
        <ul className="diagnostics__list">
          {diagnostics.map((d) => (
            <li key={d.text} className={`diagnostic diagnostic--${d.diagnostic.severity}`}>
              <span className="diagnostic__severity">{d.diagnostic.severity}</span>
              <code className="diagnostic__text">{d.text}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
