import { describe, expect, it } from 'vitest';
import { groupByNamespace, splitPodKey } from './matrixLayout';

describe('groupByNamespace', () => {
  it('puts a namespace in one block, in order of first appearance, and marks where blocks start', () => {
    const layout = groupByNamespace(['shop/a', 'data/db', 'shop/b', 'default/web', 'data/cache']);
    expect(layout.order).toEqual([0, 2, 1, 4, 3]);
    expect(layout.isGroupStart).toEqual([false, false, true, false, true]);
  });
  it('keeps an already grouped list as it is', () => {
    expect(groupByNamespace(['shop/a', 'shop/b', 'data/db']).order).toEqual([0, 1, 2]);
    expect(groupByNamespace([])).toEqual({ order: [], isGroupStart: [] });
  });
});

describe('splitPodKey', () => {
  it('keeps the replica suffix of a generated name apart', () => {
    expect(splitPodKey('shop/frontend-fwzbs4km55-hqnmt')).toEqual({
      namespace: 'shop/',
      head: 'frontend-fwzbs4km55',
      tail: '-hqnmt',
    });
  });
  it('leaves names without a short suffix whole', () => {
    expect(splitPodKey('data/db')).toEqual({ namespace: 'data/', head: 'db', tail: '' });
    expect(splitPodKey('default/static-website')).toEqual({
      namespace: 'default/',
      head: 'static-website',
      tail: '',
    });
    expect(splitPodKey('default/static-site')).toEqual({
      namespace: 'default/',
      head: 'static',
      tail: '-site',
    });
  });
});
