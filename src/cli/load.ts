/** Shared by the commands: read inputs, build the scenario, report findings on stderr. */
import type { Diagnostic } from '../model/diagnostics';
import { formatDiagnostic, hasErrors, sortDiagnostics } from '../model/diagnostics';
import type { Scenario } from '../engine/scenario';
import { loadScenario } from '../engine/scenario';
import { gatherInputs } from './input';
import { err } from './output';

export interface Loaded {
  readonly scenario: Scenario;
  readonly diagnostics: readonly Diagnostic[];
  readonly hasErrors: boolean;
}

export function loadFiles(paths: readonly string[]): Loaded {
  const gathered = gatherInputs(paths);
  const scenario = loadScenario(gathered.files);
  const diagnostics = sortDiagnostics([...gathered.diagnostics, ...scenario.diagnostics]);
  return { scenario, diagnostics, hasErrors: hasErrors(diagnostics) };
}

/**
 * For commands that answer a question (matrix, explain): errors and warnings go to stderr.
 * Returns false if errors mean there is no trustworthy answer.
 */
export function reportForQuery(loaded: Loaded): boolean {
  const shown = loaded.diagnostics.filter((d) => d.severity !== 'info');
  if (shown.length > 0) err(`${shown.map(formatDiagnostic).join('\n')}\n`);
  if (loaded.hasErrors) {
    err('k8snet: the input has errors (above); fix them first — k8snet validate shows them all\n');
    return false;
  }
  return true;
}
