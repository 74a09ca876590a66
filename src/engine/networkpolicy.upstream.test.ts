/**
 * The upstream NetworkPolicy e2e model (kubernetes/kubernetes test/e2e/network/netpol): namespaces
 * x, y, z labelled `ns: <name>`, pods a, b, c labelled `pod: <name>`, one container per port and
 * protocol (`cont-80-tcp` serving the named port `serve-80-tcp`, …). Each case states its expected
 * truth table as upstream's reachability.go does — a default plus the exceptions — and the whole
 * 9×9 matrix is compared, for the engine's `computeMatrix` and for the naive reference alike.
 *
 * Upstream ignores loopback (CNIs disagree on it); here a pod reaching itself is always allowed,
 * so the expected diagonal is forced to ✓.
 */
import { describe, expect, it } from 'vitest';
import { computeMatrix } from './matrix';
import { naiveIsAllowed, naiveMatrix } from './reference/naivePolicy';
import { loadScenario } from './scenario';
import type { Cluster, Protocol } from './types';

const NAMESPACES = ['x', 'y', 'z'] as const;
const POD_NAMES = ['a', 'b', 'c'] as const;
const PORTS = [80, 81] as const;
const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
const POD_KEYS = NAMESPACES.flatMap((ns) => POD_NAMES.map((p) => `${ns}/${p}`));

/**
 * Pinned placement, so ipBlock cases know every address: x and z run on worker-1
 * (10.244.1.0/24), y on worker-2 (10.244.2.0/24).
 */
const PLACEMENT: Readonly<Record<string, { node: string; ip: string }>> = {
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

function podYaml(ns: string, name: string): string {
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
function modelYaml(): string {
  const namespaces = NAMESPACES.map(
    (ns) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels: {ns: ${ns}}`,
  );
  const pods = NAMESPACES.flatMap((ns) => POD_NAMES.map((name) => podYaml(ns, name)));
  return [...namespaces, ...pods].join('\n---\n');
}

/** A NetworkPolicy document; `spec` is block YAML written from column 0. */
function policy(ns: string, name: string, spec: string): string {
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

interface Peer {
  readonly namespace?: string;
  readonly pod?: string;
}

/** An expected truth table in upstream's style: a default, then exceptions. */
class Reachability {
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

function peerOf(key: string): Peer {
  const [namespace, pod] = key.split('/');
  return { namespace: namespace!, pod: pod! };
}

function matchesPeer(peer: Peer, key: string): boolean {
  const [ns, pod] = key.split('/');
  return (peer.namespace ?? ns) === ns && (peer.pod ?? pod) === pod;
}

function renderGrid(pods: readonly string[], grid: readonly (readonly boolean[])[]): string {
  const width = Math.max(...pods.map((p) => p.length));
  const header = `${' '.repeat(width)} ${pods.map((p) => p.padStart(width)).join(' ')}`;
  const rows = grid.map(
    (row, i) =>
      `${pods[i]!.padEnd(width)} ${row.map((v) => (v ? '✓' : '✗').padStart(width)).join(' ')}`,
  );
  return [header, ...rows].join('\n');
}

/** Compare whole matrices; on failure print both grids and list each wrong cell. */
function expectGrid(label: string, expected: boolean[][], actual: boolean[][]): void {
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

function load(policies: readonly string[]): Cluster {
  const content = [modelYaml(), ...policies].join('\n---\n');
  const { cluster, diagnostics } = loadScenario([{ file: 'netpol.yaml', content }]);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return cluster;
}

function engineGrid(cluster: Cluster, port: number, protocol: Protocol): boolean[][] {
  const matrix = computeMatrix(cluster, { port, protocol, namespaces: [...NAMESPACES] });
  expect(matrix.pods.map((p) => p.key)).toEqual(POD_KEYS);
  return POD_KEYS.map((_, i) => POD_KEYS.map((__, j) => matrix.isAllowed(i, j)));
}

function referenceGrid(cluster: Cluster, port: number, protocol: Protocol): boolean[][] {
  const keys = cluster.pods.filter((p) => p.ip !== null).map((p) => p.key as string);
  const full = naiveMatrix(cluster, port, protocol);
  const at = POD_KEYS.map((k) => keys.indexOf(k));
  return at.map((i) => at.map((j) => full[i]![j]!));
}

interface Check {
  readonly port: number;
  readonly protocol: Protocol;
  /** Upstream's NewReachability default; true unless said otherwise. */
  readonly default?: boolean;
  readonly expect: (r: Reachability) => void;
}

interface UpstreamCase {
  readonly name: string;
  readonly policies: readonly string[];
  readonly checks: readonly Check[];
}

const none = (): void => undefined;
const denyIngressX = policy('x', 'deny-ingress', 'podSelector: {}\npolicyTypes: [Ingress]');
const denyIngressToX = (r: Reachability) => r.expectPeer({}, { namespace: 'x' }, false);
const allowFromY81 = policy(
  'x',
  'allow-client-a-via-ns-selector',
  `
podSelector: {matchLabels: {pod: a}}
ingress:
- from: [{namespaceSelector: {matchLabels: {ns: y}}}]
  ports: [{port: 81, protocol: TCP}]`,
);
const onlyYReachesXa = (r: Reachability) =>
  r
    .expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
    .expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false);

const CASES: readonly UpstreamCase[] = [
  {
    name: "should support a 'default-deny-ingress' policy (TCP, UDP, SCTP)",
    policies: [denyIngressX],
    checks: [
      { port: 80, protocol: 'TCP', expect: denyIngressToX },
      { port: 80, protocol: 'UDP', expect: denyIngressToX },
      { port: 81, protocol: 'SCTP', expect: denyIngressToX },
    ],
  },
  {
    name: "should support a 'default-deny-all' policy",
    policies: [policy('x', 'deny-all', 'podSelector: {}\npolicyTypes: [Ingress, Egress]')],
    checks: [
      {
        port: 80,
        protocol: 'TCP',
        expect: (r) =>
          r.expectPeer({ namespace: 'x' }, {}, false).expectPeer({}, { namespace: 'x' }, false),
      },
    ],
  },
  {
    name: 'should enforce multiple ingress policies with ingress allow-all policy taking precedence',
    policies: [denyIngressX, policy('x', 'allow-all', 'podSelector: {}\ningress: [{}]')],
    checks: [
      { port: 80, protocol: 'TCP', expect: none },
      { port: 81, protocol: 'TCP', expect: none },
      { port: 80, protocol: 'UDP', expect: none },
    ],
  },
  {
    name: 'should deny egress from all pods in a namespace',
    policies: [policy('x', 'deny-egress-ns-x', 'podSelector: {}\npolicyTypes: [Egress]')],
    checks: [
      { port: 80, protocol: 'TCP', expect: (r) => r.expectPeer({ namespace: 'x' }, {}, false) },
    ],
  },
  {
    name: 'should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector',
    policies: [
      policy(
        'x',
        'allow-client-a-via-ns-selector',
        `
podSelector: {matchLabels: {pod: a}}
ingress:
- from: [{namespaceSelector: {matchLabels: {ns: y}}}]`,
      ),
    ],
    checks: [{ port: 80, protocol: 'TCP', expect: onlyYReachesXa }],
  },
  {
    name: 'should enforce policy based on PodSelector and NamespaceSelector (one peer: AND)',
    policies: [
      policy(
        'x',
        'allow-ns-not-x-pod-b',
        `
podSelector: {matchLabels: {pod: a}}
ingress:
- from:
  - namespaceSelector: {matchExpressions: [{key: ns, operator: NotIn, values: [x]}]}
    podSelector: {matchLabels: {pod: b}}`,
      ),
    ],
    checks: [
      {
        port: 80,
        protocol: 'TCP',
        expect: (r) =>
          r.expectAllIngress('x/a', false).expect('y/b', 'x/a', true).expect('z/b', 'x/a', true),
      },
    ],
  },
  {
    name: 'should enforce policy based on PodSelector or NamespaceSelector (two peers: OR)',
    policies: [
      policy(
        'x',
        'allow-ns-not-x-or-pod-b',
        `
podSelector: {matchLabels: {pod: a}}
ingress:
- from:
  - namespaceSelector: {matchExpressions: [{key: ns, operator: NotIn, values: [x]}]}
  - podSelector: {matchLabels: {pod: b}}`,
      ),
    ],
    checks: [{ port: 80, protocol: 'TCP', expect: (r) => r.expect('x/c', 'x/a', false) }],
  },
  {
    name: 'should enforce policy based on matchExpressions In, NotIn (key absent), Exists, DoesNotExist',
    policies: [
      policy(
        'x',
        'match-expressions',
        `
podSelector: {matchExpressions: [{key: pod, operator: In, values: [a]}]}
ingress:
- from:
  - podSelector: {matchExpressions: [{key: pod, operator: In, values: [b]}]}
  - namespaceSelector: {matchExpressions: [{key: ns, operator: NotIn, values: [x, y]}]}
    podSelector: {matchExpressions: [{key: tier, operator: DoesNotExist}]}
  - namespaceSelector:
      matchExpressions:
      - {key: ns, operator: Exists}
      - {key: team, operator: NotIn, values: [blue]}
    podSelector: {matchLabels: {pod: c}}
  - podSelector: {matchExpressions: [{key: pod, operator: DoesNotExist}]}`,
      ),
    ],
    checks: [
      {
        port: 80,
        protocol: 'TCP',
        expect: (r) => r.expect('y/a', 'x/a', false).expect('y/b', 'x/a', false),
      },
    ],
  },
  {
    name: 'should allow egress to DNS only (UDP/TCP 53 to kube-system): all else denied',
    policies: [
      policy(
        'x',
        'allow-dns-only',
        `
podSelector: {}
policyTypes: [Egress]
egress:
- to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}]
  ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]`,
      ),
    ],
    checks: [
      { port: 80, protocol: 'TCP', expect: (r) => r.expectPeer({ namespace: 'x' }, {}, false) },
      { port: 53, protocol: 'UDP', expect: (r) => r.expectPeer({ namespace: 'x' }, {}, false) },
    ],
  },
  {
    name: 'should allow ingress access from namespace on one named port',
    policies: [
      policy(
        'x',
        'allow-client-a-via-ns-selector-80',
        `
podSelector: {matchLabels: {pod: a}}
ingress:
- from: [{namespaceSelector: {matchLabels: {ns: y}}}]
  ports: [{port: serve-80-tcp, protocol: TCP}]`,
      ),
    ],
    checks: [
      { port: 80, protocol: 'TCP', expect: onlyYReachesXa },
      { port: 81, protocol: 'TCP', expect: (r) => r.expectAllIngress('x/a', false) },
    ],
  },
  {
    name: 'should allow ingress access on one named port (protocol defaults to TCP)',
    policies: [
      policy('x', 'allow-81', 'podSelector: {}\ningress: [{ports: [{port: serve-81-tcp}]}]'),
    ],
    checks: [
      { port: 81, protocol: 'TCP', expect: none },
      { port: 80, protocol: 'TCP', expect: denyIngressToX },
      { port: 81, protocol: 'UDP', expect: denyIngressToX },
    ],
  },
  {
    name: 'named UDP port matches UDP only; a UDP port name under the default TCP matches nothing',
    policies: [
      policy(
        'x',
        'allow-udp-80-by-name',
        `
podSelector: {matchLabels: {pod: a}}
ingress:
- ports: [{port: serve-80-udp, protocol: UDP}, {port: serve-81-udp}]`,
      ),
    ],
    checks: [
      { port: 80, protocol: 'UDP', expect: none },
      { port: 81, protocol: 'UDP', expect: (r) => r.expectAllIngress('x/a', false) },
      { port: 80, protocol: 'TCP', expect: (r) => r.expectAllIngress('x/a', false) },
      // serve-81-udp names a UDP port: under TCP it resolves to nothing, not to TCP 81.
      { port: 81, protocol: 'TCP', expect: (r) => r.expectAllIngress('x/a', false) },
    ],
  },
  {
    name: 'should allow egress access on one named port',
    policies: [
      policy(
        'x',
        'allow-egress',
        'podSelector: {}\npolicyTypes: [Egress]\negress: [{ports: [{port: serve-80-tcp}]}]',
      ),
    ],
    checks: [
      { port: 80, protocol: 'TCP', expect: none },
      { port: 81, protocol: 'TCP', expect: (r) => r.expectPeer({ namespace: 'x' }, {}, false) },
    ],
  },
  {
    name: 'should support endPort ranges (80-81 vs 81-81, ingress and egress)',
    policies: [
      policy(
        'x',
        'a-80-81',
        'podSelector: {matchLabels: {pod: a}}\ningress: [{ports: [{protocol: TCP, port: 80, endPort: 81}]}]',
      ),
      policy(
        'x',
        'b-81-only',
        'podSelector: {matchLabels: {pod: b}}\ningress: [{ports: [{port: 81, endPort: 81}]}]',
      ),
      policy(
        'x',
        'c-egress-79-80',
        'podSelector: {matchLabels: {pod: c}}\npolicyTypes: [Egress]\negress: [{ports: [{port: 79, endPort: 80}]}]',
      ),
    ],
    checks: [
      { port: 80, protocol: 'TCP', expect: (r) => r.expectAllIngress('x/b', false) },
      { port: 81, protocol: 'TCP', expect: (r) => r.expectAllEgress('x/c', false) },
      {
        port: 82,
        protocol: 'TCP',
        expect: (r) =>
          r
            .expectAllIngress('x/a', false)
            .expectAllIngress('x/b', false)
            .expectAllEgress('x/c', false),
      },
      {
        port: 81,
        protocol: 'UDP',
        expect: (r) =>
          r
            .expectAllIngress('x/a', false)
            .expectAllIngress('x/b', false)
            .expectAllEgress('x/c', false),
      },
    ],
  },
  {
    name: 'should enforce except clause while egress access to server in CIDR block (pod IPs)',
    policies: [
      policy(
        'x',
        'a-to-worker-1-except-b',
        `
podSelector: {matchLabels: {pod: a}}
policyTypes: [Egress]
egress:
- to: [{ipBlock: {cidr: 10.244.1.0/24, except: [10.244.1.11/32]}}]`,
      ),
      policy(
        'x',
        'b-to-y-b',
        'podSelector: {matchLabels: {pod: b}}\npolicyTypes: [Egress]\negress: [{to: [{ipBlock: {cidr: 10.244.2.21/32}}]}]',
      ),
    ],
    checks: [
      {
        port: 80,
        protocol: 'TCP',
        expect: (r) =>
          r
            .expectAllEgress('x/a', false)
            .expect('x/a', 'x/c', true)
            .expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'z' }, true)
            .expectAllEgress('x/b', false)
            .expect('x/b', 'y/b', true),
      },
    ],
  },
  {
    name: 'ipBlock with except on ingress matches source pod IPs',
    policies: [
      policy(
        'y',
        'a-from-pods-off-worker-2',
        `
podSelector: {matchLabels: {pod: a}}
ingress:
- from: [{ipBlock: {cidr: 10.244.0.0/16, except: [10.244.2.0/24]}}]`,
      ),
    ],
    checks: [
      {
        port: 80,
        protocol: 'TCP',
        expect: (r) => r.expectPeer({ namespace: 'y' }, { namespace: 'y', pod: 'a' }, false),
      },
    ],
  },
  {
    name: 'should enforce multiple, stacked policies with overlapping podSelectors (one policy)',
    policies: [allowFromY81],
    checks: [
      { port: 81, protocol: 'TCP', expect: onlyYReachesXa },
      { port: 80, protocol: 'TCP', expect: (r) => r.expectAllIngress('x/a', false) },
    ],
  },
  {
    name: 'should enforce multiple, stacked policies with overlapping podSelectors (both: additive)',
    policies: [
      allowFromY81,
      policy(
        'x',
        'allow-client-a-via-ns-selector-80',
        `
podSelector: {matchLabels: {pod: a}}
ingress:
- from: [{namespaceSelector: {matchLabels: {ns: y}}}]
  ports: [{port: 80, protocol: TCP}]`,
      ),
    ],
    checks: [
      { port: 81, protocol: 'TCP', expect: onlyYReachesXa },
      { port: 80, protocol: 'TCP', expect: onlyYReachesXa },
    ],
  },
  {
    name: 'policyTypes [Egress] only: ingress rules are ignored',
    policies: [
      policy(
        'x',
        'a-egress-to-y',
        `
podSelector: {matchLabels: {pod: a}}
policyTypes: [Egress]
ingress:
- from: [{podSelector: {matchLabels: {pod: b}}}]
egress:
- to: [{namespaceSelector: {matchLabels: {ns: y}}}]`,
      ),
    ],
    checks: [
      {
        port: 80,
        protocol: 'TCP',
        expect: (r) =>
          r
            .expectAllEgress('x/a', false)
            .expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'y' }, true),
      },
    ],
  },
  {
    name: 'should work with Ingress, Egress together: policyTypes defaulted from a non-empty egress',
    policies: [
      policy(
        'x',
        'a-from-b-egress-80',
        `
podSelector: {matchLabels: {pod: a}}
ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}]}]
egress: [{ports: [{port: 80}]}]`,
      ),
      // egress: [] does not make the policy an Egress policy.
      policy(
        'x',
        'b-empty-egress',
        'podSelector: {matchLabels: {pod: b}}\ningress: [{}]\negress: []',
      ),
    ],
    checks: [
      {
        port: 80,
        protocol: 'TCP',
        expect: (r) => r.expectAllIngress('x/a', false).expect('x/b', 'x/a', true),
      },
      {
        port: 81,
        protocol: 'TCP',
        expect: (r) =>
          r.expectAllIngress('x/a', false).expectAllEgress('x/a', false).expect('x/b', 'x/a', true),
      },
    ],
  },
  {
    name: 'egress rules without policyTypes: the defaulted types also isolate ingress',
    policies: [
      policy(
        'x',
        'a-egress-only-rules',
        'podSelector: {matchLabels: {pod: a}}\negress: [{to: [{ipBlock: {cidr: 10.244.2.0/24}}]}]',
      ),
    ],
    checks: [
      {
        port: 80,
        protocol: 'TCP',
        expect: (r) =>
          r
            .expectAllIngress('x/a', false)
            .expectAllEgress('x/a', false)
            .expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'y' }, true),
      },
    ],
  },
  {
    name: 'should support denying of egress traffic on the client side (even if the server allows it)',
    policies: [
      policy(
        'x',
        'allow-to-ns-y-pod-a',
        `
podSelector: {matchLabels: {pod: a}}
policyTypes: [Egress]
egress:
- to: [{namespaceSelector: {matchLabels: {ns: y}}, podSelector: {matchLabels: {pod: a}}}]`,
      ),
      ...['a', 'b'].map((pod) =>
        policy(
          'y',
          `allow-from-xa-on-y${pod}`,
          `
podSelector: {matchLabels: {pod: ${pod}}}
ingress:
- from: [{namespaceSelector: {matchLabels: {ns: x}}, podSelector: {matchLabels: {pod: a}}}]`,
        ),
      ),
    ],
    checks: [
      {
        port: 80,
        protocol: 'TCP',
        expect: (r) =>
          r
            .expectAllEgress('x/a', false)
            .expectAllIngress('y/a', false)
            .expect('x/a', 'y/a', true)
            .expectAllIngress('y/b', false),
      },
    ],
  },
  {
    name: "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP'",
    policies: [
      denyIngressX,
      policy(
        'x',
        'allow-only-sctp-ingress-on-port-81',
        'podSelector: {matchLabels: {pod: a}}\ningress: [{ports: [{port: 81, protocol: SCTP}]}]',
      ),
    ],
    checks: [
      { port: 81, protocol: 'TCP', expect: denyIngressToX },
      { port: 81, protocol: 'UDP', expect: denyIngressToX },
      {
        port: 81,
        protocol: 'SCTP',
        expect: (r) => r.expectAllIngress('x/b', false).expectAllIngress('x/c', false),
      },
    ],
  },
  {
    name: 'should enforce ingress policy allowing any port traffic to a server on a specific protocol',
    policies: [
      policy(
        'x',
        'allow-ingress-by-proto',
        'podSelector: {matchLabels: {pod: a}}\ningress: [{ports: [{protocol: UDP}]}]',
      ),
    ],
    checks: [
      { port: 80, protocol: 'UDP', expect: none },
      { port: 81, protocol: 'UDP', expect: none },
      { port: 80, protocol: 'TCP', expect: (r) => r.expectAllIngress('x/a', false) },
      { port: 80, protocol: 'SCTP', expect: (r) => r.expectAllIngress('x/a', false) },
    ],
  },
  {
    name: 'a deny-all expressed as default false (UDP: only loopback allowed)',
    policies: [
      policy('x', 'deny-all', 'podSelector: {}\npolicyTypes: [Ingress, Egress]'),
      policy('y', 'deny-all', 'podSelector: {}\npolicyTypes: [Ingress, Egress]'),
      policy('z', 'deny-all', 'podSelector: {}\npolicyTypes: [Ingress, Egress]'),
    ],
    checks: [{ port: 80, protocol: 'UDP', default: false, expect: none }],
  },
];

describe('upstream netpol e2e model', () => {
  it('places every model pod where the cases assume', () => {
    const cluster = load([]);
    for (const key of POD_KEYS) {
      const pod = cluster.podByKey.get(key);
      expect({ key, node: pod?.nodeName, ip: pod?.ip }).toEqual({
        key,
        node: PLACEMENT[key]!.node,
        ip: PLACEMENT[key]!.ip,
      });
    }
    const named = cluster.podByKey
      .get('y/b')
      ?.containers.flatMap((c) => c.ports.map((p) => p.name));
    expect(named).toEqual([
      'serve-80-tcp',
      'serve-80-udp',
      'serve-80-sctp',
      'serve-81-tcp',
      'serve-81-udp',
      'serve-81-sctp',
    ]);
  });

  describe.each(CASES)('$name', ({ policies, checks }) => {
    it.each(checks)(
      '$protocol/$port',
      ({ port, protocol, default: byDefault, expect: exceptions }) => {
        const cluster = load(policies);
        const reachability = new Reachability(POD_KEYS, byDefault ?? true);
        exceptions(reachability);
        const expected = reachability.grid();
        expectGrid(
          `reference naiveMatrix, ${protocol}/${port}`,
          expected,
          referenceGrid(cluster, port, protocol),
        );
        expectGrid(
          `engine computeMatrix, ${protocol}/${port}`,
          expected,
          engineGrid(cluster, port, protocol),
        );
      },
    );
  });

  it('egress to DNS only: x reaches CoreDNS in kube-system on 53 and nothing else there', () => {
    const cluster = load([
      policy(
        'x',
        'allow-dns-only',
        `
podSelector: {}
policyTypes: [Egress]
egress:
- to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}]
  ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]`,
      ),
    ]);
    const xa = cluster.podByKey.get('x/a')!;
    const dns = cluster.pods.filter((p) => p.namespace === 'kube-system' && p.ip !== null);
    expect(dns.length).toBeGreaterThan(0);
    const verdicts = (port: number, protocol: Protocol) => {
      const matrix = computeMatrix(cluster, {
        port,
        protocol,
        namespaces: ['x', 'kube-system'],
        includeSystem: true,
      });
      const from = matrix.pods.findIndex((p) => p.key === xa.key);
      return dns.map((d) => ({
        engine: matrix.isAllowed(
          from,
          matrix.pods.findIndex((p) => p.key === d.key),
        ),
        reference: naiveIsAllowed(cluster, xa, d, port, protocol),
      }));
    };
    const all = (allowed: boolean) => dns.map(() => ({ engine: allowed, reference: allowed }));
    expect(verdicts(53, 'UDP')).toEqual(all(true));
    expect(verdicts(53, 'TCP')).toEqual(all(true));
    expect(verdicts(53, 'SCTP')).toEqual(all(false));
    expect(verdicts(54, 'UDP')).toEqual(all(false));
    expect(verdicts(9153, 'TCP')).toEqual(all(false));
  });
});
