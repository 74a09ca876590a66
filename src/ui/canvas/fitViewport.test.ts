import { describe, expect, test } from 'vitest';
import { fitAroundPanels } from './fitViewport';
import type { Rect, Viewport } from './fitViewport';

const options = { margin: 8, minZoom: 0.05, maxZoom: 2.5 };
const pane = { width: 800, height: 400 };
/** The canvas's panels: search top-left, controls bottom-left, minimap bottom-right. */
const panels: Rect[] = [
  { x: 8, y: 8, width: 220, height: 30 },
  { x: 8, y: 366, width: 180, height: 26 },
  { x: 692, y: 334, width: 100, height: 58 },
];

const onScreen = (b: Rect, v: Viewport): Rect => ({
  x: b.x * v.zoom + v.x,
  y: b.y * v.zoom + v.y,
  width: b.width * v.zoom,
  height: b.height * v.zoom,
});
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function expectClearAndInside(boxes: Rect[], v: Viewport) {
  for (const box of boxes) {
    const s = onScreen(box, v);
    for (const p of panels) expect(overlaps(s, p), JSON.stringify({ box, p })).toBe(false);
    expect(s.x).toBeGreaterThanOrEqual(0);
    expect(s.y).toBeGreaterThanOrEqual(0);
    expect(s.x + s.width).toBeLessThanOrEqual(pane.width);
    expect(s.y + s.height).toBeLessThanOrEqual(pane.height);
  }
}

describe('fitAroundPanels', () => {
  test('without panels it is a plain fit with the margin, centred', () => {
    const v = fitAroundPanels([{ x: 0, y: 0, width: 1000, height: 300 }], pane, [], options);
    expect(v).toEqual({ x: 8, y: 200 - (300 * 0.784) / 2, zoom: 0.784 });
  });

  test('a picture clear of the panels when centred stays centred', () => {
    const v = fitAroundPanels([{ x: 100, y: 0, width: 600, height: 100 }], pane, panels, options);
    const zoom = 784 / 600;
    expect(v).toEqual({ x: 8 - 100 * zoom, y: (400 - 100 * zoom) / 2, zoom });
  });

  test('a wide picture slides into the free height instead of zooming out', () => {
    // Wider than the pane: the plain fit leaves 400 - 16 - 235 px of height to slide in. The box
    // in the bottom-left corner must clear the controls, the one top-left the search box.
    const boxes = [
      { x: 0, y: 60, width: 200, height: 100 },
      { x: 0, y: 200, width: 1000, height: 100 },
      { x: 820, y: 0, width: 180, height: 50 },
    ];
    const v = fitAroundPanels(boxes, pane, panels, options)!;
    expect(v.zoom).toBeCloseTo(0.784, 3);
    expectClearAndInside(boxes, v);
  });

  test('a picture with content in every corner zooms out until the panels are clear', () => {
    const boxes = [
      { x: 0, y: 0, width: 100, height: 100 },
      { x: 900, y: 0, width: 100, height: 100 },
      { x: 0, y: 400, width: 100, height: 100 },
      { x: 900, y: 400, width: 100, height: 100 },
    ];
    const v = fitAroundPanels(boxes, pane, panels, options)!;
    // Less than the plain fit (0.784), more than padding the top by the search box (8 + 30 + 8)
    // and the bottom by the minimap (400 - 334 + 8): narrower, the picture slides sideways.
    expect(v.zoom).toBeLessThan(0.75);
    expect(v.zoom).toBeGreaterThan((400 - 46 - 74) / 500);
    expectClearAndInside(boxes, v);
  });

  test('the same input gives the same viewport; nothing to fit gives null', () => {
    const boxes = [{ x: 5, y: 5, width: 50, height: 50 }];
    expect(fitAroundPanels(boxes, pane, panels, options)).toEqual(
      fitAroundPanels(boxes, pane, panels, options),
    );
    expect(fitAroundPanels([], pane, panels, options)).toBeNull();
    expect(fitAroundPanels(boxes, { width: 0, height: 0 }, panels, options)).toBeNull();
  });
});
