/**
 * Code that runs inside the page, kept as source text: the bench is type-checked for Node (no DOM
 * lib), and these few lines only make sense in the browser. Times are taken there with
 * performance.now(), so Playwright's polling never adds to a figure.
 */
import type { Page } from '@playwright/test';

export interface PageTiming {
  /** From the start until the DOM shows the change on screen (checked on every mutation batch). */
  readonly readyMs: number;
  /** Until the frame that shows it has been painted (a task queued from its animation frame). */
  readonly paintedMs: number;
}

interface WatchOptions {
  /** CSS selector that must match at least `count` elements. */
  readonly selector: string;
  readonly count: number;
  /** …all inside this element's box: on screen, after the canvas has been fitted. */
  readonly within: string;
  /** `change`: the clock starts at the next change event (a file picked); `manual`: see startClick. */
  readonly start: 'change' | 'manual';
  readonly timeoutMs: number;
}

const WATCH = `(o) => {
  window.__k8snetWatch = new Promise((resolve, reject) => {
    let t0 = null;
    const isReady = () => {
      const found = document.querySelectorAll(o.selector);
      const box = document.querySelector(o.within)?.getBoundingClientRect();
      if (found.length < o.count || !box) return false;
      for (const el of found) {
        const r = el.getBoundingClientRect();
        if (r.left < box.left - 1 || r.top < box.top - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1) return false;
      }
      return true;
    };
    const check = () => {
      if (t0 === null || !isReady()) return;
      const readyMs = performance.now() - t0;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => setTimeout(() => resolve({ readyMs, paintedMs: performance.now() - t0 })));
    };
    const observer = new MutationObserver(check);
    // Nodes added, and the viewport's transform (fitView) changing.
    observer.observe(document.body, { childList: true, subtree: true, attributeFilter: ['style'] });
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('timed out waiting for ' + o.selector)); }, o.timeoutMs);
    const start = () => { t0 = performance.now(); check(); };
    if (o.start === 'change') document.addEventListener('change', start, { capture: true, once: true });
    else window.__k8snetStart = start;
  });
}`;

/** Arms a watcher in the page; `result` waits for its timing. */
export async function watch(page: Page, options: WatchOptions): Promise<() => Promise<PageTiming>> {
  await page.evaluate(`(${WATCH})(${JSON.stringify(options)})`);
  return () => page.evaluate<PageTiming>('window.__k8snetWatch');
}

/** Starts a `manual` watcher's clock and clicks the button with this text, in one page task. */
export async function startClick(page: Page, buttonText: string): Promise<void> {
  await page.evaluate(`(() => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === ${JSON.stringify(buttonText)});
    if (!button) throw new Error('no button ' + ${JSON.stringify(buttonText)});
    window.__k8snetStart();
    button.click();
  })()`);
}

/** Two animation frames and a pause: the page has drawn and is idle again. */
export async function settle(page: Page, ms = 500): Promise<void> {
  await page.evaluate(
    `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, ${String(ms)}))))`,
  );
}

export interface CanvasState {
  readonly zoom: number;
  readonly domElements: number;
  readonly flowNodes: number;
  readonly flowEdges: number;
  /** A point on the empty pane (a drag there pans), and the canvas centre (for the wheel). */
  readonly pane: { readonly x: number; readonly y: number } | null;
  readonly centre: { readonly x: number; readonly y: number };
}

export async function canvasState(page: Page): Promise<CanvasState> {
  return page.evaluate<CanvasState>(`(() => {
    const flow = document.querySelector('.react-flow');
    const r = flow.getBoundingClientRect();
    const transform = document.querySelector('.react-flow__viewport').style.transform;
    let pane = null;
    // Room for the pan's circle (radius 120, left of the point) inside the canvas.
    for (let y = r.top + 130; y < r.bottom - 130 && !pane; y += 8)
      for (let x = r.left + 250; x < r.right - 10 && !pane; x += 8)
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) pane = { x, y };
    return {
      zoom: Number(/scale\\(([^)]+)\\)/.exec(transform)?.[1] ?? NaN),
      domElements: document.getElementsByTagName('*').length,
      flowNodes: document.querySelectorAll('.react-flow__node').length,
      flowEdges: document.querySelectorAll('.react-flow__edge').length,
      pane,
      centre: { x: r.left + r.width / 2, y: r.top + r.height / 2 },
    };
  })()`);
}
