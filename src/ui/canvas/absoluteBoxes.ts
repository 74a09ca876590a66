/**
 * Where each canvas node is in flow coordinates. A pod's position is relative to its Kubernetes
 * node (its parent, listed before it), so fit view, the zoomed-out overview and the allow arrows
 * all need the sum.
 */
import type { CanvasNode } from './types';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export function absoluteBoxes(nodes: readonly CanvasNode[]): ReadonlyMap<string, Box> {
  const boxes = new Map<string, Box>();
  for (const node of nodes) {
    const parent = node.parentId === undefined ? undefined : boxes.get(node.parentId);
    boxes.set(node.id, {
      x: (parent?.x ?? 0) + node.position.x,
      y: (parent?.y ?? 0) + node.position.y,
      width: node.width ?? 0,
      height: node.height ?? 0,
    });
  }
  return boxes;
}
