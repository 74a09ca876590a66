/**
 * The upstream NetworkPolicy e2e model (kubernetes/kubernetes test/e2e/network/netpol) for tests:
 * namespaces x, y, z, pods a, b, c, one container per port and protocol, an upstream-style
 * expected truth table (`Reachability`: a default plus exceptions) and readable grids on failure.
 */
import { expect } from 'vitest';
import { computeMatrix } from '../matrix';
import { naiveMatrix } from '../reference/naivePolicy';
import { loadScenario } from '../scenario';
import type { Cluster, Protocol } from '../types';

export const NAMESPACES = ['x', 'y', 'z'] as const;
export const POD_NAMES = ['a', 'b', 'c'] as const;
export const PORTS = [80, 81] as const;
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
export const POD_KEYS = NAMESPACES.flatMap((ns) => POD_NAMES.map((p) => `${ns}/${p}`));

/**
 * Pinned placement, so ipBlock cases know every address: x and z run on worker-1
 * (10.244.1.0/24), y on worker-2 (10.244.2.0/24).
 */
export const PLACEMENT: Readonly<Record<string, { node: string; ip: string }>> = {
  'x/a': { node: 'worker-1', ip: '10.244.1.10' },
  'x/b': { node: 'worker-1', ip: '10.244.1.11' },
  'x/c': { node: 'worker-1', ip: '10.244.1.12' },
  'y/a': { node: 'worker-2', ip: '10.244.2.20' },
  'y/b': { node: 'worker-2', ip: '10.244.2.21' },
  'y/c': { node: 'worker-2', ip: '10.244.2.22' },
  'z/a': { node: 'worker-1', ip: '10.244.1.30' },
  'z/b': { node: 'worker-1', ip: '10.244.1.31' },
  'z/c': { node: 'worker-1', ip: '10.244.1.32' },
};

export function podYaml(ns: string, name: string): string {
  const place = PLACEMENT[`${ns}/${name}`]!;
  const containers = PORTS.flatMap((port) =>
    PROTOCOLS.map((protocol) => {
      const suffix = `${port}-${protocol.toLowerCase()}`;
      return `  - name: cont-${suffix}
    image: registry.k8s.io/e2e-test-images/agnhost:2.53
    ports:
    - {containerPort: ${port}, name: serve-${suffix}, protocol: ${protocol}}`;
    }),
  );
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {pod: ${name}}
spec:
  nodeName: ${place.node}
  containers:
${containers.join('\n')}
status:
  podIP: ${place.ip}`;
}

/** The model: three labelled namespaces and their nine pods, as one YAML stream. */
export function modelYaml(): string {
  const namespaces = NAMESPACES.map(
    (ns) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels: {ns: ${ns}}`,
  );
  const pods = NAMESPACES.flatMap((ns) => POD_NAMES.map((name) => podYaml(ns, name)));
  return [...namespaces, ...pods].join('\n---\n');
}

/** A NetworkPolicy document; `spec` is block YAML written from column 0. */
export function policy(ns: string, name: string, spec: string): string {
  const body = spec
    .trim()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${body}`;
}

export interface Peer {
  readonly namespace?: string;
  readonly pod?: string;
}

/** An expected truth table in upstream's style: a default, then exceptions. */
export class Reachability {
  private readonly values: boolean[][];

  constructor(
    private readonly pods: readonly string[],
    defaultValue: boolean,
  ) {
    this.values = pods.map(() => pods.map(() => defaultValue));
  }

  expect(from: string, to: string, allowed: boolean): this {
    return this.expectPeer(peerOf(from), peerOf(to), allowed);
  }

  expectPeer(from: Peer, to: Peer, allowed: boolean): this {
    this.pods.forEach((f, i) => {
      this.pods.forEach((t, j) => {
        if (matchesPeer(from, f) && matchesPeer(to, t)) this.values[i]![j] = allowed;
      });
    });
    return this;
  }

  expectAllIngress(to: string, allowed: boolean): this {
    return this.expectPeer({}, peerOf(to), allowed);
  }

  expectAllEgress(from: string, allowed: boolean): this {
    return this.expectPeer(peerOf(from), {}, allowed);
  }

  /** The table, with the diagonal allowed: a pod's traffic to itself is never policed. */
  grid(): boolean[][] {
    return this.values.map((row, i) => row.map((v, j) => v || i === j));
  }
}

export function peerOf(key: string): Peer {
  const [namespace, pod] = key.split('/');
  return { namespace: namespace!, pod: pod! };
}

export function matchesPeer(peer: Peer, key: string): boolean {
  const [ns, pod] = key.split('/');
  return (peer.namespace ?? ns) === ns && (peer.pod ?? pod) === pod;
}

export function renderGrid(pods: readonly string[], grid: readonly (readonly boolean[])[]): string {
  const width = Math.max(...pods.map((p) => p.length));
  const header = `${' '.repeat(width)} ${pods.map((p) => p.padStart(width)).join(' ')}`;
  const rows = grid.map(
    (row, i) =>
      `${pods[i]!.padEnd(width)} ${row.map((v) => (v ? '✓' : '✗').padStart(width)).join(' ')}`,
  );
  return [header, ...rows].join('\n');
}

/** Compare whole matrices; on failure print both grids and list each wrong cell. */
export function expectGrid(label: string, expected: boolean[][], actual: boolean[][]): void {
  const wrong: string[] = [];
  POD_KEYS.forEach((from, i) => {
    POD_KEYS.forEach((to, j) => {
      const e = expected[i]![j]!;
      if (actual[i]?.[j] !== e) wrong.push(`${from} → ${to}: expected ${e ? '✓' : '✗'}`);
    });
  });
  const message = `${label}\nexpected:\n${renderGrid(POD_KEYS, expected)}\nactual:\n${renderGrid(POD_KEYS, actual)}`;
  expect(wrong, message).toEqual([]);
}

export function load(policies: readonly string[]): Cluster {
  const content = [modelYaml(), ...policies].join('\n---\n');
  const { cluster, diagnostics } = loadScenario([{ file: 'netpol.yaml', content }]);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return cluster;
}

export function engineGrid(cluster: Cluster, port: number, protocol: Protocol): boolean[][] {
  const matrix = computeMatrix(cluster, { port, protocol, namespaces: [...NAMESPACES] });
  expect(matrix.pods.map((p) => p.key)).toEqual(POD_KEYS);
  return POD_KEYS.map((_, i) => POD_KEYS.map((__, j) => matrix.isAllowed(i, j)));
}

export function referenceGrid(cluster: Cluster, port: number, protocol: Protocol): boolean[][] {
  const keys = cluster.pods.filter((p) => p.ip !== null).map((p) => p.key as string);
  const full = naiveMatrix(cluster, port, protocol);
  const at = POD_KEYS.map((k) => keys.indexOf(k));
  return at.map((i) => at.map((j) => full[i]![j]!));
}

export interface Check {
  readonly port: number;
  readonly protocol: Protocol;
  /** Upstream's NewReachability default; true unless said otherwise. */
  readonly default?: boolean;
  readonly expect: (r: Reachability) => void;
}

export interface UpstreamCase {
  readonly name: string;
  readonly policies: readonly string[];
  readonly checks: readonly Check[];
}
