/** Test helpers for the model: inline YAML in, the CLI's diagnostic lines out. */
import { formatDiagnostic } from '../diagnostics';
import { parseManifests } from '../parseManifests';

/** Strip the first newline and the common indentation, so line 1 is the first YAML line. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '\n')
    .split('\n');
  const indent = Math.min(
    ...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0),
  );
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** Parse `text` as `f.yaml` and return every finding as `file:line:col: severity: path: message`. */
export function lint(text: string): string[] {
  return parseManifests([{ file: 'f.yaml', content: dedent(text) }]).diagnostics.map(
    formatDiagnostic,
  );
}
