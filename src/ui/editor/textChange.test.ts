import { describe, expect, it } from 'vitest';
import { minimalChange } from './textChange';

function apply(before: string, after: string): string {
  const change = minimalChange(before, after);
  if (!change) return before;
  return before.slice(0, change.from) + change.insert + before.slice(change.to);
}

describe('minimalChange', () => {
  it('is null for equal texts', () => {
    expect(minimalChange('a: 1\n', 'a: 1\n')).toBeNull();
  });

  it('replaces only the part that differs', () => {
    const before = 'metadata:\n  labels:\n    app: web\n';
    const after = 'metadata:\n  labels:\n    app: api\n';
    expect(minimalChange(before, after)).toEqual({ from: 29, to: 32, insert: 'api' });
  });

  it('describes pure insertions and deletions', () => {
    expect(minimalChange('ab', 'aXb')).toEqual({ from: 1, to: 1, insert: 'X' });
    expect(minimalChange('aXb', 'ab')).toEqual({ from: 1, to: 2, insert: '' });
    expect(minimalChange('', 'new')).toEqual({ from: 0, to: 0, insert: 'new' });
  });

  it('handles repeated characters at the seam', () => {
    expect(apply('aaa', 'aaaa')).toBe('aaaa');
    expect(minimalChange('aaa', 'aaaa')).toEqual({ from: 3, to: 3, insert: 'a' });
  });

  it('never splits a surrogate pair', () => {
    // 😀 and 😁 share their high surrogate.
    const change = minimalChange('x😀y', 'x😁y');
    expect(change).toEqual({ from: 1, to: 3, insert: '😁' });
  });

  it('always turns the first text into the second', () => {
    const cases = [
      ['', ''],
      ['abc', ''],
      ['', 'abc'],
      ['abcabc', 'abc'],
      ['kind: Pod\n', 'kind: Service\n'],
      ['a\nb\nc\n', 'a\nc\n'],
    ] as const;
    for (const [before, after] of cases) expect(apply(before, after)).toBe(after);
  });
});
