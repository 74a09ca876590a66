import { renderIptables } from '../../engine/kubeproxy/iptables';
import { renderIpvs } from '../../engine/kubeproxy/ipvs';
import { renderNftables } from '../../engine/kubeproxy/nftables';
import { loadFiles, reportForQuery } from '../load';
import { err, out } from '../output';
import { UsageError } from '../usage';

export function runRules(files: string[], values: Record<string, unknown>): number {
  const nodeName = values['node'];
  if (typeof nodeName !== 'string' || nodeName === '')
    throw new UsageError('--node NAME is required');
  const modeArg = values['mode'];
  if (
    modeArg !== undefined &&
    modeArg !== 'iptables' &&
    modeArg !== 'nftables' &&
    modeArg !== 'ipvs'
  ) {
    throw new UsageError(
      `--mode must be iptables, nftables or ipvs, got ${JSON.stringify(modeArg)}`,
    );
  }
  const loaded = loadFiles(files);
  if (!reportForQuery(loaded)) return 1;
  const cluster = loaded.scenario.cluster;
  if (!cluster.nodeByName.has(nodeName)) {
    err(
      `k8snet rules: no node ${nodeName} (nodes: ${cluster.nodes.map((n) => n.name).join(', ')})\n`,
    );
    return 1;
  }
  const mode = modeArg ?? cluster.settings.kubeProxyMode;
  if (mode === 'ipvs')
    err(
      'k8snet rules: note: kube-proxy IPVS mode is deprecated upstream (Kubernetes 1.35); nftables is the recommended mode\n',
    );
  const text =
    mode === 'iptables'
      ? renderIptables(cluster, nodeName)
      : mode === 'nftables'
        ? renderNftables(cluster, nodeName)
        : renderIpvs(cluster, nodeName);
  out(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}
