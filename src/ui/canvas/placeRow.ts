/** One row of boxes placed over what they connect to (the barycentre heuristic of layered layout). */

export const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface RowItem<T> {
  readonly item: T;
  readonly width: number;
  /** The x the box's centre would like (the mean x of what it connects to), or null. */
  readonly wanted: number | null;
  readonly key: string;
}

/**
 * Left to right, each box as close to its wanted centre as it may get without overlapping the one
 * before it; boxes with no wish (a Service without endpoints) follow in key order. Then a pass from
 * the right pulls boxes back so that crowding at one end does not push the row past `maxRight`
 * while there is room on its left. Deterministic: ties break on `key`.
 */
export function placeRow<T>(
  items: readonly RowItem<T>[],
  gap: number,
  minX: number,
  maxRight: number,
): { item: T; x: number; width: number }[] {
  const sorted = [...items].sort((a, b) => {
    if (a.wanted !== null && b.wanted !== null && a.wanted !== b.wanted) return a.wanted - b.wanted;
    if (a.wanted === null && b.wanted !== null) return 1;
    if (a.wanted !== null && b.wanted === null) return -1;
    return byKey(a.key, b.key);
  });
  let cursor = minX;
  const placed = sorted.map((r) => {
    const x = Math.max(cursor, r.wanted === null ? cursor : r.wanted - r.width / 2);
    cursor = x + r.width + gap;
    return { item: r.item, x, width: r.width };
  });
  const needed = sorted.reduce((w, r) => w + r.width + gap, -gap);
  let limit = Math.max(maxRight, minX + needed);
  for (let i = placed.length - 1; i >= 0; i--) {
    const p = placed[i]!;
    p.x = Math.min(p.x, limit - p.width);
    limit = p.x - gap;
  }
  return placed;
}

export const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
