import type { MatrixView } from '../../worker/protocol';

/** `from→to` keys of cells whose verdict differs from the previous matrix (same port only). */
export function changedCells(
  matrix: MatrixView,
  previous: MatrixView | null | undefined,
): ReadonlySet<string> {
  const changed = new Set<string>();
  if (!previous || previous.port !== matrix.port || previous.protocol !== matrix.protocol)
    return changed;
  const before = new Map<string, number>(previous.pods.map((p, i) => [p, i]));
  matrix.pods.forEach((from, i) => {
    const bi = before.get(from);
    if (bi === undefined) return;
    matrix.pods.forEach((to, j) => {
      const bj = before.get(to);
      if (bj === undefined) return;
      if ((previous.allowed[bi]?.[bj] ?? false) !== (matrix.allowed[i]?.[j] ?? false))
        changed.add(`${from}→${to}`);
    });
  });
  return changed;
}
