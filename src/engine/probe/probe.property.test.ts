/**
 * Property tests for `probe` over random small clusters, rendered to YAML so the real parser,
 * controllers, scheduler, endpoints and kube-proxy translation all run: 1–3 Deployments of
 * 1–4 http-echo replicas (some templates marked not ready), Services selecting one Deployment or
 * a label shared by several (numeric or named targetPort, which may or may not be where the pods
 * listen), ClusterIP/NodePort/LoadBalancer with either externalTrafficPolicy, and optionally a
 * default-deny ingress policy with or without an allowance for the client.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { scenarioOf } from '../testing/scenario';
import type { Cluster } from '../types';
import { probe } from './probe';
import type { ProbeResult } from './types';

const EXTERNAL_CLIENT = '203.0.113.10';
const LISTEN_PORTS = [80, 5678, 8080] as const;
const SERVICE_PORTS = [80, 443, 8080, 9000] as const;
const TIERS = ['gold', 'tin'] as const;

interface GenDeployment {
  readonly replicas: number;
  readonly listen: number;
  readonly tier: string;
  readonly notReady: boolean;
}

interface GenService {
  /** Index of the Deployment whose `app` label it selects, or null to select by tier. */
  readonly app: number | null;
  readonly tier: string;
  readonly port: number;
  /** 'listen': the selected Deployment's port; 'named': the container port name; else a number. */
  readonly target: 'listen' | 'named' | number;
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  readonly etp: 'Cluster' | 'Local';
}

interface GenCluster {
  readonly deployments: readonly GenDeployment[];
  readonly services: readonly GenService[];
  readonly policy: 'none' | 'deny' | 'deny-but-client';
}

const deploymentArb: fc.Arbitrary<GenDeployment> = fc.record({
  replicas: fc.integer({ min: 1, max: 4 }),
  listen: fc.constantFrom(...LISTEN_PORTS),
  tier: fc.constantFrom(...TIERS),
  notReady: fc.oneof(
    { weight: 3, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
  ),
});

const serviceArb: fc.Arbitrary<GenService> = fc.record({
  app: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 4 }),
  tier: fc.constantFrom(...TIERS),
  port: fc.constantFrom(...SERVICE_PORTS),
  target: fc.oneof(
    { weight: 4, arbitrary: fc.constant('listen' as const) },
    { weight: 2, arbitrary: fc.constant('named' as const) },
    { weight: 1, arbitrary: fc.constantFrom(...LISTEN_PORTS) },
  ),
  type: fc.constantFrom('ClusterIP' as const, 'NodePort' as const, 'LoadBalancer' as const),
  etp: fc.constantFrom('Cluster' as const, 'Local' as const),
});

const clusterArb: fc.Arbitrary<GenCluster> = fc.record({
  deployments: fc.array(deploymentArb, { minLength: 1, maxLength: 3 }),
  services: fc.array(serviceArb, { minLength: 1, maxLength: 3 }),
  policy: fc.constantFrom('none' as const, 'deny' as const, 'deny-but-client' as const),
});

function deploymentOf(g: GenCluster, s: GenService): number | null {
  return s.app === null ? null : s.app % g.deployments.length;
}

/** The scenario as YAML: Deployments d0…, Services s0…, a pinned busybox `client`. */
function render(g: GenCluster): string {
  const docs: unknown[] = [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'client', labels: { role: 'client' } },
      spec: {
        nodeName: 'worker-1',
        containers: [{ name: 'c', image: 'busybox', command: ['sleep', 'infinity'] }],
      },
    },
  ];
  g.deployments.forEach((d, i) => {
    docs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `d${String(i)}` },
      spec: {
        replicas: d.replicas,
        selector: { matchLabels: { app: `d${String(i)}` } },
        template: {
          metadata: {
            labels: { app: `d${String(i)}`, tier: d.tier },
            ...(d.notReady ? { annotations: { 'k8snet.dev/ready': 'false' } } : {}),
          },
          spec: {
            containers: [
              {
                name: 'echo',
                image: 'hashicorp/http-echo',
                args: [`-listen=:${String(d.listen)}`, `-text=d${String(i)}`],
                ports: [{ name: 'http', containerPort: d.listen }],
              },
            ],
          },
        },
      },
    });
  });
  g.services.forEach((s, i) => {
    const app = deploymentOf(g, s);
    const listen = g.deployments[app ?? 0]?.listen ?? 80;
    docs.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `s${String(i)}` },
      spec: {
        type: s.type,
        selector: app === null ? { tier: s.tier } : { app: `d${String(app)}` },
        ports: [
          {
            port: s.port,
            targetPort: s.target === 'listen' ? listen : s.target === 'named' ? 'http' : s.target,
          },
        ],
        ...(s.type === 'ClusterIP' ? {} : { externalTrafficPolicy: s.etp }),
      },
    });
  });
  if (g.policy !== 'none')
    docs.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny-ingress' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });
  if (g.policy === 'deny-but-client')
    docs.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-client' },
      spec: {
        podSelector: {},
        ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }] }],
      },
    });
  return docs.map((d) => stringify(d)).join('---\n');
}

function build(g: GenCluster): Cluster {
  const s = scenarioOf(render(g));
  const errors = s.diagnostics.filter((d) => d.severity === 'error');
  expect(errors).toEqual([]);
  return s.cluster;
}

function serving(c: Cluster, svc: string) {
  return c.endpoints.get(`default/${svc}`)?.ports[0]?.serving ?? [];
}

/** Where the connection was DNATed to, `ip:port`, from its (non-DNS) nat hop. */
function natTarget(r: ProbeResult): string | null {
  const nat = r.hops.find(
    (h) => h.kind === 'nat' && !h.text.startsWith('[DNS]') && h.at.startsWith('service:'),
  );
  return nat?.packet.dst ?? null;
}

const seedArb = fc.integer({ min: 0, max: 10_000 });

describe('probe properties over random clusters', () => {
  it('a delivered probe to a ClusterIP lands on one of the ready endpoints', () => {
    fc.assert(
      fc.property(clusterArb, seedArb, (g, seed) => {
        const c = build(g);
        g.services.forEach((_, i) => {
          const name = `s${String(i)}`;
          const eps = serving(c, name);
          const r = probe(c, { from: 'default/client', to: `service:default/${name}`, seed });
          expect(r.verdict === 'no-endpoints').toBe(eps.length === 0);
          if (r.verdict !== 'delivered') return;
          const hit = eps.find((e) => e.endpoint.ip === r.backend?.ip);
          expect(hit, `${name} → ${JSON.stringify(r.backend)}`).toBeDefined();
          expect(hit?.endpoint.ready).toBe(true);
          expect(r.backend?.pod).toBe(hit?.endpoint.pod);
          expect(natTarget(r)).toBe(`${hit?.endpoint.ip ?? ''}:${String(hit?.port)}`);
          expect(r.seenSource).toBe(c.podByKey.get('default/client')?.ip);
          // The process that answered is the one in that pod's Deployment (over plain HTTP:
          // on 443 the probe speaks TLS, which http-echo does not).
          const deployment = r.backend?.pod?.split('/')[1]?.split('-')[0] ?? '';
          if (r.port !== 443) expect(r.response).toEqual({ status: 200, body: `${deployment}\n` });
        });
      }),
      { numRuns: 40 },
    );
  });

  it('externalTrafficPolicy Local: a delivered outside connection keeps the client IP', () => {
    fc.assert(
      fc.property(clusterArb, seedArb, (g, seed) => {
        const c = build(g);
        g.services.forEach((s, i) => {
          if (s.type === 'ClusterIP') return;
          const svc = c.serviceByKey.get(`default/s${String(i)}`)!;
          const nodePort = svc.ports[0]?.nodePort ?? null;
          expect(nodePort).not.toBeNull();
          const tries: { node: string | null; r: ProbeResult }[] = c.nodes.map((n) => ({
            node: n.name,
            r: probe(c, { from: 'external', to: `node:${n.name}`, port: nodePort!, seed }),
          }));
          if (s.type === 'LoadBalancer')
            tries.push({
              node: null,
              r: probe(c, { from: 'external', to: `service:default/s${String(i)}`, seed }),
            });
          for (const { node, r } of tries) {
            if (r.verdict !== 'delivered') continue;
            if (s.etp === 'Local') {
              expect(r.seenSource).toBe(EXTERNAL_CLIENT);
              // Local sends only to the node's own endpoints: the backend runs where it entered.
              if (node !== null) expect(c.podByKey.get(r.backend?.pod ?? '')?.nodeName).toBe(node);
            } else {
              expect(c.nodes.map((n) => n.ip)).toContain(r.seenSource);
            }
          }
        });
      }),
      { numRuns: 30 },
    );
  });

  it('the same input and seed give the same result', () => {
    fc.assert(
      fc.property(clusterArb, seedArb, (g, seed) => {
        const a = build(g);
        const b = build(g);
        const targets = [
          ...g.services.map((_, i) => `service:default/s${String(i)}`),
          ...g.services.map((_, i) => `s${String(i)}`),
          '10.244.2.2',
        ];
        for (const to of targets) {
          const first = probe(a, { from: 'default/client', to, seed });
          expect(probe(a, { from: 'default/client', to, seed })).toEqual(first);
          expect(probe(b, { from: 'default/client', to, seed })).toEqual(first);
        }
        const outside = probe(a, { from: 'external', to: 'node:worker-2', port: 30000, seed });
        expect(probe(b, { from: 'external', to: 'node:worker-2', port: 30000, seed })).toEqual(
          outside,
        );
      }),
      { numRuns: 25 },
    );
  });

  it('over 200 connections, every ready endpoint of a small Service gets picked', () => {
    fc.assert(
      fc.property(clusterArb, (g) => {
        const c = build(g);
        g.services.forEach((_, i) => {
          const name = `s${String(i)}`;
          const eps = serving(c, name);
          if (eps.length === 0 || eps.length > 4) return;
          const picked = new Set<string>();
          for (let seed = 0; seed < 200; seed++) {
            const r = probe(c, { from: 'default/client', to: `service:default/${name}`, seed });
            if (r.backend) picked.add(r.backend.ip);
          }
          expect([...picked].sort()).toEqual(eps.map((e) => e.endpoint.ip).sort());
        });
      }),
      { numRuns: 12 },
    );
  });
});
