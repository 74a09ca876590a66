/**
 * `npm run bench`: prints JSON figures for the NetworkPolicy engine.
 *  - matrix5000: the kept scenario (bench/scenarios/matrix-5000.yaml: 5,000 pods, 50 namespaces,
 *    1,000 policies): parse, build and TCP/80 matrix times, heap, and the CLI end to end.
 *  - versusNaive: 1,000 pods / 200 policies, engine vs the pair-by-pair reference evaluator.
 *  - traffic1000: 1,000 pods / 200 services / 200 policies: build, single probe, service table.
 * Bars (issue 4): matrix < 1 s engine time and < 500 MB heap; ≥ 20× the naive evaluator with
 * identical results; `k8snet matrix FILE --json` < 3 s end to end. (Issue 5): build < 300 ms,
 * one probe < 2 ms median, every pod × every service port < 2 s.
 *  - ui: the built app in headless Chromium (bench/ui.ts): a 500-pod scenario opens < 3 s and
 *    pans/zooms at ≥ 50 fps; Apply on 1,000 pods shows on the canvas < 500 ms; initial JS
 *    < 400 KB gzipped without the editor. These bars carry their value, bar and verdict.
 * Progress goes to stderr; stdout carries exactly one JSON document.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCluster } from '../src/engine/cluster';
import { computeMatrix } from '../src/engine/matrix';
import { probe } from '../src/engine/probe/probe';
import { naiveIsAllowed } from '../src/engine/reference/naivePolicy';
import { computeServiceTable } from '../src/engine/serviceTable';
import { parseManifests } from '../src/model/parseManifests';
import { generateScenario } from './generate';
import { benchUi } from './ui';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCENARIO = path.join(root, 'bench/scenarios/matrix-5000.yaml');
const BIG = { pods: 5000, namespaces: 50, policies: 1000, seed: 4 };

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const ms = (n: number) => Math.round(n * 10) / 10;

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function benchBig() {
  const text = generateScenario(BIG);
  let kept = '';
  try {
    kept = readFileSync(SCENARIO, 'utf8');
  } catch {
    /* first run writes it */
  }
  if (kept !== text) writeFileSync(SCENARIO, text);
  const runs: { parse: number; build: number; matrix: number; heapMB: number }[] = [];
  let pods = 0;
  let allowed = 0;
  for (let k = 0; k < 3; k++) {
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const [parsed, parse] = time(() => parseManifests([{ file: SCENARIO, content: text }]));
    const [cluster, build] = time(() => buildCluster(parsed.manifests));
    const [m, matrix] = time(() => computeMatrix(cluster, { port: 80, protocol: 'TCP' }));
    const heapMB = mb(process.memoryUsage().heapUsed - heapBefore);
    pods = m.pods.length;
    allowed = 0;
    for (let i = 0; i < pods; i++) for (let j = 0; j < pods; j++) if (m.isAllowed(i, j)) allowed++;
    runs.push({ parse, build, matrix, heapMB });
  }
  const cli = [0, 1, 2].map(() => {
    const t = performance.now();
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'bin/k8snet.mjs'), 'matrix', SCENARIO, '--json'],
      { maxBuffer: 1 << 30 },
    );
    const elapsed = performance.now() - t;
    if (r.status !== 0) throw new Error(`k8snet matrix failed: ${r.stderr.toString()}`);
    const out = JSON.parse(r.stdout.toString()) as { pods: string[]; allowed: boolean[][] };
    if (out.pods.length !== pods) throw new Error('CLI pod count differs');
    return elapsed;
  });
  // The heap bar as a hard limit: the whole CLI run must fit in a 500 MB V8 heap.
  const capped = spawnSync(
    process.execPath,
    ['--max-old-space-size=500', path.join(root, 'bin/k8snet.mjs'), 'matrix', SCENARIO, '--json'],
    { maxBuffer: 1 << 30 },
  );
  return {
    scenario: path.relative(root, SCENARIO),
    cliFitsIn500MBHeap: capped.status === 0,
    bytes: Buffer.byteLength(text),
    pods,
    policies: BIG.policies,
    namespaces: BIG.namespaces,
    allowedPairs: allowed,
    parseMs: ms(median(runs.map((r) => r.parse))),
    buildMs: ms(median(runs.map((r) => r.build))),
    matrixMs: ms(median(runs.map((r) => r.matrix))),
    engineMs: ms(median(runs.map((r) => r.build + r.matrix))),
    heapMB: Math.max(...runs.map((r) => r.heapMB)),
    /** Peak resident memory of the whole bench process so far (an upper bound on the heap). */
    maxRssMB: mb(process.resourceUsage().maxRSS * 1024),
    cliMatrixJsonMs: ms(median(cli)),
  };
}

function benchNaive() {
  const text = generateScenario({ pods: 1000, namespaces: 10, policies: 200, seed: 7 });
  const parsed = parseManifests([{ file: 'naive-1000.yaml', content: text }]);
  const cluster = buildCluster(parsed.manifests);
  const times: number[] = [];
  let m = computeMatrix(cluster, { port: 80, protocol: 'TCP', includeSystem: true });
  for (let k = 0; k < 5; k++) {
    const [mm, t] = time(() =>
      computeMatrix(cluster, { port: 80, protocol: 'TCP', includeSystem: true }),
    );
    m = mm;
    times.push(t);
  }
  const pods = m.pods;
  let mismatches = 0;
  const [, naive] = time(() => {
    for (let i = 0; i < pods.length; i++) {
      for (let j = 0; j < pods.length; j++) {
        if (naiveIsAllowed(cluster, pods[i]!, pods[j]!, 80, 'TCP') !== m.isAllowed(i, j))
          mismatches++;
      }
    }
  });
  const engine = median(times);
  return {
    pods: pods.length,
    policies: 200,
    engineMs: ms(engine),
    naiveMs: ms(naive),
    speedup: Math.round(naive / engine),
    identical: mismatches === 0,
    mismatches,
  };
}

/** Issue 5's bar: 1,000 pods / 200 services / 200 policies. */
function benchTraffic() {
  const text = generateScenario({
    pods: 1000,
    namespaces: 10,
    policies: 200,
    services: 200,
    seed: 11,
  });
  const parsed = parseManifests([{ file: 'traffic-1000.yaml', content: text }]);
  const builds: number[] = [];
  let cluster = buildCluster(parsed.manifests);
  for (let k = 0; k < 5; k++) {
    const [c, t] = time(() => buildCluster(parsed.manifests));
    cluster = c;
    builds.push(t);
  }
  const pods = cluster.pods.filter((p) => !p.isSystem && p.ip !== null && !p.hostNetwork);
  const services = cluster.services.filter((s) => !s.isSystem);
  const probes: number[] = [];
  const verdicts: Record<string, number> = {};
  for (let k = 0; k < 1000; k++) {
    const from = pods[(k * 7919) % pods.length]!;
    const to = services[(k * 104729) % services.length]!;
    const [r, t] = time(() => probe(cluster, { from: from.key, to: `service:${to.key}`, seed: k }));
    probes.push(t);
    verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
  }
  const tables: number[] = [];
  let cells = 0;
  for (let k = 0; k < 3; k++) {
    const [table, t] = time(() => computeServiceTable(cluster));
    tables.push(t);
    cells = table.pods.length * table.columns.length;
  }
  const sorted = [...probes].sort((a, b) => a - b);
  return {
    pods: cluster.pods.length,
    services: cluster.services.length,
    policies: cluster.policies.length,
    buildMs: ms(median(builds)),
    probeMedianMs: Math.round(median(probes) * 1000) / 1000,
    probeP95Ms: Math.round((sorted[Math.floor(sorted.length * 0.95)] ?? 0) * 1000) / 1000,
    probeVerdicts: verdicts,
    serviceTableMs: ms(median(tables)),
    serviceTableCells: cells,
  };
}

const result = {
  node: process.version,
  cpus: execFileSync('nproc').toString().trim(),
  matrix5000: benchBig(),
  versusNaive: benchNaive(),
  traffic1000: benchTraffic(),
};
const bars = {
  matrixUnder1s: result.matrix5000.engineMs < 1000,
  heapUnder500MB: result.matrix5000.heapMB < 500 && result.matrix5000.cliFitsIn500MBHeap,
  cliUnder3s: result.matrix5000.cliMatrixJsonMs < 3000,
  naive20x: result.versusNaive.speedup >= 20 && result.versusNaive.identical,
  trafficBuildUnder300ms: result.traffic1000.buildMs < 300,
  probeUnder2ms: result.traffic1000.probeMedianMs < 2,
  serviceTableUnder2s: result.traffic1000.serviceTableMs < 2000,
};

/** The UI bars fail (with the reason) rather than take the engine figures down with them. */
async function benchUiOrFailure() {
  try {
    return await benchUi();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`bench ui: ${message}`);
    const failed = { value: null, pass: false };
    return {
      ui: { error: message },
      bars: {
        uiOpen500Under3s: { ...failed, bar: 3000, unit: 'ms' },
        uiPanZoom50fps: { ...failed, bar: 50, unit: 'fps' },
        uiApply1000Under500ms: { ...failed, bar: 500, unit: 'ms' },
        uiInitialJsUnder400KB: { ...failed, bar: 400, unit: 'KB gzipped' },
      },
    };
  }
}

const ui = await benchUiOrFailure();
console.log(JSON.stringify({ ...result, ui: ui.ui, bars: { ...bars, ...ui.bars } }, null, 2));
