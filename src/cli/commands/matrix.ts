import type { Matrix } from '../../engine/matrix';
import { computeMatrix } from '../../engine/matrix';
import type { Protocol } from '../../engine/types';
import { loadFiles, reportForQuery } from '../load';
import { ChunkWriter, err } from '../output';
import { UsageError } from '../usage';

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export function parsePort(v: unknown): number {
  if (v === undefined) return 80;
  const s = typeof v === 'string' ? v : '';
  if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 65535)
    throw new UsageError(`--port must be a number from 1 to 65535, got ${JSON.stringify(s)}`);
  return Number(s);
}

export function parseProtocol(v: unknown): Protocol {
  if (v === undefined) return 'TCP';
  const given = typeof v === 'string' ? v : '';
  const s = given.toUpperCase();
  const p = PROTOCOLS.find((x) => x === s);
  if (!p) throw new UsageError(`--protocol must be TCP, UDP or SCTP, got ${JSON.stringify(given)}`);
  return p;
}

export function runMatrix(files: string[], values: Record<string, unknown>): number {
  const port = parsePort(values['port']);
  const protocol = parseProtocol(values['protocol']);
  const nsValues = values['namespace'] as string[] | undefined;
  const namespaces = nsValues?.flatMap((v) => v.split(',')).filter((v) => v !== '');
  const loaded = loadFiles(files);
  if (!reportForQuery(loaded)) return 1;
  const cluster = loaded.scenario.cluster;
  if (namespaces) {
    const unknown = namespaces.filter((ns) => !cluster.namespaceByName.has(ns));
    if (unknown.length > 0)
      err(`k8snet matrix: warning: no namespace ${unknown.join(', ')} in the scenario\n`);
  }
  const matrix = computeMatrix(cluster, {
    port,
    protocol,
    ...(namespaces ? { namespaces } : {}),
    includeSystem: values['system'] === true,
  });
  if (!matrix.enforced) {
    err(
      `k8snet matrix: warning: the ${cluster.settings.cniPlugin} CNI does not enforce NetworkPolicy; every pair is allowed whatever the policies say\n`,
    );
  }
  const w = new ChunkWriter();
  if (values['json'] === true) writeJson(matrix, w);
  else writeTable(matrix, w);
  w.flush();
  return 0;
}

/**
 * JSON for 8 cells at a time: entry b is the text of bits 0..7 of b as `true,`/`false,` pairs.
 * A 5,000-pod matrix is 25 million booleans (~140 MB of JSON); copying whole bytes keeps it fast.
 */
const BYTE_TEXT: readonly Buffer[] = Array.from({ length: 256 }, (_, b) =>
  Buffer.from(Array.from({ length: 8 }, (_, k) => ((b >> k) & 1 ? 'true,' : 'false,')).join('')),
);

function rowJson(row: Uint32Array, n: number, buf: Buffer): number {
  let off = 0;
  buf[off++] = 0x5b; // [
  const fullBytes = n >>> 3;
  for (let b = 0; b < fullBytes; b++) {
    const word = row[b >>> 2] ?? 0;
    const text = BYTE_TEXT[(word >>> ((b & 3) << 3)) & 0xff]!;
    text.copy(buf, off);
    off += text.length;
  }
  for (let j = fullBytes << 3; j < n; j++) {
    off += buf.write(
      ((row[j >>> 5] ?? 0) & (1 << (j & 31))) !== 0 ? 'true,' : 'false,',
      off,
      'latin1',
    );
  }
  if (n > 0) off--; // drop the last comma
  buf[off++] = 0x5d; // ]
  return off;
}

/** `{"pods":[…],"port":N,"protocol":"TCP","allowed":[[…],…]}`, streamed row by row. */
function writeJson(m: Matrix, w: ChunkWriter): void {
  w.write(
    `{"pods":${JSON.stringify(m.pods.map((p) => p.key))},"port":${String(m.port)},"protocol":${JSON.stringify(m.protocol)},"allowed":[`,
  );
  const n = m.pods.length;
  const buf = Buffer.allocUnsafe(6 * n + 8);
  for (let i = 0; i < n; i++) {
    if (i > 0) w.write(',');
    w.writeBytes(buf.subarray(0, rowJson(m.row(i), n, buf)));
  }
  w.write(']}\n');
}

/** A readable grid: rows and columns grouped by namespace, columns numbered, ✓/✗. */
function writeTable(m: Matrix, w: ChunkWriter): void {
  const pods = m.pods;
  w.write(
    `${m.protocol}/${String(m.port)}: may the row pod open a connection to the column pod? (✓ allowed, ✗ denied)\n`,
  );
  if (pods.length === 0) {
    w.write('\n(no running pods)\n');
    return;
  }
  const cw = String(pods.length).length;
  const label = (i: number) => `${String(i + 1).padStart(cw)} ${pods[i]!.key}`;
  const labelWidth = Math.min(60, Math.max(...pods.map((_, i) => label(i).length))) + 2;
  const groups: { ns: string; start: number; end: number; width: number }[] = [];
  pods.forEach((p, i) => {
    const last = groups[groups.length - 1];
    if (last && last.ns === p.namespace) last.end = i;
    else groups.push({ ns: p.namespace, start: i, end: i, width: 0 });
  });
  for (const g of groups) g.width = Math.max(g.ns.length, (g.end - g.start + 1) * (cw + 1) - 1);
  const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
  const block = (g: (typeof groups)[number], cell: (j: number) => string) => {
    const cells: string[] = [];
    for (let j = g.start; j <= g.end; j++) cells.push(cell(j).padStart(cw));
    return pad(cells.join(' '), g.width);
  };
  const line = (head: string, parts: string[]) =>
    `${pad(head, labelWidth)}${parts.join('   ')}`.trimEnd();
  w.write(
    `\n${line(
      '',
      groups.map((g) => pad(g.ns, g.width)),
    )}\n`,
  );
  w.write(
    `${line(
      '',
      groups.map((g) => block(g, (j) => String(j + 1))),
    )}\n`,
  );
  let allowed = 0;
  pods.forEach((p, i) => {
    if (i > 0 && p.namespace !== pods[i - 1]!.namespace) w.write('\n');
    const parts = groups.map((g) =>
      block(g, (j) => {
        const ok = m.isAllowed(i, j);
        if (ok) allowed++;
        return ok ? '✓' : '✗';
      }),
    );
    w.write(`${line(label(i).slice(0, labelWidth - 2), parts)}\n`);
  });
  w.write(`\n${String(allowed)} of ${String(pods.length * pods.length)} pairs allowed\n`);
}
