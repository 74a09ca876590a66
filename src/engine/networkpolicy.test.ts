/**
 * evaluateConnection, case by case: the verdict, the deciding rules (`allowedBy`), the policies
 * that isolate each end, and the corner cases of the spec — empty versus absent lists,
 * `ingress: []`, policyTypes defaulting, hostNetwork pods, self traffic, and a CNI that does not
 * enforce policy. Every case is also checked against the naive reference.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { computeMatrix } from './matrix';
import { evaluateConnection } from './networkpolicy';
import { naiveIsAllowed } from './reference/naivePolicy';
import { loadScenario } from './scenario';
import type { Cluster, Protocol } from './types';

/**
 * shop (team: red) and ops; web and probe on worker-1, db on worker-2; two hostNetwork agents,
 * one per worker (their IPs are the nodes': 172.18.0.3 and 172.18.0.4).
 */
const BASE = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: red}}
---
apiVersion: v1
kind: Namespace
metadata: {name: ops}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec:
  nodeName: worker-1
  containers:
  - name: web
    image: nginx:1.27
    ports: [{name: http, containerPort: 8080}]
status: {podIP: 10.244.1.10}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec:
  nodeName: worker-2
  containers:
  - name: postgres
    image: postgres:16
    ports: [{name: pg, containerPort: 5432}]
status: {podIP: 10.244.2.10}
---
apiVersion: v1
kind: Pod
metadata: {name: probe, namespace: ops, labels: {app: probe}}
spec:
  nodeName: worker-1
  containers: [{name: probe, image: busybox:1.36}]
status: {podIP: 10.244.1.20}
---
apiVersion: v1
kind: Pod
metadata: {name: node-agent, namespace: ops, labels: {app: agent}}
spec:
  nodeName: worker-1
  hostNetwork: true
  containers: [{name: agent, image: busybox:1.36}]
---
apiVersion: v1
kind: Pod
metadata: {name: remote-agent, namespace: ops, labels: {app: agent}}
spec:
  nodeName: worker-2
  hostNetwork: true
  containers: [{name: agent, image: busybox:1.36}]
`;

function policy(ns: string, name: string, spec: string): string {
  const body = spec
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${body}`;
}

function load(...docs: string[]): Cluster {
  const { cluster, diagnostics } = loadScenario([
    { file: 'np.yaml', content: [BASE, ...docs].join('\n---\n') },
  ]);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return cluster;
}

/** The engine's verdict, after checking the reference agrees on `allowed`. */
function verdict(
  cluster: Cluster,
  from: string,
  to: string,
  port = 80,
  protocol: Protocol = 'TCP',
) {
  const src = cluster.podByKey.get(from);
  const dst = cluster.podByKey.get(to);
  if (!src || !dst) throw new Error(`no pod ${src ? to : from}`);
  const v = evaluateConnection(cluster, src, dst, port, protocol);
  expect(naiveIsAllowed(cluster, src, dst, port, protocol), 'reference').toBe(v.allowed);
  return v;
}

const open = { isolated: false };
const denyAll = (ns: string) =>
  policy(ns, 'deny-all', 'podSelector: {}\npolicyTypes: [Ingress, Egress]');

describe('evaluateConnection: deciding rules and isolating policies', () => {
  let cluster: Cluster;
  beforeAll(() => {
    cluster = load(
      policy(
        'shop',
        'db-ingress',
        `
podSelector: {matchLabels: {app: db}}
ingress:
- from: [{podSelector: {matchLabels: {app: web}}}]
  ports: [{port: 5432}]
- from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ops}}}]`,
      ),
      policy(
        'shop',
        'db-from-web-named',
        'podSelector: {matchLabels: {app: db}}\ningress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: pg}]}]',
      ),
      policy(
        'shop',
        'web-egress',
        'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress: [{ports: [{port: pg}]}]',
      ),
      // A policy in ops never isolates shop's pods, whatever its podSelector.
      policy('ops', 'ops-deny-ingress', 'podSelector: {}\npolicyTypes: [Ingress]'),
    );
  });

  it('names every rule that allows, in policy order, and every isolating policy', () => {
    expect(verdict(cluster, 'shop/web', 'shop/db', 5432)).toMatchObject({
      allowed: true,
      egress: {
        isolated: true,
        allowedBy: [{ policy: 'shop/web-egress', rule: 0 }],
        policies: ['shop/web-egress'],
      },
      ingress: {
        isolated: true,
        allowedBy: [
          { policy: 'shop/db-ingress', rule: 0 },
          { policy: 'shop/db-from-web-named', rule: 0 },
        ],
        policies: ['shop/db-ingress', 'shop/db-from-web-named'],
      },
    });
  });

  it('an isolated direction with no allowing rule denies, naming the isolating policies', () => {
    expect(verdict(cluster, 'shop/web', 'shop/db', 5433)).toMatchObject({
      allowed: false,
      egress: { isolated: true, allowedBy: [], policies: ['shop/web-egress'] },
      ingress: {
        isolated: true,
        allowedBy: [],
        policies: ['shop/db-ingress', 'shop/db-from-web-named'],
      },
    });
  });

  it('a rule with no ports allows every port of every protocol (from the chosen peers)', () => {
    expect(verdict(cluster, 'ops/probe', 'shop/db', 9, 'SCTP')).toMatchObject({
      allowed: true,
      egress: open,
      ingress: { isolated: true, allowedBy: [{ policy: 'shop/db-ingress', rule: 1 }] },
    });
  });

  it('an egress named port resolves against the destination pod', () => {
    // web's egress allows "pg": db calls 5432 pg; probe has no port of that name.
    expect(verdict(cluster, 'shop/web', 'ops/probe', 5432).allowed).toBe(false);
    expect(verdict(cluster, 'shop/web', 'ops/probe', 5432).egress).toMatchObject({ allowedBy: [] });
  });

  it('policies isolate only pods of their own namespace', () => {
    expect(verdict(cluster, 'ops/probe', 'shop/web').ingress).toMatchObject(open);
    expect(verdict(cluster, 'shop/db', 'ops/probe')).toMatchObject({
      allowed: false,
      ingress: { isolated: true, allowedBy: [], policies: ['ops/ops-deny-ingress'] },
    });
  });
});

describe('evaluateConnection: empty versus absent', () => {
  const toWeb = (spec: string) =>
    verdict(load(policy('shop', 'p', spec)), 'ops/probe', 'shop/web', 8080);

  it('from: [] and ports: [] mean everything, as absent ones do', () => {
    // `- from:` with nothing after it is YAML null: absent, as the API reads it.
    const rules = [
      '{}',
      '{from: []}',
      '{ports: []}',
      '{from: [], ports: []}',
      '{from: null, ports: null}',
    ];
    for (const rule of rules) {
      expect(toWeb(`podSelector: {}\ningress: [${rule}]`), rule).toMatchObject({
        allowed: true,
        ingress: { isolated: true, allowedBy: [{ policy: 'shop/p', rule: 0 }] },
      });
    }
  });

  it('ingress: [] and an absent ingress (with the Ingress type) deny all ingress', () => {
    for (const spec of [
      'podSelector: {}\ningress: []',
      'podSelector: {}\ningress: null',
      'podSelector: {}\npolicyTypes: [Ingress]',
      'podSelector: {}',
    ]) {
      expect(toWeb(spec), spec).toMatchObject({
        allowed: false,
        ingress: { isolated: true, allowedBy: [], policies: ['shop/p'] },
      });
    }
  });

  it('a peer with no field set, `from: [{}]`, is rejected as the API server rejects it', () => {
    const spec = 'podSelector: {}\ningress: [{from: [{}]}]';
    const { diagnostics } = loadScenario([
      { file: 'np.yaml', content: [BASE, policy('shop', 'p', spec)].join('\n---\n') },
    ]);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.path)).toEqual(['spec.ingress[0].from[0]']);
    expect(errors[0]?.message).toMatch(/must specify a peer/);
  });

  it('policyTypes default to Ingress, plus Egress only when egress has rules', () => {
    const withEgressRules = load(
      policy(
        'shop',
        'p',
        'podSelector: {matchLabels: {app: web}}\negress: [{ports: [{port: 53, protocol: UDP}]}]',
      ),
    );
    expect(verdict(withEgressRules, 'shop/web', 'ops/probe')).toMatchObject({
      allowed: false,
      egress: { isolated: true, allowedBy: [], policies: ['shop/p'] },
    });
    expect(verdict(withEgressRules, 'shop/db', 'shop/web').ingress).toMatchObject({
      isolated: true,
      allowedBy: [],
      policies: ['shop/p'],
    });
    const emptyEgress = load(
      policy('shop', 'p', 'podSelector: {matchLabels: {app: web}}\ningress: [{}]\negress: []'),
    );
    expect(verdict(emptyEgress, 'shop/web', 'ops/probe')).toMatchObject({
      allowed: true,
      egress: open,
    });
    const egressOnly = load(
      policy('shop', 'p', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]'),
    );
    expect(verdict(egressOnly, 'ops/probe', 'shop/web')).toMatchObject({
      allowed: true,
      ingress: open,
    });
    expect(verdict(egressOnly, 'shop/web', 'ops/probe').allowed).toBe(false);
  });
});

describe('evaluateConnection: hostNetwork pods (the node itself, as Calico and Cilium see it)', () => {
  it('no policy selects a hostNetwork pod: its ingress and egress are never isolated', () => {
    const cluster = load(denyAll('ops'));
    expect(verdict(cluster, 'shop/web', 'ops/remote-agent')).toMatchObject({
      allowed: true,
      ingress: open,
    });
    expect(verdict(cluster, 'ops/remote-agent', 'shop/db')).toMatchObject({
      allowed: true,
      egress: open,
    });
  });

  it('the host always reaches pods on its own node, even under default deny', () => {
    const cluster = load(denyAll('shop'));
    expect(verdict(cluster, 'ops/node-agent', 'shop/web')).toMatchObject({
      allowed: true,
      egress: open,
      ingress: open,
    });
  });

  it('from another node it is the node IP: only an ipBlock admits it, never a selector', () => {
    const bySelector = load(
      policy(
        'shop',
        'all-pods',
        'podSelector: {}\ningress: [{from: [{namespaceSelector: {}}, {podSelector: {}}]}]',
      ),
    );
    expect(verdict(bySelector, 'ops/remote-agent', 'shop/web')).toMatchObject({
      allowed: false,
      ingress: { isolated: true, allowedBy: [], policies: ['shop/all-pods'] },
    });
    expect(verdict(bySelector, 'ops/probe', 'shop/web').allowed).toBe(true);
    const byNodeIp = load(
      policy(
        'shop',
        'nodes',
        'podSelector: {}\ningress: [{from: [{ipBlock: {cidr: 172.18.0.4/32}}]}]',
      ),
    );
    expect(verdict(byNodeIp, 'ops/remote-agent', 'shop/web')).toMatchObject({
      allowed: true,
      ingress: { isolated: true, allowedBy: [{ policy: 'shop/nodes', rule: 0 }] },
    });
    expect(verdict(byNodeIp, 'ops/remote-agent', 'shop/db').allowed).toBe(true); // same node: always
    expect(verdict(byNodeIp, 'ops/probe', 'shop/web').allowed).toBe(false);
  });

  it("towards a hostNetwork pod the source's egress still applies, by node IP", () => {
    const bySelector = load(
      policy(
        'shop',
        'to-agents',
        'podSelector: {}\npolicyTypes: [Egress]\negress: [{to: [{namespaceSelector: {}}]}]',
      ),
    );
    expect(verdict(bySelector, 'shop/web', 'ops/remote-agent')).toMatchObject({
      allowed: false,
      egress: { isolated: true, allowedBy: [] },
      ingress: open,
    });
    expect(verdict(bySelector, 'shop/web', 'ops/probe').allowed).toBe(true);
    const byNodeIp = load(
      policy(
        'shop',
        'to-nodes',
        'podSelector: {}\npolicyTypes: [Egress]\negress: [{to: [{ipBlock: {cidr: 172.18.0.0/16}}]}]',
      ),
    );
    expect(verdict(byNodeIp, 'shop/web', 'ops/remote-agent')).toMatchObject({
      allowed: true,
      egress: { isolated: true, allowedBy: [{ policy: 'shop/to-nodes', rule: 0 }] },
    });
  });
});

describe('evaluateConnection: self traffic and a CNI without enforcement', () => {
  it('a pod always reaches itself, even when deny-all selects it', () => {
    const cluster = load(denyAll('shop'));
    expect(verdict(cluster, 'shop/web', 'shop/web', 8080)).toMatchObject({
      allowed: true,
      egress: open,
      ingress: open,
    });
    expect(verdict(cluster, 'shop/web', 'shop/db').allowed).toBe(false);
  });

  it('under flannel every connection is allowed, the matrix says it is not enforced, and a warning says why', () => {
    const flannel =
      'apiVersion: k8snet.dev/v1alpha1\nkind: ClusterSettings\nmetadata: {name: cluster}\nspec: {cni: {plugin: flannel}}';
    const { cluster, diagnostics } = loadScenario([
      { file: 'np.yaml', content: [BASE, flannel, denyAll('shop')].join('\n---\n') },
    ]);
    expect(verdict(cluster, 'ops/probe', 'shop/web')).toMatchObject({
      allowed: true,
      egress: open,
      ingress: open,
    });
    const matrix = computeMatrix(cluster, { port: 80, protocol: 'TCP' });
    expect(matrix.enforced).toBe(false);
    expect(matrix.pods.map((p) => p.key)).toEqual([
      'shop/web',
      'shop/db',
      'ops/probe',
      'ops/node-agent',
      'ops/remote-agent',
    ]);
    expect(matrix.pods.every((_, i) => matrix.pods.every((__, j) => matrix.isAllowed(i, j)))).toBe(
      true,
    );
    expect(diagnostics.filter((d) => d.severity === 'warning').map((d) => d.code)).toContain(
      'policy-not-enforced',
    );
  });

  it('a pod without an IP is not in the matrix', () => {
    const pending = `apiVersion: v1\nkind: Pod\nmetadata: {name: lost, namespace: shop}\nspec:\n  nodeName: worker-9\n  containers: [{name: c, image: busybox:1.36}]`;
    const cluster = load(pending);
    expect(cluster.podByKey.get('shop/lost')?.ip).toBeNull();
    const matrix = computeMatrix(cluster, { port: 80, protocol: 'TCP', namespaces: ['shop'] });
    expect(matrix.pods.map((p) => p.key)).toEqual(['shop/web', 'shop/db']);
    expect(matrix.enforced).toBe(true);
  });
});
