/**
 * proposeAllowPolicy: the verdict now, the proposal's YAML, and — the property that matters —
 * the verdict after the proposal is added to the scenario.
 */
import { describe, expect, it } from 'vitest';
import { proposeAllowPolicy } from './allowPolicy';
import { evaluateConnection } from './networkpolicy';
import { lines, scenarioOf } from './testing/scenario';
import type { Cluster, Protocol, SimPod } from './types';

/**
 * shop denies all ingress, except api from web on 80; ops denies all egress. web is a Deployment
 * (its pods carry pod-template-hash); bare has no labels; worker declares and listens on nothing;
 * agent is on the host network of worker-1.
 */
const BASE = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: ops}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, tier: "1"}}
    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec:
  nodeName: worker-2
  containers: [{name: api, image: nginx, ports: [{name: http, containerPort: 80}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: bare, namespace: shop}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: worker, namespace: shop, labels: {app: worker}}
spec: {containers: [{name: c, image: busybox, command: [sleep, infinity]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: ops, labels: {app: client}}
spec: {containers: [{name: c, image: busybox, command: [sleep, infinity]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: ops, labels: {app: agent}}
spec: {nodeName: worker-1, hostNetwork: true, containers: [{name: c, image: busybox, command: [sleep, infinity]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec: {podSelector: {}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 80}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress, namespace: ops}
spec: {podSelector: {}, policyTypes: [Egress]}
`;

function pod(cluster: Cluster, key: string): SimPod {
  const p = cluster.podByKey.get(key);
  if (!p) throw new Error(`no pod ${key}`);
  return p;
}

/** The Deployment's one pod, whose name carries generated suffixes. */
function webKey(cluster: Cluster): string {
  const p = cluster.pods.find((x) => x.owners[0]?.name === 'web');
  if (!p) throw new Error('no web pod');
  return p.key;
}

/** Add the proposal to the scenario, rebuild, and check the connection again. */
function verdictAfter(yaml: string, extra: string, from: string, to: string, port = 80) {
  const s = scenarioOf(`${BASE}${extra}---\n${yaml}`);
  const protocol: Protocol = 'TCP';
  return {
    errors: lines(s, 'error'),
    allowed: evaluateConnection(s.cluster, pod(s.cluster, from), pod(s.cluster, to), port, protocol)
      .allowed,
  };
}

describe('proposeAllowPolicy', () => {
  const cluster = scenarioOf(BASE).cluster;
  const web = webKey(cluster);

  it('explains a connection that is already allowed, naming the deciding rule', () => {
    expect(proposeAllowPolicy(cluster, web, 'shop/api')).toEqual({
      allowed: true,
      text: `${web} → shop/api on TCP/80 is already allowed: ${web}'s egress is not isolated, and shop/api's ingress is allowed by shop/api-from-web ingress rule 0. TCP/80 is the first containerPort shop/api declares.`,
      yaml: null,
    });
  });

  it('proposes an Ingress policy selecting identifying labels only, which then allows', () => {
    const p = proposeAllowPolicy(cluster, 'shop/api', web);
    expect(p.allowed).toBe(false);
    expect(p.yaml).toBe(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-api-to-web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
      tier: "1"
  policyTypes:
  - Ingress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: api
    ports:
    - protocol: TCP
      port: 8080
`);
    expect(p.text).toBe(
      `shop/api → ${web} on TCP/8080 is denied: ${web}'s ingress is isolated by shop/deny-all and no ingress rule allows this connection. The proposal adds shop/allow-api-to-web, an Ingress policy selecting ${web} (app=web, tier=1) that admits shop/api on TCP/8080. TCP/8080 is the first containerPort ${web} declares.`,
    );
    expect(verdictAfter(p.yaml ?? '', '', 'shop/api', web, 8080)).toEqual({
      errors: [],
      allowed: true,
    });
  });

  it('fixes both sides across namespaces with two documents', () => {
    const p = proposeAllowPolicy(cluster, 'ops/client', 'shop/api');
    expect(p.allowed).toBe(false);
    const docs = (p.yaml ?? '').split('---\n');
    expect(docs.map((d) => /name: (\S+)\n {2}namespace: (\S+)/.exec(d)?.slice(1))).toEqual([
      ['allow-client-to-api', 'shop'],
      ['allow-client-to-api-egress', 'ops'],
    ]);
    expect(docs[0]).toContain(
      '    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: ops\n      podSelector:\n        matchLabels:\n          app: client\n',
    );
    expect(docs[1]).toContain('  policyTypes:\n  - Egress\n  egress:\n  - to:\n');
    expect(p.text).toContain(
      "ops/client's egress is isolated by ops/deny-egress and no egress rule allows this connection; shop/api's ingress is isolated by shop/deny-all, shop/api-from-web",
    );
    expect(verdictAfter(p.yaml ?? '', '', 'ops/client', 'shop/api')).toEqual({
      errors: [],
      allowed: true,
    });
  });

  it('uses an ipBlock for a host-network source, whose traffic carries the node address', () => {
    const p = proposeAllowPolicy(cluster, 'ops/agent', 'shop/api');
    expect(p.yaml).toContain('  - from:\n    - ipBlock:\n        cidr: 172.18.0.3/32\n');
    expect(verdictAfter(p.yaml ?? '', '', 'ops/agent', 'shop/api')).toEqual({
      errors: [],
      allowed: true,
    });
  });

  it('allows every port when the destination declares and listens on none', () => {
    const p = proposeAllowPolicy(cluster, 'shop/api', 'shop/worker');
    expect(p.yaml).not.toContain('ports:');
    expect(p.text).toContain(
      'shop/worker declares no containerPort and listens on none, so TCP/80 is checked and a proposal would allow every port.',
    );
    const after = scenarioOf(`${BASE}---\n${p.yaml ?? ''}`).cluster;
    const [api, worker] = [pod(after, 'shop/api'), pod(after, 'shop/worker')];
    expect(evaluateConnection(after, api, worker, 80, 'TCP').allowed).toBe(true);
    expect(evaluateConnection(after, api, worker, 9999, 'UDP').allowed).toBe(true);
  });

  it('checks the first listening port when none is declared', () => {
    const plain = `---
apiVersion: v1
kind: Pod
metadata: {name: plain, namespace: shop, labels: {app: plain}}
spec: {containers: [{name: c, image: nginx}]}
`;
    const p = proposeAllowPolicy(scenarioOf(BASE + plain).cluster, 'shop/api', 'shop/plain');
    expect(p.text).toContain(
      'TCP/80 is the first port shop/plain listens on (it declares no containerPort).',
    );
    expect(p.yaml).toContain('    ports:\n    - protocol: TCP\n      port: 80\n');
    expect(verdictAfter(p.yaml ?? '', plain, 'shop/api', 'shop/plain').allowed).toBe(true);
  });

  it('cuts long names to 63 characters, keeping the -egress tail', () => {
    const long = 'client-with-a-really-long-name-that-goes-on-and-on-and-on';
    const extra = `---
apiVersion: v1
kind: Pod
metadata: {name: ${long}, namespace: ops, labels: {app: long}}
spec: {containers: [{name: c, image: busybox, command: [sleep, infinity]}]}
`;
    const p = proposeAllowPolicy(scenarioOf(BASE + extra).cluster, `ops/${long}`, 'shop/api');
    const names = [...(p.yaml ?? '').matchAll(/ {2}name: (\S+)/g)].map((m) => m[1]);
    expect(names).toEqual([
      'allow-client-with-a-really-long-name-that-goes-on-and-on-and-on',
      'allow-client-with-a-really-long-name-that-goes-on-and-on-egress',
    ]);
    expect(verdictAfter(p.yaml ?? '', extra, `ops/${long}`, 'shop/api').allowed).toBe(true);
  });

  it('makes the name unique in the namespace', () => {
    const taken = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-api-to-web, namespace: shop}
spec: {podSelector: {matchLabels: {app: nothing}}, ingress: [{}]}
`;
    const c = scenarioOf(BASE + taken).cluster;
    const p = proposeAllowPolicy(c, 'shop/api', webKey(c));
    expect(p.yaml).toContain('  name: allow-api-to-web-2\n');
    expect(verdictAfter(p.yaml ?? '', taken, 'shop/api', webKey(c), 8080).allowed).toBe(true);
  });

  it('asks for a label when the pod cannot be selected', () => {
    expect(proposeAllowPolicy(cluster, 'shop/api', 'shop/bare')).toEqual({
      allowed: false,
      text: "shop/api → shop/bare on TCP/80 is denied: shop/bare's ingress is isolated by shop/deny-all and no ingress rule allows this connection. shop/bare has no labels a NetworkPolicy could select it by; add one (for example app: bare) and ask again. TCP/80 is the first containerPort shop/bare declares.",
      yaml: null,
    });
  });

  it('says a CNI without enforcement allows everything', () => {
    const flannel = `---\napiVersion: k8snet.dev/v1alpha1\nkind: ClusterSettings\nmetadata: {name: cluster}\nspec: {cni: {plugin: flannel}}\n`;
    expect(proposeAllowPolicy(scenarioOf(BASE + flannel).cluster, 'shop/api', 'shop/bare')).toEqual(
      {
        allowed: true,
        text: 'shop/api → shop/bare on TCP/80 is allowed: the flannel CNI enforces no NetworkPolicy, so every pod reaches every pod whatever the policies say. TCP/80 is the first containerPort shop/bare declares.',
        yaml: null,
      },
    );
  });

  it('reports unknown pods', () => {
    expect(proposeAllowPolicy(cluster, 'shop/api', 'shop/nope')).toEqual({
      allowed: false,
      text: 'pod shop/nope not found',
      yaml: null,
    });
  });
});
