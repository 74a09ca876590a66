import { explainPod } from '../../engine/explain';
import { UsageError } from '../usage';
import { loadFiles, reportForQuery } from '../load';
import { err, out } from '../output';

export function runExplain(files: string[], values: Record<string, unknown>): number {
  const podArg = values['pod'];
  if (typeof podArg !== 'string' || podArg === '')
    throw new UsageError('--pod NS/NAME is required');
  const loaded = loadFiles(files);
  if (!reportForQuery(loaded)) return 1;
  const key = podArg.includes('/') ? podArg : `default/${podArg}`;
  const cluster = loaded.scenario.cluster;
  const pod = cluster.podByKey.get(key);
  if (!pod) {
    const ns = key.split('/')[0] ?? '';
    const inNs = cluster.pods.filter((p) => p.namespace === ns).map((p) => p.key);
    err(
      `k8snet explain: no pod ${key}${inNs.length > 0 ? `; pods in ${ns}: ${inNs.slice(0, 20).join(', ')}` : ''}\n`,
    );
    return 1;
  }
  const e = explainPod(cluster, pod);
  if (values['json'] === true) {
    out(`${JSON.stringify(e)}\n`);
    return 0;
  }
  const lines: string[] = [];
  lines.push(`Pod ${e.pod}  ip ${e.ip ?? '(none, Pending)'}  node ${e.node ?? '(none)'}`);
  const labels = Object.entries(e.labels).map(([k, v]) => `${k}=${v}`);
  lines.push(`Labels: ${labels.length > 0 ? labels.join(', ') : '(none)'}`);
  lines.push('');
  if (e.selectedBy.length === 0) lines.push('Selected by: no NetworkPolicy');
  else {
    lines.push('Selected by:');
    for (const s of e.selectedBy)
      lines.push(`  ${s.policy} (${s.types.join(', ') || 'no policyTypes'})`);
  }
  for (const [title, d] of [
    ['Ingress', e.ingress],
    ['Egress', e.egress],
  ] as const) {
    lines.push('');
    lines.push(`${title}: ${d.isolated ? 'isolated' : 'not isolated'}`);
    lines.push(`  ${d.summary}`);
    for (const r of d.rules) lines.push(`  - ${r.policy} rule ${String(r.rule)}: ${r.text}`);
  }
  lines.push('');
  for (const n of e.notes) lines.push(`Note: ${n}`);
  out(`${lines.join('\n')}\n`);
  return 0;
}
