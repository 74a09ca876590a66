import { useEffect, useRef } from 'react';

const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['Ctrl/Cmd + Enter', 'Apply the manifest editor'],
  ['Ctrl/Cmd + Z', 'Undo the last change to the scenario'],
  ['Ctrl/Cmd + Shift + Z, Ctrl + Y', 'Redo'],
  ['Delete', 'Delete the selected object from the YAML'],
  ['Enter on a palette item', 'Add that object to the scenario'],
  ['?', 'Show this help'],
];

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
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
