/** Test helpers shared by engine tests: load inline YAML into a scenario. */
import { formatDiagnostic } from '../../model/diagnostics';
import { loadScenario } from '../scenario';
import type { Scenario } from '../scenario';

/** Load one inline YAML document set as `test.yaml`. */
export function scenarioOf(yaml: string): Scenario {
  return loadScenario([{ file: 'test.yaml', content: yaml }]);
}

/** The scenario's findings as the CLI prints them. */
export function lines(s: Scenario, severity?: string): string[] {
  return s.diagnostics
    .filter((d) => severity === undefined || d.severity === severity)
    .map(formatDiagnostic);
}

/** `key node ip` for each user pod, the shape most build tests assert. */
export function placement(s: Scenario): string[] {
  return s.cluster.pods
    .filter((p) => !p.isSystem)
    .map((p) => `${p.key} ${p.nodeName ?? '-'} ${p.ip ?? '-'}`);
}
