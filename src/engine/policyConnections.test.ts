/**
 * policyConnections: the edges one NetworkPolicy draws, as exact lists — cross-namespace peers,
 * named ports, port ranges, ipBlocks (pods inside, the internet, node addresses), open rules,
 * egress, deny-all, the flannel note and the cap.
 */
import { describe, expect, it } from 'vitest';
import { MAX_POLICY_CONNECTIONS, policyConnections } from './policyConnections';
import { scenarioOf } from './testing/scenario';

/** shop: web and api (tier: front), db; ops: probe and a hostNetwork agent (node IP 172.18.0.3). */
const BASE = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: ops}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web, tier: front}}
spec:
  nodeName: worker-1
  containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 8080}]}]
status: {podIP: 10.244.1.10}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api, tier: front}}
spec:
  nodeName: worker-2
  containers: [{name: api, image: nginx, ports: [{name: http, containerPort: 80}]}]
status: {podIP: 10.244.2.10}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec:
  nodeName: worker-2
  containers: [{name: db, image: postgres, ports: [{name: pg, containerPort: 5432}]}]
status: {podIP: 10.244.2.11}
---
apiVersion: v1
kind: Pod
metadata: {name: probe, namespace: ops, labels: {app: probe}}
spec: {nodeName: worker-1, containers: [{name: probe, image: busybox}]}
status: {podIP: 10.244.1.20}
---
apiVersion: v1
kind: Pod
metadata: {name: node-agent, namespace: ops, labels: {app: agent}}
spec: {nodeName: worker-1, hostNetwork: true, containers: [{name: agent, image: busybox}]}
`;

function policy(ns: string, name: string, spec: string): string {
  const body = spec
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${body}\n`;
}

/** `from → to rule ports` lines: whole lists compare at a glance. */
function edges(yaml: string, key: string) {
  const r = policyConnections(scenarioOf(yaml).cluster, key);
  return {
    lines: r.connections.map(
      (c) =>
        `${c.direction}[${String(c.rule)}] ${c.from} → ${c.to} ${c.ports === null ? 'any port' : c.ports.join(', ')}`,
    ),
    notes: r.notes,
    omitted: r.omitted,
  };
}

const FRONT = policy(
  'shop',
  'front',
  `
podSelector: {matchLabels: {tier: front}}
ingress:
- from:
  - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ops}}
    podSelector: {matchLabels: {app: probe}}
  ports: [{port: http}]
- from: [{podSelector: {}}]
  ports: [{protocol: UDP, port: 53}, {port: 8000, endPort: 8080}]
`,
);

describe('policyConnections', () => {
  it('draws cross-namespace peers, named ports and ranges, without self loops', () => {
    expect(edges(BASE + FRONT, 'shop/front')).toEqual({
      lines: [
        'ingress[0] pod:ops/probe → pod:shop/api TCP/http',
        'ingress[0] pod:ops/probe → pod:shop/web TCP/http',
        'ingress[1] pod:shop/api → pod:shop/web UDP/53, TCP/8000-8080',
        'ingress[1] pod:shop/db → pod:shop/api UDP/53, TCP/8000-8080',
        'ingress[1] pod:shop/db → pod:shop/web UDP/53, TCP/8000-8080',
        'ingress[1] pod:shop/web → pod:shop/api UDP/53, TCP/8000-8080',
      ],
      notes: [],
      omitted: 0,
    });
  });

  it('leaves out destinations that do not declare a named port, and says so', () => {
    const yaml = policy(
      'shop',
      'db-http',
      `
podSelector: {matchLabels: {app: db}}
ingress:
- from: [{podSelector: {matchLabels: {app: web}}}, {podSelector: {matchLabels: {app: gone}}}]
  ports: [{port: http}]
`,
    );
    expect(edges(BASE + yaml, 'shop/db-http')).toEqual({
      lines: [],
      notes: [
        'ingress rule 0: pods with app=gone in namespace shop match no pod',
        'ingress rule 0: shop/db declares no port TCP/http, so the rule allows nothing there',
      ],
      omitted: 0,
    });
  });

  it('matches ipBlock peers by pod IP and draws the internet for blocks holding the client', () => {
    const yaml = policy(
      'shop',
      'web-out',
      `
podSelector: {matchLabels: {app: web}}
policyTypes: [Egress]
egress:
- to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.244.2.0/24]}}]
  ports: [{port: 443}]
- to: [{ipBlock: {cidr: 10.244.2.0/24}}]
  ports: [{port: 5432}]
- to: [{ipBlock: {cidr: 172.18.0.0/16}}]
`,
    );
    expect(edges(BASE + yaml, 'shop/web-out')).toEqual({
      lines: [
        'egress[0] pod:shop/web → external:internet TCP/443',
        'egress[0] pod:shop/web → pod:ops/node-agent TCP/443',
        'egress[0] pod:shop/web → pod:ops/probe TCP/443',
        'egress[1] pod:shop/web → pod:shop/api TCP/5432',
        'egress[1] pod:shop/web → pod:shop/db TCP/5432',
        'egress[2] pod:shop/web → pod:ops/node-agent any port',
      ],
      notes: [
        'egress rule 0: ipBlock 0.0.0.0/0 except 10.244.2.0/24 covers addresses outside the cluster, including the external client 203.0.113.10; drawn as external:internet',
        'egress rule 2: ipBlock 172.18.0.0/16 covers addresses outside the pod network; only pods inside are drawn',
      ],
      omitted: 0,
    });
  });

  it('draws a rule without peers as one edge per selected pod from or to the internet', () => {
    const yaml = policy(
      'shop',
      'open',
      `
podSelector: {matchLabels: {app: api}}
policyTypes: [Ingress, Egress]
ingress: [{}]
egress: [{ports: [{protocol: UDP, port: 53}]}]
`,
    );
    expect(edges(BASE + yaml, 'shop/open')).toEqual({
      lines: [
        'ingress[0] external:internet → pod:shop/api any port',
        'egress[0] pod:shop/api → external:internet UDP/53',
      ],
      notes: [
        'ingress rule 0 allows every source (all pods, nodes and outside addresses); drawn as external:internet',
        'egress rule 0 allows every destination (all pods, nodes and outside addresses); drawn as external:internet',
      ],
      omitted: 0,
    });
  });

  it('says a deny-all policy allows nothing', () => {
    const yaml = policy('shop', 'deny-all', 'podSelector: {}\npolicyTypes: [Ingress, Egress]');
    expect(edges(BASE + yaml, 'shop/deny-all')).toEqual({
      lines: [],
      notes: [
        'shop/deny-all has no ingress rules: it denies all ingress of the pods it selects',
        'shop/deny-all has no egress rules: it denies all egress of the pods it selects',
      ],
      omitted: 0,
    });
  });

  it('notes an unknown policy and a policy that selects nothing', () => {
    expect(edges(BASE, 'shop/nope')).toEqual({
      lines: [],
      notes: ['NetworkPolicy shop/nope not found'],
      omitted: 0,
    });
    const yaml = policy('ops', 'none', 'podSelector: {matchLabels: {app: web}}\ningress: [{}]');
    expect(edges(BASE + yaml, 'ops/none').notes).toEqual([
      'ops/none selects no pods (podSelector: app=web in namespace ops)',
    ]);
  });

  it('still draws the rules under flannel, noting that nothing is enforced', () => {
    const flannel = `---\napiVersion: k8snet.dev/v1alpha1\nkind: ClusterSettings\nmetadata: {name: cluster}\nspec: {cni: {plugin: flannel}}\n`;
    const r = edges(BASE + FRONT + flannel, 'shop/front');
    expect(r.notes).toEqual([
      'the flannel CNI does not enforce NetworkPolicy: these rules are drawn as written but allow and deny nothing',
    ]);
    expect(r.lines).toHaveLength(6);
  });

  it('caps the list deterministically and counts what it leaves out', () => {
    const many = `apiVersion: apps/v1
kind: Deployment
metadata: {name: fleet}
spec:
  replicas: 25
  selector: {matchLabels: {app: fleet}}
  template:
    metadata: {labels: {app: fleet}}
    spec: {containers: [{name: c, image: nginx}]}
`;
    const yaml =
      many + policy('default', 'mesh', 'podSelector: {}\ningress: [{from: [{podSelector: {}}]}]');
    const cluster = scenarioOf(yaml).cluster;
    const a = policyConnections(cluster, 'default/mesh');
    expect(a.connections).toHaveLength(MAX_POLICY_CONNECTIONS);
    expect(a.omitted).toBe(25 * 24 - MAX_POLICY_CONNECTIONS);
    const sorted = [...a.connections].sort((x, y) =>
      `${x.from} ${x.to}` < `${y.from} ${y.to}` ? -1 : 1,
    );
    expect(a.connections).toEqual(sorted);
    expect(policyConnections(scenarioOf(yaml).cluster, 'default/mesh')).toEqual(a);
  });
});
