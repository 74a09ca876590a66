/**
 * The UI figures of `npm run bench`, in headless Chromium against the production build:
 *  - open500: importing a 500-pod / 100-Service scenario through the File menu's file input,
 *    until all 500 pods are on the canvas (fitted to the screen, as a user first sees it);
 *  - panZoom500: frames drawn while that canvas is dragged and wheel-zoomed (see uiFrames.ts);
 *  - apply1000: on a 1,000-pod scenario, a Pod appended in the Manifest editor, then Apply, until
 *    its card is on the canvas;
 *  - bundle: initial JavaScript, gzipped, with CodeMirror kept out of it (see uiBundle.ts).
 * The app is built into dist-cli/ui and served by `vite preview` on its own port (4192, or
 * K8SNET_BENCH_PORT), so it never replaces the dist/ that an e2e run may be serving on 4173.
 * Build output and progress go to stderr: stdout carries only run.ts's JSON.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';
import { generateScenario } from './generate';
import { measureBundle } from './uiBundle';
import type { FrameFigures } from './uiFrames';
import { measurePan, measureZoom } from './uiFrames';
import { canvasState, settle, startClick, watch } from './uiPage';
import type { PageTiming } from './uiPage';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(root, 'dist-cli/ui');
const VITE = path.join(root, 'node_modules/vite/bin/vite.js');
// Not 4173/5173 (e2e and dev servers), nor 4190: browsers and fetch refuse that one (a "bad port").
const PORT = Number(process.env.K8SNET_BENCH_PORT ?? 4192);
const APP_URL = `http://127.0.0.1:${String(PORT)}/`;
const VIEWPORT = { width: 1440, height: 900 };
const OPEN = { pods: 500, namespaces: 10, policies: 100, services: 100, seed: 3 };
const APPLY = { pods: 1000, namespaces: 10, policies: 200, services: 200, seed: 11 };
const RUNS = 3;
const APPLY_RUNS = 5;
const INPUT_MS = 3000;

const log = (message: string) => {
  console.error(`bench ui: ${message}`);
};
const ms = (n: number) => Math.round(n);
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const sleep = (t: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, t);
  });

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function buildApp(): void {
  log(`vite build --outDir ${path.relative(root, OUT_DIR)}`);
  const r = spawnSync(process.execPath, [VITE, 'build', '--outDir', OUT_DIR, '--emptyOutDir'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${String(r.status)})`);
}

/** `vite preview` on our port; ready when it serves this build's index.html (not another's). */
async function startPreview(): Promise<ChildProcess> {
  const args = ['preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'];
  const child = spawn(process.execPath, [VITE, ...args, '--outDir', OUT_DIR], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const index = readFileSync(path.join(OUT_DIR, 'index.html'), 'utf8');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview could not serve ${APP_URL}`);
    try {
      const res = await fetch(APP_URL);
      if (res.ok && (await res.text()) === index) return child;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  child.kill();
  throw new Error(`vite preview did not answer on ${APP_URL}`);
}

/**
 * A fresh browser context (no autosave from an earlier run) on the demo, with the editor loaded;
 * then the scenario picked in the File menu's import input, timed from its change event.
 */
async function openScenario(
  browser: Browser,
  name: string,
  text: string,
  pods: number,
): Promise<{ context: BrowserContext; page: Page; timing: PageTiming }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(APP_URL);
  await page.locator('[data-id="pod:data/db"]').waitFor();
  await page.locator('.cm-editor').waitFor();
  await settle(page);
  const result = await watch(page, {
    // Generated namespaces are ns-0…: every generated pod, none of the cluster's own.
    selector: '[data-id^="pod:ns-"]',
    count: pods,
    within: '.react-flow',
    start: 'change',
    timeoutMs: 60_000,
  });
  await page.getByLabel('Import a YAML file').setInputFiles({
    name,
    mimeType: 'application/yaml',
    buffer: Buffer.from(text),
  });
  const timing = await result();
  await settle(page);
  return { context, page, timing };
}

async function benchOpenAndFrames(browser: Browser) {
  const text = generateScenario(OPEN);
  const open: PageTiming[] = [];
  const pan: FrameFigures[] = [];
  const zoom: FrameFigures[] = [];
  const zoomAtEnd: number[] = [];
  let canvas = null;
  for (let k = 0; k < RUNS; k++) {
    const { context, page, timing } = await openScenario(browser, 'open-500.yaml', text, OPEN.pods);
    open.push(timing);
    log(`open 500 pods: ${String(ms(timing.paintedMs))} ms`);
    // Pan and zoom on what opening shows: the whole cluster fitted to the screen.
    canvas = await canvasState(page);
    if (canvas.pane === null) throw new Error('no empty pane to drag');
    const cdp = await context.newCDPSession(page);
    pan.push(await measurePan(cdp, page, canvas.pane, INPUT_MS));
    await settle(page);
    zoom.push(await measureZoom(cdp, page, canvas.centre, INPUT_MS));
    zoomAtEnd.push((await canvasState(page)).zoom);
    log(`pan ${String(pan[k]!.fps)} fps, zoom ${String(zoom[k]!.fps)} fps`);
    await context.close();
  }
  const frames = [...pan, ...zoom];
  const middle = (xs: readonly FrameFigures[]) =>
    xs.find((f) => f.fps === median(xs.map((x) => x.fps)))!;
  return {
    open500: {
      pods: OPEN.pods,
      services: OPEN.services,
      policies: OPEN.policies,
      bytes: Buffer.byteLength(text),
      readyMs: ms(median(open.map((t) => t.readyMs))),
      paintedMs: ms(median(open.map((t) => t.paintedMs))),
      runsMs: open.map((t) => ms(t.paintedMs)),
    },
    panZoom500: {
      /** Measured at the zoom opening gives (the whole cluster fitted), as a user first sees it. */
      fitViewZoom: round3(canvas?.zoom ?? 0),
      zoomRange: 'wheel: from the fit-view zoom out to about 0.76 of it and back, never closer in',
      zoomAtEnd: zoomAtEnd.map(round3),
      canvasDom: {
        elements: canvas?.domElements ?? 0,
        flowNodes: canvas?.flowNodes ?? 0,
        flowEdges: canvas?.flowEdges ?? 0,
      },
      panFps: median(pan.map((f) => f.fps)),
      zoomFps: median(zoom.map((f) => f.fps)),
      combinedFps:
        Math.round(
          (frames.reduce((n, f) => n + f.frames, 0) / frames.reduce((n, f) => n + f.windowMs, 0)) *
            10000,
        ) / 10,
      pan: middle(pan),
      zoom: middle(zoom),
    },
  };
}

function podDocument(k: number): string {
  return `---\napiVersion: v1\nkind: Pod\nmetadata: {name: bench-apply-${String(k)}, labels: {app: bench}}\nspec: {containers: [{name: c, image: nginx}]}\n`;
}

async function benchApply(browser: Browser) {
  const text = generateScenario(APPLY);
  const {
    context,
    page,
    timing: open,
  } = await openScenario(browser, 'apply-1000.yaml', text, APPLY.pods);
  log(`open 1000 pods: ${String(ms(open.paintedMs))} ms`);
  const runs: PageTiming[] = [];
  for (let k = 1; k <= APPLY_RUNS; k++) {
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(podDocument(k));
    await page.getByText('Edited since the last Apply').waitFor();
    await settle(page);
    const result = await watch(page, {
      selector: `[data-id="pod:default/bench-apply-${String(k)}"]`,
      count: 1,
      within: '.react-flow',
      start: 'manual',
      timeoutMs: 30_000,
    });
    await startClick(page, 'Apply');
    const timing = await result();
    runs.push(timing);
    log(`apply on 1000 pods: ${String(ms(timing.paintedMs))} ms`);
    await settle(page);
  }
  await context.close();
  return {
    pods: APPLY.pods,
    services: APPLY.services,
    policies: APPLY.policies,
    openMs: ms(open.paintedMs),
    edit: 'a Pod appended in the Manifest editor, then Apply',
    readyMs: ms(median(runs.map((t) => t.readyMs))),
    paintedMs: ms(median(runs.map((t) => t.paintedMs))),
    runsMs: runs.map((t) => ms(t.paintedMs)),
  };
}

export async function benchUi() {
  buildApp();
  const bundle = measureBundle(OUT_DIR);
  const executablePath = await findChromium();
  const loadBefore = loadavg()[0] ?? 0;
  const server = await startPreview();
  let browser: Browser | null = null;
  try {
    log(`Chromium ${executablePath}, app on ${APP_URL}`);
    browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
    const { open500, panZoom500 } = await benchOpenAndFrames(browser);
    const apply1000 = await benchApply(browser);
    const ui = {
      chromium: browser.version(),
      viewport: `${String(VIEWPORT.width)}x${String(VIEWPORT.height)}`,
      /** Other work on the machine skews these figures: the 1-minute load before and after. */
      loadAverage: [Math.round(loadBefore * 100) / 100, Math.round(loadavg()[0]! * 100) / 100],
      open500,
      panZoom500,
      apply1000,
      bundle,
    };
    return {
      ui,
      bars: {
        uiOpen500Under3s: {
          value: open500.paintedMs,
          bar: 3000,
          unit: 'ms',
          pass: open500.paintedMs < 3000,
        },
        uiPanZoom50fps: {
          value: Math.min(panZoom500.panFps, panZoom500.zoomFps),
          bar: 50,
          unit: 'fps (the lower of pan and zoom)',
          pass: panZoom500.panFps >= 50 && panZoom500.zoomFps >= 50,
        },
        uiApply1000Under500ms: {
          value: apply1000.paintedMs,
          bar: 500,
          unit: 'ms',
          pass: apply1000.paintedMs < 500,
        },
        uiInitialJsUnder400KB: {
          value: bundle.initialGzipKB,
          bar: 400,
          unit: 'KB gzipped, CodeMirror excluded',
          pass: bundle.initialGzipKB < 400 && !bundle.codemirrorInitial,
        },
      },
    };
  } finally {
    await browser?.close();
    server.kill();
  }
}
