import { useEffect, useRef } from 'react';
import { applyCanvasEdit } from '../canvasEdit';
import type { Proposal } from './useConnect';

/**
 * Pod → pod: whether the traffic is allowed now, and the NetworkPolicy that would allow it. The
 * policy is added to the YAML only when the user says so; the YAML is shown first, as text.
 */
export function AllowProposalDialog({
  proposal,
  onClose,
}: {
  readonly proposal: Proposal;
  readonly onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const { yaml } = proposal;
  return (
    <dialog
      ref={ref}
      className="help-dialog allow-dialog"
      aria-label="Allow traffic"
      onClose={onClose}
    >
      <h2>
        {proposal.from} → {proposal.to}
      </h2>
      <p className={proposal.allowed ? 'allow-dialog__ok' : 'allow-dialog__denied'}>
        {proposal.text}
      </p>
      {yaml !== null && (
        <pre className="allow-dialog__yaml" aria-label="Proposed NetworkPolicy">
          {yaml}
        </pre>
      )}
      <div className="allow-dialog__actions">
        {yaml !== null && (
          <button
            type="button"
            className="topbar__button allow-dialog__add"
            onClick={() => {
              // Closed only when added: a refused add (unapplied typing) keeps the proposal.
              void applyCanvasEdit({ op: 'add', yaml }).then((isDone) => {
                if (isDone) ref.current?.close();
              });
            }}
          >
            Add this NetworkPolicy
          </button>
        )}
        <button
          type="button"
          className="topbar__button"
          onClick={() => {
            ref.current?.close();
          }}
        >
          {yaml === null ? 'Close' : 'Cancel'}
        </button>
      </div>
    </dialog>
  );
}
