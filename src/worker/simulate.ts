/**
 * The worker's work, kept apart from the message plumbing so it runs (and is tested) in Node too:
 * build the scenario, compute the matrix, and flatten both into the protocol's plain views.
 */
import { computeMatrix } from '../engine/matrix';
import { loadScenario } from '../engine/scenario';
import { formatDiagnostic } from '../model/diagnostics';
import type { Diagnostic } from '../model/diagnostics';
import { toIngressViews, toPodView, toPolicyViews, toServiceViews } from './views';
import type { DiagnosticView, MatrixView, SimulateRequest, SimulationView } from './protocol';

/** Scenario and cluster findings, once each (the scenario may repeat the build's). */
function toDiagnosticViews(lists: readonly (readonly Diagnostic[])[]): DiagnosticView[] {
  const seen = new Set<string>();
  const out: DiagnosticView[] = [];
  for (const list of lists) {
    for (const diagnostic of list) {
      const text = formatDiagnostic(diagnostic);
      const key = `${diagnostic.code}\u0000${text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ text, diagnostic });
    }
  }
  return out;
}

export function simulate(request: Pick<SimulateRequest, 'files' | 'matrix'>): SimulationView {
  const scenario = loadScenario(request.files);
  const { cluster } = scenario;
  // The cluster's own pods (CoreDNS) are shown on their nodes but left out of the matrix, as
  // `k8snet matrix` leaves them out.
  const matrix = computeMatrix(cluster, {
    port: request.matrix.port,
    protocol: request.matrix.protocol,
  });
  const size = matrix.pods.length;
  const allowed: boolean[][] = [];
  for (let i = 0; i < size; i++) {
    const row: boolean[] = [];
    for (let j = 0; j < size; j++) row.push(matrix.isAllowed(i, j));
    allowed.push(row);
  }
  const matrixView: MatrixView = {
    pods: matrix.pods.map((p) => p.key),
    port: matrix.port,
    protocol: matrix.protocol,
    enforced: matrix.enforced,
    allowed,
  };
  return {
    cniPlugin: cluster.settings.cniPlugin,
    enforcesPolicy: cluster.settings.enforcesPolicy,
    podCIDR: cluster.settings.podCIDR,
    serviceCIDR: cluster.settings.serviceCIDR,
    manifestCount: scenario.manifests.length,
    policyCount: cluster.policies.length,
    nodes: cluster.nodes.map((n) => ({
      name: n.name,
      ip: n.ip,
      podCIDR: n.podCIDR,
      isControlPlane: n.isControlPlane,
    })),
    namespaces: cluster.namespaces.map((n) => ({
      name: n.name,
      labels: n.labels,
      declared: n.declared,
    })),
    pods: cluster.pods.map(toPodView),
    services: toServiceViews(cluster),
    ingresses: toIngressViews(cluster),
    policies: toPolicyViews(cluster),
    matrix: matrixView,
    diagnostics: toDiagnosticViews([scenario.diagnostics, cluster.diagnostics]),
  };
}
