import { describe, expect, it } from 'vitest';
import { shareUnchanged } from './stableGraph';

describe('shareUnchanged', () => {
  const a = { id: 'pod:a/one', position: { x: 1, y: 2 }, data: { pod: { ip: '10.244.1.2' } } };
  const b = { id: 'pod:a/two', position: { x: 5, y: 2 }, data: { pod: { ip: '10.244.1.3' } } };

  it('keeps the previous object when nothing changed, by value', () => {
    const next = shareUnchanged([a, b], [structuredClone(a), structuredClone(b)]);
    expect(next[0]).toBe(a);
    expect(next[1]).toBe(b);
  });

  it('takes the new object when its data, a field or its presence changed', () => {
    const moved = { ...structuredClone(a), position: { x: 9, y: 2 } };
    const newIp = { ...structuredClone(b), data: { pod: { ip: '10.244.2.9' } } };
    const added = { id: 'pod:a/three', position: { x: 0, y: 0 }, data: {} };
    const next = shareUnchanged([a, b], [moved, newIp, added]);
    expect(next[0]).toBe(moved);
    expect(next[1]).toBe(newIp);
    expect(next[2]).toBe(added);
  });

  it('notices a field that appeared or went away', () => {
    const hidden = { ...structuredClone(a), hidden: true };
    expect(shareUnchanged([a], [hidden])[0]).toBe(hidden);
    expect(shareUnchanged([hidden], [structuredClone(a)])[0]).not.toBe(hidden);
  });
});
