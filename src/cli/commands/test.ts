/** `k8snet test`: declarative connectivity checks, so teams can test policies in CI without a cluster. */
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../../model/diagnostics';
import { formatDiagnostic } from '../../model/diagnostics';
import { readDocuments } from '../../model/yamlSource';
import { probe } from '../../engine/probe/probe';
import type { Verdict } from '../../engine/probe/types';
import type { Protocol } from '../../engine/types';
import { loadFiles, reportForQuery } from '../load';
import { err, out } from '../output';
import { UsageError } from '../usage';

const VERDICTS: readonly Verdict[] = [
  'delivered',
  'denied',
  'refused',
  'no-endpoints',
  'nxdomain',
  'unreachable',
  'not-found',
];
const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
const FIELDS = ['from', 'to', 'port', 'protocol', 'expect', 'body', 'name'];

interface Check {
  readonly from: string;
  readonly to: string;
  readonly port?: number;
  readonly protocol?: Protocol;
  readonly expect: Verdict;
  readonly body?: RegExp;
  readonly name?: string;
}

/** Read the expectations file; every problem is a diagnostic with its position. */
export function readChecks(
  file: string,
  text: string,
): { checks: Check[]; diagnostics: Diagnostic[] } {
  const read = readDocuments(file, text);
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  const checks: Check[] = [];
  const doc = read.documents[0];
  if (!doc) {
    if (diagnostics.length === 0)
      diagnostics.push({
        file,
        line: 1,
        col: 1,
        severity: 'error',
        path: '',
        code: 'empty',
        message: 'the expectations file is empty; write checks: [{from, to, expect}, …]',
      });
    return { checks, diagnostics };
  }
  const pos = doc.positions;
  const bad = (path: string, message: string) =>
    diagnostics.push({ ...pos.value(path), severity: 'error', path, code: 'bad-check', message });
  const root = doc.value;
  const list =
    root && typeof root === 'object' && !Array.isArray(root)
      ? (root as Record<string, unknown>)['checks']
      : undefined;
  if (!Array.isArray(list)) {
    bad('checks', 'expected a top-level "checks:" list of {from, to, expect}');
    return { checks, diagnostics };
  }
  list.forEach((raw, i) => {
    const path = `checks[${String(i)}]`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
      return bad(path, 'each check must be a map with from, to and expect');
    const c = raw as Record<string, unknown>;
    for (const k of Object.keys(c))
      if (!FIELDS.includes(k))
        bad(`${path}.${k}`, `unknown field ${JSON.stringify(k)}; a check has ${FIELDS.join(', ')}`);
    const str = (k: string): string | undefined => {
      const v = c[k];
      return typeof v === 'string' ? v : undefined;
    };
    const from = str('from');
    const to = str('to');
    const expect = str('expect');
    if (!from) bad(`${path}.from`, 'from is required (ns/pod, ns/pod:container or external)');
    if (!to)
      bad(`${path}.to`, 'to is required (ns/pod, service:ns/name, a DNS name, an IP or a URL)');
    if (!expect || !VERDICTS.includes(expect as Verdict))
      bad(`${path}.expect`, `expect must be one of ${VERDICTS.join(', ')}`);
    const port = c['port'];
    if (
      port !== undefined &&
      (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
    )
      bad(`${path}.port`, 'port must be a number from 1 to 65535');
    const protocol = c['protocol'];
    if (protocol !== undefined && !PROTOCOLS.includes(protocol as Protocol))
      bad(`${path}.protocol`, 'protocol must be TCP, UDP or SCTP');
    let body: RegExp | undefined;
    const b = c['body'];
    if (b !== undefined) {
      try {
        body = new RegExp(typeof b === 'string' ? b : JSON.stringify(b));
      } catch (e) {
        bad(`${path}.body`, `body is not a valid regular expression: ${(e as Error).message}`);
      }
    }
    if (from && to && expect && VERDICTS.includes(expect as Verdict)) {
      checks.push({
        from,
        to,
        expect: expect as Verdict,
        ...(typeof port === 'number' ? { port } : {}),
        ...(protocol !== undefined ? { protocol: protocol as Protocol } : {}),
        ...(body ? { body } : {}),
        ...(str('name') !== undefined ? { name: str('name') } : {}),
      });
    }
  });
  return { checks, diagnostics };
}

export function runTest(files: string[], values: Record<string, unknown>): number {
  const expectFile = values['expect'];
  if (typeof expectFile !== 'string' || expectFile === '')
    throw new UsageError('--expect EXPECT.yaml is required');
  let text: string;
  try {
    text = readFileSync(expectFile, 'utf8');
  } catch {
    err(`${expectFile}:1:1: error: cannot read the expectations file; check the path\n`);
    return 1;
  }
  const { checks, diagnostics } = readChecks(expectFile, text);
  if (diagnostics.length > 0) {
    err(`${diagnostics.map(formatDiagnostic).join('\n')}\n`);
    return 1;
  }
  const loaded = loadFiles(files);
  if (!reportForQuery(loaded)) return 1;
  let passed = 0;
  let failed = 0;
  const lines: string[] = [];
  for (const c of checks) {
    const r = probe(loaded.scenario.cluster, {
      from: c.from,
      to: c.to,
      ...(c.port !== undefined ? { port: c.port } : {}),
      ...(c.protocol ? { protocol: c.protocol } : {}),
    });
    const label = `${c.name ? `${c.name}: ` : ''}${c.from} → ${c.to}${c.port !== undefined ? ` :${String(c.port)}` : ''}${c.protocol ? `/${c.protocol}` : ''}`;
    const verdictOk = r.verdict === c.expect;
    const bodyOk = !c.body || (r.response !== null && c.body.test(r.response.body));
    if (verdictOk && bodyOk) {
      passed++;
      lines.push(`✓ ${label}: expected ${c.expect}, got ${r.verdict}`);
    } else {
      failed++;
      const why = !verdictOk
        ? r.explanation
        : `the response body ${r.response ? JSON.stringify(r.response.body.slice(0, 80)) : '(none)'} does not match /${c.body?.source ?? ''}/`;
      lines.push(
        `✗ ${label}: expected ${c.expect}${c.body ? ` with body /${c.body.source}/` : ''}, got ${r.verdict} — ${why}`,
      );
    }
  }
  lines.push(`${String(passed)} passed, ${String(failed)} failed`);
  out(`${lines.join('\n')}\n`);
  return failed === 0 ? 0 : 1;
}
