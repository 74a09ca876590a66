import { describe, expect, it } from 'vitest';
import { allowEdges } from './allowEdges';

describe('allowEdges', () => {
  it('joins the rules and directions of one client → server pair into one labelled arrow', () => {
    const edges = allowEdges([
      {
        from: 'pod:shop/api',
        to: 'pod:data/db',
        direction: 'ingress',
        rule: 0,
        ports: ['TCP/5432'],
      },
      {
        from: 'pod:shop/api',
        to: 'pod:data/db',
        direction: 'egress',
        rule: 1,
        ports: ['TCP/5432'],
      },
      { from: 'pod:shop/web', to: 'pod:data/db', direction: 'ingress', rule: 1, ports: null },
      {
        from: 'pod:data/db',
        to: 'external:internet',
        direction: 'egress',
        rule: 0,
        ports: ['UDP/53', 'TCP/53'],
      },
    ]);
    expect(
      edges.map((e) => [e.id, e.sourceHandle, e.targetHandle, e.data?.label, e.data?.directions]),
    ).toEqual([
      ['allow:pod:shop/api->pod:data/db', 'connect', 'left', 'TCP/5432', ['egress', 'ingress']],
      ['allow:pod:shop/web->pod:data/db', 'connect', 'left', 'any port', ['ingress']],
      ['allow:pod:data/db->external:internet', 'connect', 'in', 'UDP/53, TCP/53', ['egress']],
    ]);
  });

  it('enters a pod from the side that faces the client', () => {
    const x: Record<string, number> = { 'pod:a/left': 100, 'pod:a/right': 400 };
    const edges = allowEdges(
      [
        { from: 'pod:a/right', to: 'pod:a/left', direction: 'ingress', rule: 0, ports: ['TCP/80'] },
        { from: 'pod:a/left', to: 'pod:a/right', direction: 'ingress', rule: 0, ports: ['TCP/80'] },
      ],
      (id) => x[id],
    );
    expect(edges.map((e) => e.targetHandle)).toEqual(['right', 'left']);
  });

  it('drops the labels when there are too many arrows to read them', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      from: `pod:a/p${String(i)}`,
      to: 'pod:a/server',
      direction: 'ingress' as const,
      rule: 0,
      ports: ['TCP/80'],
    }));
    const edges = allowEdges(many);
    expect(edges).toHaveLength(30);
    expect(edges.every((e) => e.data?.label === null)).toBe(true);
  });
});
