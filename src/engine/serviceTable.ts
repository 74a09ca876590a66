/**
 * Every pod against every Service port: would a connection to the ClusterIP be delivered?
 * Per Service port, each serving endpoint is checked the way `probe` would after DNAT (policy
 * against the backend pod and target port, something listening there), so the cell says how
 * many of the backends kube-proxy may pick would answer. Policy comes from the bitset matrix,
 * one per distinct target port, so the table costs a few matrices, not pods × backends probes.
 */
import { resolvePodPort } from './containers';
import type { Matrix } from './matrix';
import { computeMatrix, matrixPods } from './matrix';
import { evaluateTraffic } from './networkpolicy';
import type { SimServicePort } from './services';
import type { Cluster, Protocol, SimPod } from './types';

export type TableVerdict = 'delivered' | 'partial' | 'denied' | 'refused' | 'no-endpoints';

export interface TableCell {
  readonly verdict: TableVerdict;
  /** Backends (on the path kube-proxy may pick) that would answer. */
  readonly answering: number;
  readonly backends: number;
}

export interface ServiceTableColumn {
  readonly service: string;
  readonly port: SimServicePort;
  readonly clusterIP: string;
}

export interface ServiceTable {
  readonly pods: readonly SimPod[];
  readonly columns: readonly ServiceTableColumn[];
  /** cells[i][k]: pod i to column k. */
  readonly cells: readonly (readonly TableCell[])[];
}

export function computeServiceTable(
  cluster: Cluster,
  options: { includeSystem?: boolean } = {},
): ServiceTable {
  const all = matrixPods(cluster, { includeSystem: true });
  const rowPods = options.includeSystem === true ? all : all.filter((p) => !p.isSystem);
  const index = new Map(all.map((p, i) => [p.key, i]));
  const matrices = new Map<string, Matrix>();
  const matrixFor = (port: number, protocol: Protocol): Matrix => {
    const key = `${protocol}/${String(port)}`;
    let m = matrices.get(key);
    if (!m)
      matrices.set(key, (m = computeMatrix(cluster, { port, protocol, includeSystem: true })));
    return m;
  };
  const listens = new Map<string, boolean>();
  const answers = (pod: SimPod, port: number, protocol: Protocol): boolean => {
    const key = `${pod.key}|${protocol}/${String(port)}`;
    let v = listens.get(key);
    if (v === undefined) listens.set(key, (v = resolvePodPort(pod, port, protocol) !== null));
    return v;
  };
  const columns: ServiceTableColumn[] = [];
  for (const svc of cluster.services) {
    if (svc.clusterIP === null) continue;
    for (const port of svc.ports)
      columns.push({ service: svc.key, port, clusterIP: svc.clusterIP });
  }
  const cells = rowPods.map((src) => {
    const i = index.get(src.key)!;
    return columns.map((col): TableCell => {
      const svc = cluster.serviceByKey.get(col.service)!;
      let serving =
        cluster.endpoints.get(col.service)?.ports.find((p) => p.port === col.port)?.serving ?? [];
      if (svc.internalTrafficPolicy === 'Local')
        serving = serving.filter((t) => t.endpoint.nodeName === src.nodeName);
      if (serving.length === 0) return { verdict: 'no-endpoints', answering: 0, backends: 0 };
      let allowed = 0;
      let answering = 0;
      for (const t of serving) {
        const podKey = t.endpoint.pod;
        const dst = podKey ? cluster.podByKey.get(podKey) : undefined;
        let ok: boolean;
        if (dst && !dst.hostNetwork && index.has(dst.key))
          ok = matrixFor(t.port, col.port.protocol).isAllowed(i, index.get(dst.key)!);
        else
          ok = evaluateTraffic(
            cluster,
            { kind: 'pod', pod: src },
            dst ? { kind: 'pod', pod: dst } : { kind: 'external', ip: t.endpoint.ip },
            t.port,
            col.port.protocol,
          ).allowed;
        if (!ok) continue;
        allowed++;
        if (!dst || answers(dst, t.port, col.port.protocol)) answering++;
      }
      const verdict: TableVerdict =
        answering === serving.length
          ? 'delivered'
          : answering > 0
            ? 'partial'
            : allowed === 0
              ? 'denied'
              : 'refused';
      return { verdict, answering, backends: serving.length };
    });
  });
  return { pods: rowPods, columns, cells };
}
