/**
 * The worker's work, kept apart from the message plumbing so it runs (and is tested) in Node too:
 * build the scenario, compute the matrix, and flatten both into the protocol's plain views.
 */
import { computeMatrix } from '../engine/matrix';
import { loadScenario } from '../engine/scenario';
import type { Cluster, Protocol } from '../engine/types';
import { evaluateConnection } from '../engine/networkpolicy';
import type { DirectionVerdict } from '../engine/networkpolicy';
import { formatDiagnostic } from '../model/diagnostics';
import type { Diagnostic } from '../model/diagnostics';
import { toIngressViews, toPodView, toPolicyViews, toServiceViews } from './views';
import type { DiagnosticView, MatrixView, SimulateRequest, SimulationView } from './protocol';

/** Scenario and cluster findings, once each (the scenario may repeat the build's). */
export function toDiagnosticViews(lists: readonly (readonly Diagnostic[])[]): DiagnosticView[] {
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

/** The last simulated cluster, for follow-up questions (explainPair) without rebuilding. */
let lastCluster: Cluster | null = null;

/** The cluster of the last simulation, or null before the first. */
export function currentCluster(): Cluster | null {
  return lastCluster;
}

export function simulate(request: Pick<SimulateRequest, 'files' | 'matrix'>): SimulationView {
  const scenario = loadScenario(request.files);
  lastCluster = scenario.cluster;
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
    kubeProxyMode: cluster.settings.kubeProxyMode,
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

function directionText(side: string, dir: 'egress' | 'ingress', v: DirectionVerdict): string {
  if (!v.isolated) return `${side}'s ${dir} is not isolated${v.reason ? ` (${v.reason})` : ''}`;
  if (v.allowedBy.length === 0)
    return `${side}'s ${dir} is isolated by ${v.policies.join(', ')} and no rule allows this`;
  return `${side}'s ${dir} is allowed by ${v.allowedBy.map((a) => `${a.policy} rule ${String(a.rule)}`).join(', ')}`;
}

/** Why one matrix cell is what it is, in words. */
export function explainPair(
  from: string,
  to: string,
  port: number,
  protocol: Protocol,
): { allowed: boolean; text: string } {
  const cluster = lastCluster;
  const a = cluster?.podByKey.get(from);
  const b = cluster?.podByKey.get(to);
  if (!cluster || !a || !b)
    return { allowed: false, text: `no pod ${!a ? from : to} in the current scenario` };
  const v = evaluateConnection(cluster, a, b, port, protocol);
  const head = `${from} → ${to} on ${protocol}/${String(port)}: ${v.allowed ? 'allowed' : 'denied'}`;
  if (v.note) return { allowed: v.allowed, text: `${head} (${v.note})` };
  return {
    allowed: v.allowed,
    text: `${head}. ${directionText(from, 'egress', v.egress)}; ${directionText(to, 'ingress', v.ingress)}.`,
  };
}
