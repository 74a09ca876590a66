/**
 * Fit view that keeps the canvas's own panels (search box, controls, minimap, attribution) off the
 * picture. React Flow's fit view centres the nodes with one padding all round, so at a projector's
 * 1280×720 the panels in the corners cover the Internet node or a pod's status. Padding each side
 * by its panels would always work but wastes the height the corners' empty space could give; so
 * this tries the plain fit first, slides the picture within the room it leaves, and only then
 * zooms out step by step, down to the padded fit as the last resort. Pure and deterministic: the
 * same boxes, pane and panels give the same viewport.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

export interface FitOptions {
  /** Screen pixels kept clear around the picture and around each panel. */
  readonly margin: number;
  readonly minZoom: number;
  readonly maxZoom: number;
}

/** Each zoom-out step keeps this share of the zoom before it. */
const ZOOM_STEP = 0.97;
/** Positions tried per axis, from one end of the free room to the other. */
const SLIDE_STEPS = 8;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function boundsOf(boxes: readonly Rect[]): Rect {
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: left, y: top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Offsets from `min` to `max`, nearest the middle first. */
function slides(min: number, max: number): number[] {
  if (max <= min) return [(min + max) / 2];
  const middle = (min + max) / 2;
  const all = Array.from(
    { length: SLIDE_STEPS + 1 },
    (_, k) => min + ((max - min) * k) / SLIDE_STEPS,
  );
  return [middle, ...all].sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle));
}

/**
 * The viewport that shows every box as large as it can while no box lies under a panel. `boxes`
 * are in flow units, `pane` and `panels` in screen pixels relative to the pane. Null when there is
 * nothing to fit or the pane has no size yet.
 */
export function fitAroundPanels(
  boxes: readonly Rect[],
  pane: { readonly width: number; readonly height: number },
  panels: readonly Rect[],
  { margin, minZoom, maxZoom }: FitOptions,
): Viewport | null {
  if (boxes.length === 0 || pane.width <= 0 || pane.height <= 0) return null;
  const bounds = boundsOf(boxes);
  const innerWidth = Math.max(1, pane.width - 2 * margin);
  const innerHeight = Math.max(1, pane.height - 2 * margin);
  const clear = panels.map((p) => ({
    x: p.x - margin / 2,
    y: p.y - margin / 2,
    width: p.width + margin,
    height: p.height + margin,
  }));
  const viewportAt = (zoom: number, left: number, top: number): Viewport => ({
    x: left - bounds.x * zoom,
    y: top - bounds.y * zoom,
    zoom,
  });

  // The last resort: the panels in the top half pad the top, those in the bottom half the bottom.
  let padTop = margin;
  let padBottom = margin;
  for (const p of panels) {
    if (p.y + p.height / 2 < pane.height / 2) padTop = Math.max(padTop, p.y + p.height + margin);
    else padBottom = Math.max(padBottom, pane.height - p.y + margin);
  }
  const paddedHeight = Math.max(1, pane.height - padTop - padBottom);
  const safeZoom = clamp(
    Math.min(innerWidth / bounds.width, paddedHeight / bounds.height),
    minZoom,
    maxZoom,
  );

  const fullZoom = clamp(
    Math.min(innerWidth / bounds.width, innerHeight / bounds.height),
    minZoom,
    maxZoom,
  );
  // At least once, so a picture its width limits is still centred when the panels allow it.
  for (let zoom = fullZoom; zoom >= safeZoom; zoom *= ZOOM_STEP) {
    const width = bounds.width * zoom;
    const height = bounds.height * zoom;
    const lefts = slides(margin, pane.width - margin - width);
    const tops = slides(margin, pane.height - margin - height);
    const centre = { x: lefts[0] ?? margin, y: tops[0] ?? margin };
    const places = lefts
      .flatMap((left) => tops.map((top) => ({ left, top })))
      .sort(
        (a, b) =>
          Math.hypot(a.left - centre.x, a.top - centre.y) -
          Math.hypot(b.left - centre.x, b.top - centre.y),
      );
    for (const { left, top } of places) {
      const isClear = boxes.every((b) => {
        const onScreen = {
          x: left + (b.x - bounds.x) * zoom,
          y: top + (b.y - bounds.y) * zoom,
          width: b.width * zoom,
          height: b.height * zoom,
        };
        return clear.every((p) => !overlaps(onScreen, p));
      });
      if (isClear) return viewportAt(zoom, left, top);
    }
  }
  const width = bounds.width * safeZoom;
  const height = bounds.height * safeZoom;
  return viewportAt(
    safeZoom,
    margin + (innerWidth - width) / 2,
    padTop + (paddedHeight - height) / 2,
  );
}
