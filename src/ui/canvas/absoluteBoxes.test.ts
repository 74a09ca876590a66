import { describe, expect, it } from 'vitest';
import { absoluteBoxes } from './absoluteBoxes';
import type { CanvasNode } from './types';

describe('absoluteBoxes', () => {
  it("adds a child's position to its parent's", () => {
    const nodes = [
      { id: 'node:w1', type: 'kubeNode', position: { x: 100, y: 400 }, width: 300, height: 200 },
      {
        id: 'pod:a/p',
        type: 'pod',
        parentId: 'node:w1',
        position: { x: 12, y: 30 },
        width: 190,
        height: 60,
      },
    ] as unknown as CanvasNode[];
    expect([...absoluteBoxes(nodes)]).toEqual([
      ['node:w1', { x: 100, y: 400, width: 300, height: 200 }],
      ['pod:a/p', { x: 112, y: 430, width: 190, height: 60 }],
    ]);
  });
});
