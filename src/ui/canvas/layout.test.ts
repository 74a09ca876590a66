import { describe, expect, test } from 'vitest';
import demoYaml from '../../lessons/demo.yaml?raw';
import { generateScenario } from '../../../bench/generate';
import { simulate } from '../../worker/simulate';
import type { SimulationView } from '../../worker/protocol';
import { EXTERNAL_ID, UNSCHEDULED_ID, layoutCluster, podColumns } from './layout';
import type { CanvasGraph, CanvasNode } from './types';

const run = (content: string, file = 'test.yaml'): SimulationView =>
  simulate({ files: [{ file, content }], matrix: { port: 80, protocol: 'TCP' } });

const positions = (graph: CanvasGraph) =>
  Object.fromEntries(graph.nodes.map((n) => [n.id, [n.position.x, n.position.y]]));

const byId = (graph: CanvasGraph) => new Map(graph.nodes.map((n) => [n.id, n] as const));

/** Absolute box of a top-level node. */
const box = (n: CanvasNode) => ({
  x: n.position.x,
  y: n.position.y,
  right: n.position.x + (n.width ?? 0),
  bottom: n.position.y + (n.height ?? 0),
});

const overlaps = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) =>
  a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom;

/** Every pod inside its node's box, and no two pods of one node overlapping. */
function expectPodsInsideTheirNodes(graph: CanvasGraph, view: SimulationView) {
  const nodes = byId(graph);
  const pods = graph.nodes.filter((n) => n.type === 'pod');
  expect(pods).toHaveLength(view.pods.length);
  for (const pod of pods) {
    const expectedParent =
      pod.data.pod.node === null ? UNSCHEDULED_ID : `node:${pod.data.pod.node}`;
    expect(pod.parentId, pod.id).toBe(expectedParent);
    expect(pod.extent).toBe('parent');
    const parent = nodes.get(expectedParent)!;
    // Parents come first: React Flow needs a parent before its children.
    expect(graph.nodes.indexOf(parent)).toBeLessThan(graph.nodes.indexOf(pod));
    expect(pod.position.x, pod.id).toBeGreaterThanOrEqual(0);
    expect(pod.position.y, pod.id).toBeGreaterThanOrEqual(0);
    expect(pod.position.x + pod.width!, pod.id).toBeLessThanOrEqual(parent.width!);
    expect(pod.position.y + pod.height!, pod.id).toBeLessThanOrEqual(parent.height!);
  }
  const siblings = new Map<string | undefined, CanvasNode[]>();
  for (const pod of pods) siblings.set(pod.parentId, [...(siblings.get(pod.parentId) ?? []), pod]);
  for (const list of siblings.values())
    for (const [i, a] of list.entries())
      for (const b of list.slice(i + 1))
        expect(overlaps(box(a), box(b)), `${a.id} overlaps ${b.id}`).toBe(false);
}

describe('layoutCluster on the demo', () => {
  const view = run(demoYaml, 'demo.yaml');
  const graph = layoutCluster(view);
  const nodes = byId(graph);

  test('node ids are the canvas ids of DESIGN.md', () => {
    const ids = graph.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'external:internet',
      'node:control-plane',
      'node:worker-1',
      'node:worker-2',
      'pod:data/db',
      'pod:default/static-site',
      'service:shop/frontend',
      'service:shop/backend',
      'service:data/db',
      'service:kube-system/kube-dns',
      'service:default/kubernetes',
      'ingress:shop/shop',
      'networkpolicy:data/default-deny-ingress',
      'networkpolicy:data/db-allow-backend',
    ])
      expect(ids).toContain(id);
    expect(ids.filter((id) => /^pod:shop\/frontend-[a-z0-9]+-[a-z0-9]+$/.test(id))).toHaveLength(2);
    for (const id of ids)
      expect(id).toMatch(
        /^(node:[^/]+|(pod|service|ingress|networkpolicy):[^/]+\/[^/]+|external:internet)$/,
      );
  });

  test('the same view, or the same manifests simulated again, lay out the same', () => {
    expect(positions(layoutCluster(view))).toEqual(positions(graph));
    expect(positions(layoutCluster(run(demoYaml, 'demo.yaml')))).toEqual(positions(graph));
    expect(layoutCluster(view).edges).toEqual(graph.edges);
  });

  test('pods sit inside their node, nodes side by side in view order', () => {
    expectPodsInsideTheirNodes(graph, view);
    const [cp, w1, w2] = ['control-plane', 'worker-1', 'worker-2'].map((n) =>
      nodes.get(`node:${n}`)!,
    );
    expect(box(cp!).right).toBeLessThan(box(w1!).x);
    expect(box(w1!).right).toBeLessThan(box(w2!).x);
    expect(cp!.position.y).toBe(w1!.position.y);
    expect(nodes.get('pod:data/db')!.parentId).toBe('node:worker-1');
  });

  test('tiers: Internet and Ingress on top, Services under them, nodes at the bottom', () => {
    const internet = box(nodes.get(EXTERNAL_ID)!);
    const ingress = box(nodes.get('ingress:shop/shop')!);
    const services = graph.nodes.filter((n) => n.type === 'service').map(box);
    const node = box(nodes.get('node:worker-1')!);
    expect(services).toHaveLength(6);
    for (const s of services) {
      expect(s.y).toBeGreaterThan(Math.max(internet.bottom, ingress.bottom));
      expect(s.bottom).toBeLessThan(node.y);
    }
    const top = graph.nodes.filter((n) => !n.parentId).map(box);
    for (const [i, a] of top.entries())
      for (const b of top.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
    // Internet just left of the Ingress, the Ingress over its two backends.
    expect(internet.right).toBeLessThan(ingress.x);
    const frontend = box(nodes.get('service:shop/frontend')!);
    const backend = box(nodes.get('service:shop/backend')!);
    const centre = (ingress.x + ingress.right) / 2;
    expect(centre).toBeGreaterThan(Math.min(frontend.x, backend.x));
    expect(centre).toBeLessThan(Math.max(frontend.right, backend.right));
  });

  test('edges: endpoints labelled port → targetPort, ingress paths, the Internet', () => {
    const edges = new Map(graph.edges.map((e) => [e.id, e] as const));
    const backendPods = view.pods.filter((p) => p.key.startsWith('shop/backend-'));
    const backendEdges = backendPods.map((p) =>
      edges.get(`endpoint:service:shop/backend->pod:${p.key}`)!,
    );
    expect(backendEdges.map((e) => e.type)).toEqual(['endpoint', 'endpoint']);
    // Both say the same, so the label is drawn once, under the Service.
    expect(backendEdges.map((e) => e.data?.label).sort()).toEqual(['80 → 5678', null]);
    expect(edges.get('endpoint:service:data/db->pod:data/db')?.data?.label).toBe('5432 → 5432');
    // The API server's Service points at the control-plane node, not at a pod.
    expect(edges.get('endpoint:service:default/kubernetes->node:control-plane')?.data?.label).toBe(
      '443 → 6443',
    );
    expect(edges.get('route:ingress:shop/shop->service:shop/frontend')?.data?.label).toBe('/web');
    expect(edges.get('route:ingress:shop/shop->service:shop/backend')?.data?.label).toBe('/api');
    expect(edges.get('external:ingress:shop/shop')?.source).toBe(EXTERNAL_ID);
    // Policy → pod edges exist but stay hidden until the policy is selected.
    const selects = graph.edges.filter((e) => e.id.startsWith('selects:'));
    expect(selects.map((e) => [e.source, e.target, e.hidden])).toEqual([
      ['networkpolicy:data/db-allow-backend', 'pod:data/db', true],
      ['networkpolicy:data/default-deny-ingress', 'pod:data/db', true],
    ]);
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (const e of graph.edges) expect(ids.has(e.source) && ids.has(e.target), e.id).toBe(true);
  });

  test('pods carry the policies that select them, for the shield badge', () => {
    const db = nodes.get('pod:data/db');
    expect(db?.type === 'pod' && db.data.policies).toEqual([
      'data/db-allow-backend',
      'data/default-deny-ingress',
    ]);
  });
});

describe('layoutCluster beyond the demo', () => {
  test('pods no node can take wait in the Unscheduled area', () => {
    const view = run(`
apiVersion: v1
kind: Pod
metadata: {name: picky, namespace: default}
spec:
  nodeSelector: {disktype: ssd}
  containers: [{name: app, image: nginx:1.27}]
`);
    const graph = layoutCluster(view);
    const pod = byId(graph).get('pod:default/picky')!;
    expect(pod.parentId).toBe(UNSCHEDULED_ID);
    expect(byId(graph).get(UNSCHEDULED_ID)?.selectable).toBe(false);
    expectPodsInsideTheirNodes(graph, view);
  });

  test('a bigger generated cluster stays inside its nodes and lays out wider than tall', () => {
    const view = run(
      generateScenario({ pods: 150, namespaces: 6, policies: 8, seed: 7, services: 30 }),
    );
    const graph = layoutCluster(view);
    expectPodsInsideTheirNodes(graph, view);
    const top = graph.nodes.filter((n) => !n.parentId).map(box);
    const width = Math.max(...top.map((b) => b.right)) - Math.min(...top.map((b) => b.x));
    const height = Math.max(...top.map((b) => b.bottom)) - Math.min(...top.map((b) => b.y));
    expect(width / height).toBeGreaterThan(1.2);
    expect(width / height).toBeLessThan(5);
    expect(positions(layoutCluster(view))).toEqual(positions(graph));
  });

  test('columns per node grow with the pods and shrink with more nodes', () => {
    expect(podColumns(3, 3)).toBe(1);
    expect(podColumns(0, 3)).toBe(1);
    expect(podColumns(110, 6)).toBe(3);
    expect(podColumns(110, 2)).toBeGreaterThan(podColumns(110, 6));
  });
});
