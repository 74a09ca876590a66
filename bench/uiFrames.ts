/**
 * Frame rate as DESIGN.md defines it: what Chromium draws (`DrawFrame` events in a performance
 * trace), not how often requestAnimationFrame fires, while input arrives faster than 60 Hz.
 * Input goes through CDP (`Input.dispatchMouseEvent`), so it takes the browser's real input path:
 * hit testing, coalescing of moves and wheel ticks per frame, and the wait on d3-zoom's
 * non-passive wheel listener. The trace also gives the renderer main thread's time by task kind,
 * which says where a slow frame went (script, style, layout, paint).
 */
import type { CDPSession, Page } from '@playwright/test';

export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: {
    readonly name?: string;
    readonly data?: { readonly message?: string; readonly type?: string };
  };
}

interface MouseParams {
  readonly type: 'mousePressed' | 'mouseReleased' | 'mouseMoved' | 'mouseWheel';
  readonly x: number;
  readonly y: number;
  readonly button?: 'left' | 'none';
  readonly buttons?: number;
  readonly clickCount?: number;
  readonly deltaX?: number;
  readonly deltaY?: number;
}

export interface FrameFigures {
  readonly fps: number;
  readonly frames: number;
  readonly windowMs: number;
  /** How fast the bench sent input, and how many events the page handled after coalescing. */
  readonly inputSentHz: number;
  readonly inputHandled: number;
  readonly medianFrameMs: number;
  readonly worstFrameMs: number;
  /** Share of the window the renderer main thread was busy, and its self time by task kind. */
  readonly mainThreadBusyPct: number;
  readonly mainThreadMs: Readonly<Record<string, number>>;
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'toplevel',
].join(',');
/** 8 ms between events: 125 Hz, a common mouse report rate, well over the 60 Hz of the bar. */
const INPUT_PERIOD_MS = 8;
const START = 'k8snet:input-start';
const END = 'k8snet:input-end';

const round = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, Math.max(0, ms));
  });

/** Records a trace around `work`, with markers from the page itself just before and after. */
async function traceWhile(
  cdp: CDPSession,
  page: Page,
  work: () => Promise<number>,
): Promise<{ events: TraceEvent[]; sentHz: number }> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }) => {
    events.push(...(e.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise<void>((resolve) => {
    cdp.once('Tracing.tracingComplete', () => {
      resolve();
    });
  });
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await page.evaluate(`console.timeStamp(${JSON.stringify(START)})`);
  const sentHz = await work();
  await page.evaluate(`console.timeStamp(${JSON.stringify(END)})`);
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  return { events, sentHz };
}

/** Sends `event(t)` every 8 ms for `ms`, not waiting for each to be handled (input queues up). */
async function drive(
  cdp: CDPSession,
  ms: number,
  event: (elapsedMs: number, index: number) => MouseParams,
): Promise<number> {
  const pending: Promise<unknown>[] = [];
  const t0 = performance.now();
  let i = 0;
  for (; performance.now() - t0 < ms; i++) {
    pending.push(cdp.send('Input.dispatchMouseEvent', event(performance.now() - t0, i)));
    await sleep(t0 + (i + 1) * INPUT_PERIOD_MS - performance.now());
  }
  const sentHz = (i / (performance.now() - t0)) * 1000;
  await Promise.all(pending);
  return sentHz;
}

/** Drags the pane around a circle (one turn a second), so the picture ends where it began. */
export async function measurePan(
  cdp: CDPSession,
  page: Page,
  from: { readonly x: number; readonly y: number },
  ms: number,
): Promise<FrameFigures> {
  const radius = 120;
  const { events, sentHz } = await traceWhile(cdp, page, async () => {
    const left = { type: 'mousePressed', button: 'left', buttons: 1, clickCount: 1 } as const;
    await cdp.send('Input.dispatchMouseEvent', { ...left, ...from });
    const driven = await drive(cdp, ms, (t) => {
      const angle = (2 * Math.PI * t) / 1000;
      return {
        type: 'mouseMoved',
        button: 'left',
        buttons: 1,
        x: from.x - radius + radius * Math.cos(angle),
        y: from.y + radius * Math.sin(angle),
      };
    });
    await cdp.send('Input.dispatchMouseEvent', { ...left, ...from, type: 'mouseReleased' });
    return driven;
  });
  return analyzeFrames(events, ['mousemove'], sentHz);
}

/**
 * Wheel ticks at one point: 20 out, 20 in, over and over, so the zoom swings between the
 * starting zoom and about 0.76 of it (d3-zoom: 2^(-deltaY × 0.002) a tick) and never gets
 * closer in than where it started: every element that was on screen stays on screen. (Chromium
 * coalesces queued ticks, so the swing is not exact; the caller reports the zoom at the end.)
 */
export async function measureZoom(
  cdp: CDPSession,
  page: Page,
  at: { readonly x: number; readonly y: number },
  ms: number,
): Promise<FrameFigures> {
  const { events, sentHz } = await traceWhile(cdp, page, () =>
    drive(cdp, ms, (_t, i) => ({
      type: 'mouseWheel',
      ...at,
      deltaX: 0,
      deltaY: Math.floor(i / 20) % 2 === 0 ? 10 : -10,
    })),
  );
  return analyzeFrames(events, ['wheel'], sentHz);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Frames drawn by the page's renderer between the two markers, and its main thread's time. */
export function analyzeFrames(
  events: readonly TraceEvent[],
  inputTypes: readonly string[],
  sentHz: number,
): FrameFigures {
  const marker = (m: string) =>
    events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === m);
  const start = marker(START);
  const end = marker(END);
  if (!start || !end) throw new Error('trace has no input markers');
  const pid = start.pid;
  const inWindow = (e: TraceEvent) => e.pid === pid && e.ts >= start.ts && e.ts <= end.ts;
  const draws = events
    .filter((e) => e.name === 'DrawFrame' && inWindow(e))
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const gaps = draws.slice(1).map((ts, i) => (ts - draws[i]!) / 1000);
  const windowMs = (end.ts - start.ts) / 1000;
  const main = events.find(
    (e) =>
      e.ph === 'M' &&
      e.name === 'thread_name' &&
      e.pid === pid &&
      e.args?.name === 'CrRendererMain',
  );
  const onMain = events.filter(
    (e) => inWindow(e) && e.tid === (main?.tid ?? start.tid) && e.ph === 'X' && e.dur !== undefined,
  );
  const self = selfTimes(onMain);
  const busy = onMain
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask')
    .reduce((n, e) => n + (e.dur ?? 0), 0);
  const top = Object.entries(self)
    .filter(([name]) => name !== 'ThreadControllerImpl::RunTask')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([name, us]) => [name, round(us / 1000)] as const);
  return {
    fps: round((draws.length / windowMs) * 1000),
    frames: draws.length,
    windowMs: round(windowMs),
    inputSentHz: round(sentHz),
    inputHandled: events.filter(
      (e) =>
        e.name === 'EventDispatch' && inWindow(e) && inputTypes.includes(e.args?.data?.type ?? ''),
    ).length,
    medianFrameMs: round(median(gaps)),
    worstFrameMs: round(Math.max(0, ...gaps)),
    mainThreadBusyPct: round((busy / 1000 / windowMs) * 100),
    mainThreadMs: Object.fromEntries(top),
  };
}

/** Self time (µs) by event name: each complete event's duration less its children's. */
function selfTimes(events: readonly TraceEvent[]): Record<string, number> {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self: Record<string, number> = {};
  const stack: TraceEvent[] = [];
  for (const e of sorted) {
    while (
      stack.length > 0 &&
      stack[stack.length - 1]!.ts + (stack[stack.length - 1]!.dur ?? 0) <= e.ts
    )
      stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self[parent.name] = (self[parent.name] ?? 0) - (e.dur ?? 0);
    self[e.name] = (self[e.name] ?? 0) + (e.dur ?? 0);
    stack.push(e);
  }
  return self;
}
