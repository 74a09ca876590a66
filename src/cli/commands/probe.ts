import { probe } from '../../engine/probe/probe';
import type { ProbeResult } from '../../engine/probe/types';
import { loadFiles, reportForQuery } from '../load';
import { out } from '../output';
import { UsageError } from '../usage';
import { parsePort, parseProtocol } from './matrix';

/** Human-readable probe output: the verdict, what was resolved, then every hop. */
export function formatProbe(r: ProbeResult, to: string): string {
  const lines: string[] = [];
  lines.push(
    `${r.from.name}${r.from.ip ? ` (${r.from.ip})` : ''} → ${to}  ${r.protocol}/${String(r.port)}`,
  );
  lines.push(`verdict: ${r.verdict}`);
  if (r.resolved)
    lines.push(
      `resolved: ${r.resolved.name} → ${r.resolved.ip ?? '(nothing)'}${r.resolved.cname ? ` (CNAME ${r.resolved.cname})` : ''}`,
    );
  if (r.backend)
    lines.push(
      `backend: ${r.backend.pod ?? '-'} ${r.backend.ip}${r.backends.length > 1 ? ` (one of ${String(r.backends.length)} endpoints)` : ''}`,
    );
  if (r.seenSource) lines.push(`source seen by the backend: ${r.seenSource}`);
  if (r.response) {
    const body = r.response.body.replace(/\s+/g, ' ').trim();
    lines.push(
      `response: ${String(r.response.status)} ${body.length > 100 ? `${body.slice(0, 100)}…` : body}`,
    );
  }
  if (r.hops.length > 0) {
    lines.push('', 'hops:');
    r.hops.forEach((h, i) => {
      const verdict = h.verdict ? ` [${h.verdict}]` : '';
      const outer = h.outer ? ` (outer ${h.outer.src} → ${h.outer.dst} ${h.outer.protocol})` : '';
      lines.push(
        `${String(i + 1).padStart(3)}. ${h.at}  ${h.device}  ${h.packet.src} → ${h.packet.dst}${outer}${verdict}`,
      );
      lines.push(`     ${h.text}`);
    });
  }
  lines.push('', `why: ${r.explanation}`);
  return `${lines.join('\n')}\n`;
}

export function runProbe(files: string[], values: Record<string, unknown>): number {
  const from = values['from'];
  const to = values['to'];
  if (typeof from !== 'string' || from === '')
    throw new UsageError('--from SRC is required (ns/pod, ns/pod:container or external)');
  if (typeof to !== 'string' || to === '') throw new UsageError('--to DST is required');
  const port = values['port'] === undefined ? undefined : parsePort(values['port']);
  const protocol = parseProtocol(values['protocol']);
  const loaded = loadFiles(files);
  if (!reportForQuery(loaded)) return 1;
  const r = probe(loaded.scenario.cluster, {
    from,
    to,
    protocol,
    ...(port !== undefined ? { port } : {}),
  });
  out(values['json'] === true ? `${JSON.stringify(r)}\n` : formatProbe(r, to));
  return 0;
}
