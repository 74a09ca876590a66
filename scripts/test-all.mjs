/**
 * `npm test`: every check the project has, in one command.
 *
 *   1. static checks — `tsc -b`, `eslint . --max-warnings=0`, `prettier --check .`
 *   2. unit tests    — `vitest run` (console output plus a JSON report)
 *   3. browser tests — the Playwright suite in Chromium (scripts/e2e.mjs)
 *
 * Every stage runs even when an earlier one fails, so one run shows everything that is wrong.
 * The last line is `N passed, M failed`: unit and e2e test counts, plus one failure for each
 * static check that failed (or a test stage that broke without reporting its tests).
 * Exit code 0 only when nothing failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const resultsDir = join(root, 'test-results');
const unitJson = join(resultsDir, 'unit-results.json');
const e2eJson = join(resultsDir, 'e2e-results.json');

/** Runs one command with the console attached; returns its exit code and duration. */
function run(label, command, args) {
  console.log(
    `\n━━ ${label}: ${[command, ...args].map((a) => a.replace(root + '/', '')).join(' ')}`,
  );
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = (performance.now() - started) / 1000;
  if (result.error) console.error(`${label}: could not start: ${result.error.message}`);
  const code = result.status ?? 1;
  return { code, seconds };
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A stage that is one check: it passes or it fails (and then counts as one failure). */
function staticStage(name, command, args) {
  const { code, seconds } = run(name, command, args);
  return {
    name,
    seconds,
    ok: code === 0,
    passed: 0,
    failed: code === 0 ? 0 : 1,
    detail: code === 0 ? 'ok' : `failed (exit ${String(code)})`,
  };
}

/**
 * A stage that runs tests: counts come from its JSON report. If the tool failed without any
 * failing test in the report (crash, build error, no browser), that counts as one failure.
 */
function testStage(name, command, args, jsonPath, count) {
  rmSync(jsonPath, { force: true });
  const { code, seconds } = run(name, command, args);
  const report = existsSync(jsonPath) ? readJson(jsonPath) : undefined;
  const counts = report ? count(report) : { passed: 0, failed: 0, skipped: 0 };
  let { passed, failed } = counts;
  let detail = `${String(passed)} passed, ${String(failed)} failed`;
  if (counts.skipped > 0) detail += `, ${String(counts.skipped)} skipped`;
  if (code !== 0 && failed === 0) {
    failed = 1;
    detail += report ? ` — but exited ${String(code)}` : ` — no report (exit ${String(code)})`;
  } else if (code === 0 && !report) {
    failed = 1;
    detail = `no report written to ${jsonPath.replace(root + '/', '')}`;
  }
  return { name, seconds, ok: failed === 0, passed, failed, detail };
}

mkdirSync(resultsDir, { recursive: true });
const stages = [];

stages.push(staticStage('typecheck', bin('tsc'), ['-b']));
stages.push(staticStage('lint', bin('eslint'), ['.', '--max-warnings=0']));
stages.push(staticStage('format', bin('prettier'), ['--check', '.']));

stages.push(
  testStage(
    'unit',
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`],
    unitJson,
    (r) => ({
      passed: r.numPassedTests ?? 0,
      failed: r.numFailedTests ?? 0,
      skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
    }),
  ),
);

stages.push(
  testStage('e2e', process.execPath, [join(root, 'scripts', 'e2e.mjs')], e2eJson, (r) => ({
    // A flaky test passed on a retry; it is reported, but it passed.
    passed: (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0),
    failed: r.stats?.unexpected ?? 0,
    skipped: r.stats?.skipped ?? 0,
  })),
);

const passed = stages.reduce((n, s) => n + s.passed, 0);
const failed = stages.reduce((n, s) => n + s.failed, 0);
const width = Math.max(...stages.map((s) => s.name.length));
console.log('\n━━ summary');
for (const s of stages) {
  const mark = s.ok ? 'PASS' : 'FAIL';
  console.log(`  ${mark}  ${s.name.padEnd(width)}  ${s.detail}  (${s.seconds.toFixed(1)}s)`);
}
console.log(`${String(passed)} passed, ${String(failed)} failed`);
process.exit(failed === 0 ? 0 : 1);
