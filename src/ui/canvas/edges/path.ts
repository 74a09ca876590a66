/** SVG paths for the canvas's routed edges: polylines with rounded corners. */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Drops repeated points and points on a straight line between their neighbours. */
function simplify(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) < 0.5 && Math.abs(last.y - p.y) < 0.5) continue;
    const before = out[out.length - 2];
    if (
      before &&
      last &&
      ((Math.abs(before.x - last.x) < 0.5 && Math.abs(last.x - p.x) < 0.5) ||
        (Math.abs(before.y - last.y) < 0.5 && Math.abs(last.y - p.y) < 0.5))
    )
      out.pop();
    out.push(p);
  }
  return out;
}

/** `M … L … Q …`: straight runs joined by quarter curves of up to `radius`. */
export function roundedPath(points: readonly Point[], radius = 6): string {
  const pts = simplify(points);
  const first = pts[0];
  if (!first) return '';
  let d = `M ${String(first.x)} ${String(first.y)}`;
  for (let i = 1; i < pts.length; i++) {
    const p = pts[i]!;
    const next = pts[i + 1];
    if (!next) {
      d += ` L ${String(p.x)} ${String(p.y)}`;
      break;
    }
    const prev = pts[i - 1]!;
    const r = Math.min(
      radius,
      Math.hypot(p.x - prev.x, p.y - prev.y) / 2,
      Math.hypot(next.x - p.x, next.y - p.y) / 2,
    );
    const into = { x: p.x - Math.sign(p.x - prev.x) * r, y: p.y - Math.sign(p.y - prev.y) * r };
    const out = { x: p.x + Math.sign(next.x - p.x) * r, y: p.y + Math.sign(next.y - p.y) * r };
    d += ` L ${String(into.x)} ${String(into.y)} Q ${String(p.x)} ${String(p.y)} ${String(out.x)} ${String(out.y)}`;
  }
  return d;
}

/**
 * Service → endpoint: down to the Service's lane, across to the gutter lane `gutter` px left of
 * the target (right of it when negative), down the gutter and into the target's side; straight
 * down into the target when `gutter` is 0.
 */
export function endpointRoute(
  source: Point,
  target: Point,
  busDrop: number,
  gutter: number,
): { points: Point[]; bus: Point } {
  const busY = Math.max(source.y + 12, target.y - busDrop);
  const gx = target.x - gutter;
  return {
    points: [source, { x: source.x, y: busY }, { x: gx, y: busY }, { x: gx, y: target.y }, target],
    bus: { x: gx, y: busY },
  };
}
