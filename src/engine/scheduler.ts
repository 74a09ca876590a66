/**
 * A deterministic kube-scheduler: filters (nodeName, unschedulable, taints/tolerations,
 * nodeSelector, required node affinity, hostPort conflicts) then spreads pods of the same
 * owner across nodes, then by load, then by node order. Same input → same placement.
 * https://kubernetes.io/docs/concepts/scheduling-eviction/kube-scheduler/
 */
import type { NodeSelectorRequirement, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import { matchesMap } from './labels';
import type { SimNode, Taint } from './types';

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

/** Whether the pod tolerates every NoSchedule/NoExecute taint of the node. */
export function toleratesNode(spec: PodSpec, node: SimNode): boolean {
  if (node.taints.length === 0) return true;
  const tolerations = spec.tolerations ?? [];
  return node.taints
    .filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')
    .every((taint) => tolerations.some((t) => tolerates(t, taint)));
}

function matchesNodeRequirement(
  r: NodeSelectorRequirement,
  labels: Readonly<Record<string, string>>,
): boolean {
  const has = Object.hasOwn(labels, r.key);
  const v = labels[r.key] ?? '';
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(v);
    case 'NotIn':
      return !has || !values.includes(v);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(v) > Number(values[0]);
    case 'Lt':
      return has && Number(v) < Number(values[0]);
    default:
      return false;
  }
}

/** nodeSelector and requiredDuringSchedulingIgnoredDuringExecution node affinity. */
export function matchesNodeConstraints(spec: PodSpec, node: SimNode): boolean {
  if (!spec.nodeSelector && !spec.affinity?.nodeAffinity) return true;
  if (spec.nodeSelector && !matchesMap(spec.nodeSelector, node.labels)) return false;
  const terms =
    spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  // Terms are ORed; requirements inside a term are ANDed.
  return terms.some(
    (term) =>
      (term.matchExpressions ?? []).every((r) => matchesNodeRequirement(r, node.labels)) &&
      (term.matchFields ?? []).every((r) =>
        matchesNodeRequirement({ ...r, key: 'metadata.name' }, { 'metadata.name': node.name }),
      ),
  );
}

/** Nodes a DaemonSet pod would run on: constraints and taints, ignoring load. */
export function daemonSetNodes(spec: PodSpec, nodes: readonly SimNode[]): string[] {
  return nodes
    .filter((n) => matchesNodeConstraints(spec, n) && toleratesNode(spec, n))
    .map((n) => n.name);
}

function hostPorts(spec: PodSpec): string[] {
  const out: string[] = [];
  for (const c of spec.containers ?? [])
    for (const p of c.ports ?? [])
      if (p.hostPort) out.push(`${p.protocol ?? 'TCP'}/${String(p.hostPort)}`);
  return out;
}

export type Placement =
  { readonly node: string } | { readonly node: null; readonly reason: string };

/** Keeps per-node state while pods are placed one by one, in input order. */
export class Scheduler {
  private readonly podCount = new Map<string, number>();
  /** owner → node → pods of that owner on the node (for spreading). */
  private readonly ownerCount = new Map<string, Map<string, number>>();
  private readonly usedHostPorts = new Map<string, Set<string>>();

  constructor(private readonly nodes: readonly SimNode[]) {}

  /** Record a pod that is bound to `node` without scheduling (nodeName, DaemonSet). */
  bind(node: string, spec: PodSpec, ownerKey: string): void {
    this.podCount.set(node, (this.podCount.get(node) ?? 0) + 1);
    let perNode = this.ownerCount.get(ownerKey);
    if (!perNode) this.ownerCount.set(ownerKey, (perNode = new Map<string, number>()));
    perNode.set(node, (perNode.get(node) ?? 0) + 1);
    const used = this.usedHostPorts.get(node) ?? new Set<string>();
    for (const hp of hostPorts(spec)) used.add(hp);
    this.usedHostPorts.set(node, used);
  }

  /** Host ports of `spec` already taken on `node`. */
  hostPortConflicts(node: string, spec: PodSpec): string[] {
    return this.conflicts(node, hostPorts(spec));
  }

  private conflicts(node: string, wanted: readonly string[]): string[] {
    if (wanted.length === 0) return [];
    const used = this.usedHostPorts.get(node);
    return used ? wanted.filter((hp) => used.has(hp)) : [];
  }

  schedule(spec: PodSpec, ownerKey: string): Placement {
    const reasons = { taint: 0, selector: 0, unschedulable: 0, ports: 0 };
    let best: SimNode | undefined;
    let bestScore = Infinity;
    const wantedPorts = hostPorts(spec);
    const sameOwner = this.ownerCount.get(ownerKey);
    for (const node of this.nodes) {
      if (node.unschedulable) {
        reasons.unschedulable++;
        continue;
      }
      if (!toleratesNode(spec, node)) {
        reasons.taint++;
        continue;
      }
      if (!matchesNodeConstraints(spec, node)) {
        reasons.selector++;
        continue;
      }
      if (this.conflicts(node.name, wantedPorts).length > 0) {
        reasons.ports++;
        continue;
      }
      const score =
        (sameOwner?.get(node.name) ?? 0) * 100_000 + (this.podCount.get(node.name) ?? 0);
      if (score < bestScore) {
        best = node;
        bestScore = score;
      }
    }
    if (!best) {
      const parts: string[] = [];
      if (reasons.taint) parts.push(`${String(reasons.taint)} node(s) had untolerated taints`);
      if (reasons.selector)
        parts.push(`${String(reasons.selector)} node(s) didn't match Pod's node affinity/selector`);
      if (reasons.unschedulable)
        parts.push(`${String(reasons.unschedulable)} node(s) were unschedulable`);
      if (reasons.ports)
        parts.push(
          `${String(reasons.ports)} node(s) didn't have free ports for the requested pod ports`,
        );
      return {
        node: null,
        reason: `0/${String(this.nodes.length)} nodes are available: ${parts.join(', ') || 'no nodes'}`,
      };
    }
    this.bind(best.name, spec, ownerKey);
    return { node: best.name };
  }
}
