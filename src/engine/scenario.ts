/** One call from files to a simulated cluster: parse, validate, build, lint. */
import type { Diagnostic } from '../model/diagnostics';
import { sortDiagnostics } from '../model/diagnostics';
import type { Manifest } from '../model/manifest';
import type { InputFile, ParsedManifests } from '../model/parseManifests';
import { parseManifests } from '../model/parseManifests';
import { buildCluster } from './cluster';
import { lintScenario } from './lint';
import type { Cluster } from './types';

export interface Scenario {
  readonly manifests: readonly Manifest[];
  readonly cluster: Cluster;
  /** Parse, validation, build and semantic findings, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** Objects read, including rejected ones. */
  readonly objectCount: number;
}

export function loadScenario(inputs: readonly InputFile[]): Scenario {
  return buildScenario(parseManifests(inputs));
}

/** The build and lint half of loadScenario, for callers that parsed already. */
export function buildScenario(parsed: ParsedManifests): Scenario {
  const cluster = buildCluster(parsed.manifests);
  const semantic = lintScenario(parsed.manifests, cluster);
  return {
    manifests: parsed.manifests,
    cluster,
    diagnostics: sortDiagnostics([...parsed.diagnostics, ...cluster.diagnostics, ...semantic]),
    objectCount: parsed.objectCount,
  };
}
