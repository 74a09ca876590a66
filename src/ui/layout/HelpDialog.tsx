import { useEffect, useRef } from 'react';

interface Shortcut {
  /** Each way to press it; each way a list of keys held together. */
  readonly keys: readonly (readonly string[])[];
  readonly what: string;
}

const SHORTCUTS: readonly Shortcut[] = [
  { keys: [['Ctrl/Cmd', 'Enter']], what: 'Apply the manifest editor' },
  { keys: [['Ctrl/Cmd', 'Z']], what: 'Undo the last change to the scenario' },
  {
    keys: [
      ['Ctrl/Cmd', 'Shift', 'Z'],
      ['Ctrl', 'Y'],
    ],
    what: 'Redo',
  },
  { keys: [['Delete']], what: 'Delete the selected object from the YAML' },
  { keys: [['Enter']], what: 'On a palette item: add that object to the scenario' },
  { keys: [['?']], what: 'Show this help' },
];

/** `Ctrl/Cmd` + `Shift` + `Z` or `Ctrl` + `Y`: a key cap per key. */
function Keys({ keys }: { readonly keys: Shortcut['keys'] }) {
  return keys.map((combo, i) => (
    <span key={combo.join('+')} className="help-dialog__combo">
      {i > 0 && <span className="help-dialog__or">or</span>}
      {combo.map((key, j) => (
        <span key={key}>
          {j > 0 && <span className="help-dialog__plus">+</span>}
          <kbd>{key}</kbd>
        </span>
      ))}
    </span>
  ));
}

/** Keyboard shortcuts, opened with `?` or the help button. */
export function HelpDialog({
  open,
  onClose,
}: {
  readonly open: boolean;
  readonly onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="help-dialog" aria-label="Keyboard shortcuts" onClose={onClose}>
      <h2>Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(({ keys, what }) => (
            <tr key={what}>
              <td className="help-dialog__keys">
                <Keys keys={keys} />
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog" className="help-dialog__actions">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
