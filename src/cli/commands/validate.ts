import { formatDiagnostic } from '../../model/diagnostics';
import { loadFiles } from '../load';
import { err, out } from '../output';

export function runValidate(files: string[], values: Record<string, unknown>): number {
  const { scenario, diagnostics, hasErrors } = loadFiles(files);
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  if (values['json'] === true) {
    out(`${JSON.stringify({ diagnostics, errors, warnings, objects: scenario.objectCount })}\n`);
  } else {
    if (diagnostics.length > 0) out(`${diagnostics.map(formatDiagnostic).join('\n')}\n`);
    const plural = (n: number, w: string) => `${String(n)} ${w}${n === 1 ? '' : 's'}`;
    err(
      `${plural(scenario.objectCount, 'object')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`,
    );
  }
  return hasErrors ? 1 : 0;
}
