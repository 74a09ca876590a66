import { describe, expect, test } from 'vitest';
import demoYaml from '../lessons/demo.yaml?raw';
import { simulate } from './simulate';

describe('simulate on the demo scenario', () => {
  const view = simulate({
    files: [{ file: 'demo.yaml', content: demoYaml }],
    matrix: { port: 80, protocol: 'TCP' },
  });

  test('the demo is clean and enforces policy', () => {
    expect(view.diagnostics.map((d) => d.text)).toEqual([]);
    expect(view.cniPlugin).toBe('canal');
    expect(view.enforcesPolicy).toBe(true);
    expect(view.policyCount).toBe(2);
  });

  test('three default nodes, every pod scheduled with an IP from its node range', () => {
    expect(view.nodes.map((n) => n.name)).toEqual(['control-plane', 'worker-1', 'worker-2']);
    for (const pod of view.pods) {
      const node = view.nodes.find((n) => n.name === pod.node);
      expect(node, pod.key).toBeDefined();
      const prefix = node!.podCIDR.replace(/0\/24$/, '');
      expect(pod.ip?.startsWith(prefix), `${pod.key} ${String(pod.ip)}`).toBe(true);
    }
    const keys = view.pods.filter((p) => !p.isSystem).map((p) => p.key);
    expect(keys.filter((k) => k.startsWith('shop/frontend-'))).toHaveLength(2);
    expect(keys.filter((k) => k.startsWith('shop/backend-'))).toHaveLength(2);
    expect(keys).toContain('data/db');
    expect(keys).toContain('default/static-site');
    expect(view.pods.find((p) => p.key === 'default/static-site')?.containers).toEqual([
      'nginx',
      'writer',
    ]);
  });

  test('matrix on TCP 80: data is default-deny, everything else is open', () => {
    const { pods, allowed } = view.matrix;
    expect(pods).not.toContain(expect.stringMatching(/^kube-system\//));
    const db = pods.indexOf('data/db');
    expect(db).toBeGreaterThanOrEqual(0);
    pods.forEach((from, i) => {
      pods.forEach((to, j) => {
        const expected = j !== db || i === db;
        expect(allowed[i]?.[j], `${from} → ${to}`).toBe(expected);
      });
    });
  });

  test('on TCP 5432 only the backend pods (and db itself) reach db', () => {
    const onDbPort = simulate({
      files: [{ file: 'demo.yaml', content: demoYaml }],
      matrix: { port: 5432, protocol: 'TCP' },
    });
    const { pods, allowed } = onDbPort.matrix;
    const db = pods.indexOf('data/db');
    const admitted = pods.filter((_, i) => allowed[i]?.[db]);
    expect(admitted).toEqual([...pods.filter((p) => p.startsWith('shop/backend-')), 'data/db']);
  });
});
