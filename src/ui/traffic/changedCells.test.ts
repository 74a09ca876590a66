import { describe, expect, it } from 'vitest';
import type { MatrixView } from '../../worker/protocol';
import { changedCells } from './changedCells';

const m = (pods: string[], allowed: boolean[][], port = 80): MatrixView => ({
  pods,
  port,
  protocol: 'TCP',
  enforced: true,
  allowed,
});

describe('changedCells', () => {
  it('marks the pairs an edit opened or closed, matching pods by name', () => {
    const before = m(
      ['a', 'b'],
      [
        [true, true],
        [true, true],
      ],
    );
    const after = m(
      ['b', 'a', 'c'],
      [
        [true, false, true],
        [true, true, true],
        [true, true, true],
      ],
    );
    expect([...changedCells(after, before)]).toEqual(['b→a']);
  });
  it('compares nothing across ports', () => {
    expect(changedCells(m(['a'], [[true]], 81), m(['a'], [[false]], 80)).size).toBe(0);
  });
});
