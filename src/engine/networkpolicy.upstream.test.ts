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
import { naiveIsAllowed } from './reference/naivePolicy';
import type { Protocol } from './types';
import {
  POD_KEYS,
  PLACEMENT,
  policy,
  Reachability,
  expectGrid,
  load,
  engineGrid,
  referenceGrid,
} from './testing/upstreamModel';
import type { UpstreamCase } from './testing/upstreamModel';

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
