/**
 * `probe`, one behaviour per test, with concrete values: verdicts, addresses, chains, bodies.
 * Scenarios pin pods with `nodeName` so their IPs are known (10.244.<node>.x in creation order,
 * node IPs 172.18.0.2/.3/.4 for control-plane, worker-1, worker-2).
 */
import { describe, expect, it } from 'vitest';
import type { Hop } from '../hops';
import { scenarioOf } from '../testing/scenario';
import type { Cluster } from '../types';
import { probe } from './probe';
import type { ProbeRequest, ProbeResult } from './types';

const clusters = new Map<string, Cluster>();

/** Probe `req` in the cluster built from `yaml` (each YAML built once). */
function run(yaml: string, req: ProbeRequest): ProbeResult {
  let c = clusters.get(yaml);
  if (!c) {
    c = scenarioOf(yaml).cluster;
    clusters.set(yaml, c);
  }
  return probe(c, req);
}

function settings(cni: string, cniMode: string, proxy = 'iptables'): string {
  return `apiVersion: k8snet.dev/v1alpha1
kind: ClusterSettings
metadata: {name: cluster}
spec: {cni: {plugin: ${cni}, mode: ${cniMode}}, kubeProxy: {mode: ${proxy}}}
---
`;
}

/** Hops of the connection itself, without the DNS lookup's own traffic. */
function connectionHops(r: ProbeResult): Hop[] {
  return r.hops.filter((h) => h.kind !== 'dns' && !h.text.startsWith('[DNS]'));
}

function natHop(r: ProbeResult): Hop | undefined {
  return connectionHops(r).find((h) => h.kind === 'nat');
}

/**
 * client (busybox) on worker-1 = 10.244.1.2, web (nginx) on worker-2 = 10.244.2.2, idle
 * (busybox, app: idle) on worker-2 = 10.244.2.3; Service web 8080 → 80, idle 80, none 80.
 */
const BASE = `apiVersion: v1
kind: Pod
metadata: {name: client, labels: {app: client}}
spec: {nodeName: worker-1, containers: [{name: c, image: busybox, command: [sleep, infinity]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {nodeName: worker-2, containers: [{name: nginx, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: idle, labels: {app: idle}}
spec: {nodeName: worker-2, containers: [{name: c, image: busybox, command: [sleep, infinity]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {clusterIP: 10.96.100.100, selector: {app: web}, ports: [{port: 8080, targetPort: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: idle}
spec: {selector: {app: idle}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: none}
spec: {selector: {app: nothing}, ports: [{port: 80}]}
`;

describe('Services and kube-proxy', () => {
  it('a ClusterIP is DNATed by KUBE-SVC-/KUBE-SEP- chains to the backend and targetPort', () => {
    const r = run(BASE, { from: 'default/client', to: 'service:default/web' });
    expect(r.verdict).toBe('delivered');
    expect(r.port).toBe(8080);
    const nat = natHop(r)!;
    expect(nat.at).toBe('service:default/web');
    expect(nat.node).toBe('worker-1');
    expect(nat.device).toMatch(/^KUBE-SERVICES → KUBE-SVC-[A-Z2-7]{16} → KUBE-SEP-[A-Z2-7]{16}$/);
    expect(nat.packet).toEqual({
      src: expect.stringMatching(/^10\.244\.1\.2:\d+$/) as unknown,
      dst: '10.244.2.2:80',
      protocol: 'TCP',
    });
    expect(r.backend).toEqual({ pod: 'default/web', ip: '10.244.2.2' });
    expect(r.seenSource).toBe('10.244.1.2');
    expect(r.response?.body).toContain('Welcome to nginx!');
  });

  it('a Service without endpoints: no-endpoints, rejected at the service', () => {
    const r = run(BASE, { from: 'default/client', to: 'service:default/none' });
    expect(r.verdict).toBe('no-endpoints');
    expect(r.backend).toBeNull();
    expect(r.backends).toEqual([]);
    expect(r.hops.at(-1)).toMatchObject({ kind: 'drop', at: 'service:default/none' });
  });

  it('nothing listening in the backend: refused (busybox on port 80)', () => {
    const r = run(BASE, { from: 'default/client', to: 'service:default/idle' });
    expect(r.verdict).toBe('refused');
    expect(r.backend).toEqual({ pod: 'default/idle', ip: '10.244.2.3' });
    expect(r.response).toBeNull();
    expect(r.explanation).toBe('nothing in default/idle listens on 80/TCP: connection refused');
    expect(r.hops.at(-1)).toMatchObject({ kind: 'drop', at: 'pod:default/idle', device: 'eth0' });
  });

  it('refused by pod IP too', () => {
    const r = run(BASE, { from: 'default/client', to: '10.244.2.3', port: 80 });
    expect(r.verdict).toBe('refused');
    expect(r.hops.at(-1)?.text).toMatch(/^RST: /);
  });

  it('a ClusterIP on a port the Service does not have: unreachable, and says which ports', () => {
    const r = run(BASE, { from: 'default/client', to: '10.96.100.100', port: 80 });
    expect(r.verdict).toBe('unreachable');
    // The Service exists; only port 8080 is served. The explanation must not deny the Service.
    expect(r.explanation).not.toContain('no Service has the address');
    expect(r.explanation).toContain('default/web');
    expect(r.explanation).toContain('8080');
  });

  const affinity = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: sticky}
spec: {sessionAffinity: ClientIP, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: plain}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {nodeName: worker-1, containers: [{name: c, image: busybox, command: [sleep, infinity]}]}
`;

  function backendsOver(to: string, seeds: number): Set<string> {
    const seen = new Set<string>();
    for (let seed = 0; seed < seeds; seed++) {
      const r = run(affinity, { from: 'default/client', to, seed });
      expect(r.verdict).toBe('delivered');
      seen.add(r.backend?.pod ?? '-');
    }
    return seen;
  }

  it('sessionAffinity ClientIP: the same backend for every connection of one client', () => {
    expect(backendsOver('service:default/sticky', 20).size).toBe(1);
    const r = run(affinity, { from: 'default/client', to: 'service:default/sticky' });
    expect(natHop(r)?.text).toContain('sessionAffinity ClientIP');
  });

  it('without affinity, connections spread over all three replicas', () => {
    expect(backendsOver('service:default/plain', 30).size).toBe(3);
  });
});

describe('kube-proxy modes name their own rules in the nat hop', () => {
  const scenario = (mode: string) => settings('canal', 'overlay', mode) + BASE;

  it('iptables: KUBE-SVC-…', () => {
    const r = run(scenario('iptables'), { from: 'default/client', to: 'service:default/web' });
    expect(natHop(r)?.device).toContain('KUBE-SVC-');
    expect(natHop(r)?.text).toContain('kube-proxy (iptables)');
  });

  it('nftables: the services map, service- and endpoint- chains', () => {
    const r = run(scenario('nftables'), { from: 'default/client', to: 'service:default/web' });
    expect(r.verdict).toBe('delivered');
    expect(natHop(r)?.device).toMatch(
      /^services → service-[A-Z2-7]{8}-default\/web\/tcp\/ → endpoint-[A-Z2-7]{8}-default\/web\/tcp\/__10\.244\.2\.2\/80$/,
    );
    expect(natHop(r)?.device).not.toContain('KUBE-');
  });

  it('ipvs: a virtual server on kube-ipvs0 with the rr scheduler', () => {
    const r = run(scenario('ipvs'), { from: 'default/client', to: 'service:default/web' });
    expect(r.verdict).toBe('delivered');
    expect(natHop(r)?.device).toBe('kube-ipvs0 10.96.100.100:8080 rr → -> 10.244.2.2:80 Masq');
    expect(natHop(r)?.text).toContain('kube-proxy (ipvs)');
  });
});

describe('CNI data paths', () => {
  it('canal overlay: VXLAN on flannel.1, outer node IPs on UDP 8472', () => {
    const r = run(BASE, { from: 'default/client', to: '10.244.2.2' });
    expect(r.hops.find((h) => h.kind === 'encap')).toMatchObject({
      node: 'worker-1',
      device: 'flannel.1',
      outer: { src: '172.18.0.3:8472', dst: '172.18.0.4:8472', protocol: 'UDP' },
    });
  });

  it('calico routed: no encapsulation, a BGP route out of eth0', () => {
    const r = run(settings('calico', 'routed') + BASE, {
      from: 'default/client',
      to: 'service:default/web',
    });
    expect(r.verdict).toBe('delivered');
    expect(r.hops.some((h) => h.kind === 'encap' || h.kind === 'decap')).toBe(false);
    expect(r.hops.some((h) => h.outer !== undefined)).toBe(false);
    const route = r.hops.find((h) => h.kind === 'route' && h.node === 'worker-1');
    expect(route?.device).toBe('eth0');
    expect(route?.text).toContain('BGP');
    expect(r.seenSource).toBe('10.244.1.2');
  });

  it('calico overlay: vxlan.calico on UDP 4789', () => {
    const r = run(settings('calico', 'overlay') + BASE, {
      from: 'default/client',
      to: '10.244.2.2',
    });
    expect(r.hops.find((h) => h.kind === 'encap')).toMatchObject({
      device: 'vxlan.calico',
      outer: { src: '172.18.0.3:4789', dst: '172.18.0.4:4789', protocol: 'UDP' },
    });
  });

  const denyAll = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`;

  it('canal enforces a deny-all policy', () => {
    const r = run(BASE + denyAll, { from: 'default/client', to: '10.244.2.2' });
    expect(r.verdict).toBe('denied');
  });

  it('flannel does not enforce NetworkPolicy: delivered anyway, and the result says so', () => {
    const r = run(settings('flannel', 'overlay') + BASE + denyAll, {
      from: 'default/client',
      to: '10.244.2.2',
    });
    expect(r.verdict).toBe('delivered');
    expect(r.hops.some((h) => h.kind === 'policy')).toBe(false);
    const said = [r.explanation, ...r.hops.map((h) => h.text)].join('\n');
    expect(said).toMatch(/flannel/i);
    expect(said).toMatch(/not enforce/i);
  });
});

describe('cluster DNS as traffic', () => {
  it('NXDOMAIN for a missing name, after the whole search list', () => {
    const r = run(BASE, { from: 'default/client', to: 'nosuch' });
    expect(r.verdict).toBe('nxdomain');
    expect(r.resolved).toEqual({ name: 'nosuch', ip: null, cname: null });
    expect(r.hops[0]).toMatchObject({ kind: 'dns', at: 'pod:default/client' });
    expect(r.hops[0]?.text).toBe(
      'asks 10.96.0.10 (UDP 53) for nosuch, as resolv.conf says (search list, ndots:5)',
    );
    expect(r.hops.find((h) => h.device === 'CoreDNS')?.text).toBe(
      'queries in order: nosuch.default.svc.cluster.local (NXDOMAIN), nosuch.svc.cluster.local (NXDOMAIN), nosuch.cluster.local (NXDOMAIN), nosuch (NXDOMAIN)',
    );
  });

  const locked = `apiVersion: v1
kind: Namespace
metadata: {name: app}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: app}
spec: {nodeName: worker-1, containers: [{name: c, image: busybox, command: [sleep, infinity]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: app, labels: {app: web}}
spec: {nodeName: worker-2, containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: app}
spec: {selector: {app: web}, ports: [{port: 8080, targetPort: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-egress, namespace: app}
spec: {podSelector: {}, policyTypes: [Egress]}
`;
  const allowDns = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-dns, namespace: app}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    ports: [{protocol: UDP, port: 53}]
`;
  const allowWeb = (port: number) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-web, namespace: app}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {matchLabels: {app: web}}}], ports: [{protocol: TCP, port: ${port}}]}]
`;
  const req = { from: 'app/client', to: 'web', port: 8080 } as const;

  it('default-deny egress breaks name resolution: denied, and the DNS query is named', () => {
    const r = run(locked, req);
    expect(r.verdict).toBe('denied');
    expect(r.resolved).toBeNull();
    expect(r.explanation).toContain('name resolution failed');
    expect(r.explanation).toContain('DNS query to 10.96.0.10:53/UDP was blocked');
    expect(r.hops.at(-1)).toMatchObject({
      kind: 'policy',
      verdict: 'denied',
      packet: { protocol: 'UDP' },
    });
    expect(r.hops.at(-1)?.text).toContain('[DNS] egress policy of app/client');
  });

  it('allowing UDP 53 to kube-dns fixes resolution; the connection itself is still denied', () => {
    const r = run(locked + allowDns, req);
    expect(r.resolved?.name).toBe('web.app.svc.cluster.local');
    expect(r.verdict).toBe('denied');
    expect(r.explanation).not.toContain('DNS');
    expect(r.explanation).toContain('app/client');
  });

  it('policy is checked after DNAT: allowing the targetPort 80 lets it through', () => {
    const r = run(locked + allowDns + allowWeb(80), req);
    expect(r.verdict).toBe('delivered');
    expect(r.backend).toEqual({ pod: 'app/web', ip: '10.244.2.2' });
    const egress = connectionHops(r).find((h) => h.kind === 'policy');
    expect(egress?.packet.dst).toBe('10.244.2.2:80');
    expect(egress?.text).toBe('egress policy of app/client: allowed by app/allow-web rule 0');
  });

  it('allowing the Service port 8080 does not: the packet is already on port 80', () => {
    const r = run(locked + allowDns + allowWeb(8080), req);
    expect(r.verdict).toBe('denied');
    expect(r.hops.at(-1)).toMatchObject({ verdict: 'denied', packet: { dst: '10.244.2.2:80' } });
  });
});

const EDGE = `apiVersion: v1
kind: Pod
metadata: {name: echo, labels: {app: echo}}
spec: {nodeName: worker-1, containers: [{name: c, image: registry.k8s.io/echoserver:1.10}]}
---
apiVersion: v1
kind: Service
metadata: {name: local}
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  selector: {app: echo}
  ports: [{port: 80, targetPort: 8080, nodePort: 31001}]
---
apiVersion: v1
kind: Service
metadata: {name: cluster}
spec:
  type: LoadBalancer
  externalTrafficPolicy: Cluster
  selector: {app: echo}
  ports: [{port: 80, targetPort: 8080, nodePort: 31002}]
---
apiVersion: v1
kind: Service
metadata: {name: np}
spec: {type: NodePort, selector: {app: echo}, ports: [{port: 80, targetPort: 8080, nodePort: 30080}]}
---
apiVersion: v1
kind: Service
metadata: {name: internal}
spec: {selector: {app: echo}, ports: [{port: 80, targetPort: 8080}]}
`;

describe('traffic from outside the cluster', () => {
  it('externalTrafficPolicy Local keeps the client IP', () => {
    const r = run(EDGE, { from: 'external', to: 'service:default/local' });
    expect(r.verdict).toBe('delivered');
    expect(r.seenSource).toBe('203.0.113.10');
    expect(r.response?.body).toContain('client_address=203.0.113.10');
    expect(natHop(r)?.device).toContain('KUBE-SVL-');
  });

  it('externalTrafficPolicy Cluster SNATs to the receiving node IP', () => {
    const r = run(EDGE, { from: 'external', to: 'service:default/cluster' });
    expect(r.verdict).toBe('delivered');
    expect(r.seenSource).toBe('172.18.0.3');
    expect(r.response?.body).toContain('client_address=172.18.0.3');
    expect(r.hops.some((h) => h.device === 'KUBE-POSTROUTING MASQUERADE')).toBe(true);
  });

  it('etp Local on a node without a local endpoint drops the packet', () => {
    const r = run(EDGE, { from: 'external', to: 'node:worker-2', port: 31001 });
    expect(r.verdict).toBe('unreachable');
    expect(r.explanation).toContain('no ready endpoint on worker-2');
  });

  it('a NodePort answers on any node IP (forwarded to worker-1, SNATed to worker-2)', () => {
    const r = run(EDGE, { from: 'external', to: 'node:worker-2', port: 30080 });
    expect(r.verdict).toBe('delivered');
    expect(r.backend).toEqual({ pod: 'default/echo', ip: '10.244.1.2' });
    expect(r.seenSource).toBe('172.18.0.4');
    expect(natHop(r)?.device).toContain('KUBE-NODEPORTS');
  });

  it('service:ns/name of a NodePort Service has no outside address: points at node:NAME', () => {
    const r = run(EDGE, { from: 'external', to: 'service:default/np' });
    expect(r.verdict).toBe('unreachable');
    expect(r.explanation).toContain('node:worker-1 on its nodePort 30080');
  });

  it('service:ns/name of a ClusterIP Service: unreachable, suggests NodePort or LoadBalancer', () => {
    const r = run(EDGE, { from: 'external', to: 'service:default/internal' });
    expect(r.verdict).toBe('unreachable');
    expect(r.explanation).toContain('no LoadBalancer IP or externalIPs');
    expect(r.explanation).toContain('NodePort or LoadBalancer');
  });

  it('pod IPs are not routable from outside', () => {
    const r = run(EDGE, { from: 'external', to: '10.244.1.2', port: 8080 });
    expect(r.verdict).toBe('unreachable');
    expect(r.explanation).toContain('pod IP');
  });
});

const HOST = `apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {nodeName: worker-1, containers: [{name: c, image: busybox, command: [sleep, infinity]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: hostnet}
spec: {nodeName: worker-2, hostNetwork: true, containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: hp}
spec:
  nodeName: worker-2
  containers:
  - {name: c, image: hashicorp/http-echo, args: ["-text=via hostPort"], ports: [{containerPort: 5678, hostPort: 8088}]}
`;

describe('host networking', () => {
  it('a hostNetwork pod answers on its node IP', () => {
    const r = run(HOST, { from: 'default/client', to: 'node:worker-2', port: 80 });
    expect(r.verdict).toBe('delivered');
    expect(r.backend).toEqual({ pod: 'default/hostnet', ip: '172.18.0.4' });
    expect(r.hops.at(-1)).toMatchObject({ kind: 'deliver', at: 'pod:default/hostnet' });
    expect(r.response?.body).toContain('Welcome to nginx!');
  });

  it('a hostPort is DNATed by the CNI portmap plugin to the pod', () => {
    const r = run(HOST, { from: 'external', to: 'node:worker-2', port: 8088 });
    expect(r.verdict).toBe('delivered');
    expect(r.hops.find((h) => h.kind === 'nat')).toMatchObject({
      device: 'CNI-HOSTPORT-DNAT',
      packet: { dst: '10.244.2.2:5678' },
    });
    expect(r.seenSource).toBe('203.0.113.10');
    expect(r.response).toEqual({ status: 200, body: 'via hostPort\n' });
    // The backend is the pod, at its own IP (the DNAT target), not the node's.
    expect(r.backend).toEqual({ pod: 'default/hp', ip: '10.244.2.2' });
  });
});

const NAMES = `apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {nodeName: worker-1, containers: [{name: c, image: busybox, command: [sleep, infinity]}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: redis, image: redis}]}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {clusterIP: None, selector: {app: db}, ports: [{port: 6379}]}
---
apiVersion: v1
kind: Service
metadata: {name: ext}
spec: {type: ExternalName, externalName: api.example.org}
`;

describe('Service names', () => {
  it('ExternalName is a CNAME only: resolved outside, no kube-proxy rule, masqueraded out', () => {
    const r = run(NAMES, { from: 'default/client', to: 'http://ext' });
    expect(r.verdict).toBe('delivered');
    expect(r.resolved).toMatchObject({
      name: 'ext.default.svc.cluster.local',
      cname: 'api.example.org',
    });
    expect(r.resolved?.ip).toMatch(/^198\.51\.100\.\d+$/);
    expect(natHop(r)?.device).toBe('POSTROUTING MASQUERADE');
    expect(r.seenSource).toBe('172.18.0.3');
    expect(r.backend?.pod).toBeNull();
  });

  it('a headless Service resolves to pod IPs: no ClusterIP, no DNAT', () => {
    const r = run(NAMES, { from: 'default/client', to: 'db', port: 6379 });
    expect(r.verdict).toBe('delivered');
    expect(r.resolved).toEqual({
      name: 'db.default.svc.cluster.local',
      ip: '10.244.2.2',
      cname: null,
    });
    expect(r.hops.find((h) => h.device === 'resolver')?.text).toBe(
      'db resolves to 10.244.2.2, 10.244.1.3',
    );
    expect(natHop(r)).toBeUndefined();
    expect(r.backend).toEqual({ pod: 'default/db-0', ip: '10.244.2.2' });
    expect(r.response).toBeNull();
    expect(r.explanation).toContain('speaks redis, not HTTP');
  });

  it('StatefulSet pods behind it get their own names', () => {
    const r = run(NAMES, { from: 'default/client', to: 'db-1.db', port: 6379 });
    expect(r.resolved).toMatchObject({
      name: 'db-1.db.default.svc.cluster.local',
      ip: '10.244.1.3',
    });
    expect(r.backend).toEqual({ pod: 'default/db-1', ip: '10.244.1.3' });
  });
});

const PAIR = `apiVersion: v1
kind: Pod
metadata: {name: pair}
spec:
  nodeName: worker-1
  containers:
  - {name: web, image: nginx}
  - {name: side, image: busybox, command: [sleep, infinity]}
`;

describe('localhost', () => {
  it('reaches the other container of the pod', () => {
    const r = run(PAIR, { from: 'default/pair:side', to: 'localhost', port: 80 });
    expect(r.verdict).toBe('delivered');
    expect(r.backend).toEqual({ pod: 'default/pair', ip: '127.0.0.1' });
    expect(r.seenSource).toBe('127.0.0.1');
    expect(r.hops.every((h) => h.at === 'pod:default/pair')).toBe(true);
    expect(r.explanation).toContain('(a different container from side: they share localhost)');
  });

  it('is refused on a port nothing in the pod listens on', () => {
    const r = run(PAIR, { from: 'default/pair:side', to: 'localhost', port: 8080 });
    expect(r.verdict).toBe('refused');
  });

  it('keeps the URL path: nginx answers 404 for a file it does not have', () => {
    const r = run(PAIR, { from: 'default/pair:side', to: 'http://localhost/missing.html' });
    expect(r.verdict).toBe('delivered');
    expect(r.response?.status).toBe(404);
  });
});

const INGRESS = `apiVersion: v1
kind: Pod
metadata: {name: echo, labels: {app: echo}}
spec: {nodeName: worker-1, containers: [{name: c, image: hashicorp/http-echo, args: ["-text=echo"]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: shop, labels: {app: shop}}
spec: {nodeName: worker-2, containers: [{name: c, image: hashicorp/http-echo, args: ["-text=shop"]}]}
---
apiVersion: v1
kind: Service
metadata: {name: echo}
spec: {selector: {app: echo}, ports: [{port: 80, targetPort: 5678}]}
---
apiVersion: v1
kind: Service
metadata: {name: shop}
spec: {selector: {app: shop}, ports: [{port: 80, targetPort: 5678}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: site}
spec:
  rules:
  - host: echo.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: echo, port: {number: 80}}}}]}
  - host: example.com
    http: {paths: [{path: /shop, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}]}
`;

describe('Ingress', () => {
  it('routes by host; the backend sees the controller pod as the source', () => {
    const r = run(INGRESS, { from: 'external', to: 'http://echo.example.com/' });
    expect(r.verdict).toBe('delivered');
    expect(r.resolved).toEqual({ name: 'echo.example.com', ip: '172.18.255.200', cname: null });
    expect(r.backend).toEqual({ pod: 'default/echo', ip: '10.244.1.2' });
    expect(r.seenSource).toBe('10.244.0.4');
    expect(r.response).toEqual({ status: 200, body: 'echo\n' });
  });

  it('routes by path within a host', () => {
    const r = run(INGRESS, { from: 'external', to: 'http://example.com/shop/cart' });
    expect(r.backend).toEqual({ pod: 'default/shop', ip: '10.244.2.2' });
    expect(r.seenSource).toBe('10.244.0.4');
    expect(r.response?.body).toBe('shop\n');
  });

  it('answers 404 from its default backend when no rule matches', () => {
    const r = run(INGRESS, { from: 'external', to: 'http://example.com/other' });
    expect(r.verdict).toBe('delivered');
    expect(r.backend?.pod).toMatch(/^ingress-nginx\/ingress-nginx-controller-/);
    expect(r.response?.status).toBe(404);
  });
});

describe('not-found', () => {
  it.each([
    [{ from: 'default/nosuch', to: 'service:default/web' }, 'no pod default/nosuch'],
    [{ from: 'default/client', to: 'default/nosuch' }, 'no pod default/nosuch'],
    [{ from: 'default/client', to: 'service:default/nosuch' }, 'no Service default/nosuch'],
    [{ from: 'default/client', to: 'node:worker-9' }, 'no node worker-9'],
    [
      { from: 'default/client:nope', to: 'localhost' },
      'pod default/client has no container "nope"',
    ],
  ])('%o', (req, message) => {
    const r = run(BASE, req);
    expect(r.verdict).toBe('not-found');
    expect(r.explanation).toContain(message);
    expect(r.hops).toEqual([]);
  });
});
