/**
 * Live lint: the editor's unapplied text checked while the user types, worded exactly as
 * `k8snet validate` prints it (`formatDiagnostic` over the same findings, in the same order).
 *
 * Cost, measured in Node on a 2-core machine: reading YAML with positions dominates (about
 * 0.6 ms per KB: a typical 30 KB scenario parses in ~20 ms, 1,000 Pod objects in 237 KB in
 * ~160 ms). Building the cluster and the semantic lint (what validate adds on top) cost about a
 * tenth of that for written-out pods (~13 ms for those 1,000 Pods), but grow with replicas, not
 * text: a 15-line Deployment with `replicas: 5000` builds in ~110 ms. So parse and validate
 * always run, and the build + semantic lint run only while the draft asks for at most
 * MAX_LINTED_PODS pods; above that, those warnings wait for Apply. The last simulated cluster
 * (for explainPair and friends) is left alone: a draft is not the cluster.
 */
import { buildScenario } from '../engine/scenario';
import { assertNever } from '../model/diagnostics';
import type { Manifest } from '../model/manifest';
import { parseManifests } from '../model/parseManifests';
import type { DiagnosticView, SourceFile } from './protocol';
import { toDiagnosticViews } from './simulate';

/** Above this many requested pods the draft check skips the build (~30 ms at 1,000 replicas). */
export const MAX_LINTED_PODS = 1000;

/** Nodes a DaemonSet is counted on when the draft declares none (the default cluster's three). */
const DEFAULT_NODE_COUNT = 3;

/** Pods the manifests would ask the controllers for: an upper bound on the build's work. */
export function requestedPods(manifests: readonly Manifest[]): number {
  const nodes = manifests.filter((m) => m.kind === 'Node').length || DEFAULT_NODE_COUNT;
  let pods = 0;
  for (const m of manifests) {
    switch (m.kind) {
      case 'Pod':
        pods += 1;
        break;
      case 'Deployment':
      case 'ReplicaSet':
      case 'StatefulSet':
        pods += m.object.spec?.replicas ?? 1;
        break;
      case 'Job':
        pods += m.object.spec?.parallelism ?? 1;
        break;
      case 'DaemonSet':
        pods += nodes;
        break;
      case 'Namespace':
      case 'Node':
      case 'Service':
      case 'Endpoints':
      case 'EndpointSlice':
      case 'NetworkPolicy':
      case 'Ingress':
      case 'IngressClass':
      case 'ClusterSettings':
      case 'Other':
        break;
      default:
        assertNever(m);
    }
  }
  return pods;
}

/**
 * Parse and validate `files` (plus the build's and the semantic lint's findings when the draft
 * is small enough, see MAX_LINTED_PODS) into views whose text is what `k8snet validate` prints.
 * A finding repeated word for word is listed once, as the simulation's findings are.
 */
export function validateDraft(files: readonly SourceFile[]): DiagnosticView[] {
  const parsed = parseManifests(files);
  // Built and linted as loadScenario does, so the lines and their order match the CLI's.
  if (requestedPods(parsed.manifests) <= MAX_LINTED_PODS)
    return toDiagnosticViews([buildScenario(parsed).diagnostics]);
  return toDiagnosticViews([parsed.diagnostics]);
}
