import { describe, expect, it } from 'vitest';
import { scenarioOf } from '../testing/scenario';
import type { Cluster } from '../types';
import { SMALL } from './testScenarios';
import type { Packet, Translation } from './translate';
import { findServiceHit, translate } from './translate';

const EXTERNAL = '203.0.113.10';
// SMALL places: web-… 10.244.1.2 (worker-1), 10.244.2.2 (worker-2); solo 10.244.1.3
// (worker-1). Nodes: control-plane 172.18.0.2, worker-1 .3, worker-2 .4.
const WEB = '10.102.187.34';
const EMPTY = '10.106.146.79';

const EXTRA = `---
apiVersion: v1
kind: Service
metadata: {name: front}
spec: {type: LoadBalancer, externalIPs: [198.51.100.7], selector: {app: web}, ports: [{name: http, port: 80, nodePort: 30040}]}
---
apiVersion: v1
kind: Service
metadata: {name: solo-itp}
spec: {internalTrafficPolicy: Local, selector: {app: solo}, ports: [{port: 80, targetPort: 5678}]}
`;

function withMode(mode: 'iptables' | 'nftables' | 'ipvs', yaml = SMALL + EXTRA): Cluster {
  return scenarioOf(`apiVersion: k8snet.dev/v1alpha1
kind: ClusterSettings
metadata: {name: cluster}
spec: {kubeProxy: {mode: ${mode}}}
---
${yaml}`).cluster;
}

function packet(
  srcIp: string,
  dstIp: string,
  dstPort: number,
  extra: Partial<Packet> = {},
): Packet {
  return { srcIp, srcPort: 40000, dstIp, dstPort, protocol: 'TCP', fromExternal: false, ...extra };
}

function run(cluster: Cluster, node: string, p: Packet, seed = 0): Translation {
  const t = translate(cluster, node, p, seed);
  if (!t) throw new Error('no service hit');
  return t;
}

const ips = (t: Translation) => t.candidates.map((c) => `${c.endpoint.ip}:${c.port}`);

describe('findServiceHit', () => {
  const c = withMode('iptables');
  const hit = (ip: string, port: number, protocol: 'TCP' | 'UDP' = 'TCP') => {
    const h = findServiceHit(c, ip, port, protocol);
    return h ? `${h.service.key} ${h.frontend} ${h.port.port}` : null;
  };
  it('finds ClusterIPs on the service port and protocol only', () => {
    expect(hit(WEB, 80)).toBe('default/web clusterIP 80');
    expect(hit(WEB, 80, 'UDP')).toBeNull();
    expect(hit(WEB, 8080)).toBeNull();
    expect(hit('10.96.0.10', 53, 'UDP')).toBe('kube-system/kube-dns clusterIP 53');
  });
  it('finds NodePorts on every node IP', () => {
    expect(hit('172.18.0.4', 30080)).toBe('default/web-np nodePort 8080');
    expect(hit('172.18.0.2', 30080)).toBe('default/web-np nodePort 8080');
    expect(hit('172.18.0.4', 8080)).toBeNull();
    expect(hit('10.244.1.2', 30080)).toBeNull();
  });
  it('finds externalIPs and the LoadBalancer IP on the service port', () => {
    expect(hit('198.51.100.7', 80)).toBe('default/front externalIP 80');
    expect(hit('172.18.255.200', 80)).toBe('default/front loadBalancer 80');
    expect(hit('172.18.255.200', 30040)).toBeNull();
  });
});

describe('translate (iptables mode)', () => {
  const c = withMode('iptables');

  it('sends pod traffic to a ClusterIP to one of the endpoints without SNAT', () => {
    const t = run(c, 'worker-2', packet('10.244.2.9', WEB, 80));
    expect(t.hit.frontend).toBe('clusterIP');
    expect(ips(t)).toEqual(['10.244.1.2:80', '10.244.2.2:80']);
    expect(t.masquerade).toBe(false);
    expect(t.probability).toBe(0.5);
    const sep = t.chosen?.endpoint.ip === '10.244.1.2' ? 'PBQ62IOVWGYEN623' : 'MODFGJMBXTNUPWPX';
    expect(t.chain).toEqual(['KUBE-SERVICES', 'KUBE-SVC-CDGGSHYLG3RE2FKL', `KUBE-SEP-${sep}`]);
  });

  it('SNATs traffic to a ClusterIP from outside the pod CIDR (here, the node itself)', () => {
    const t = run(c, 'worker-2', packet('172.18.0.4', WEB, 80));
    expect(t.masquerade).toBe(true);
    expect(t.chain.slice(0, 3)).toEqual([
      'KUBE-SERVICES',
      'KUBE-SVC-CDGGSHYLG3RE2FKL',
      'KUBE-MARK-MASQ',
    ]);
    expect(t.chain.at(-1)).toBe('KUBE-POSTROUTING');
  });

  it('SNATs hairpin traffic: a pod that reaches itself through its Service', () => {
    const seeds = Array.from({ length: 20 }, (_, i) => i);
    const self = seeds
      .map((seed) => run(c, 'worker-1', packet('10.244.1.2', WEB, 80), seed))
      .find((t) => t.chosen?.endpoint.ip === '10.244.1.2');
    expect(self?.masquerade).toBe(true);
    expect(self?.chain).toEqual([
      'KUBE-SERVICES',
      'KUBE-SVC-CDGGSHYLG3RE2FKL',
      'KUBE-SEP-PBQ62IOVWGYEN623',
      'KUBE-MARK-MASQ',
      'KUBE-POSTROUTING',
    ]);
    expect(self?.note).toContain('hairpin');
  });

  it('rejects a Service without endpoints', () => {
    const t = run(c, 'worker-1', packet('10.244.1.2', EMPTY, 80));
    expect(t).toMatchObject({ dropped: 'no-endpoints', chosen: null, masquerade: false });
    expect(t.candidates).toEqual([]);
    expect(t.chain).toEqual(['KUBE-SERVICES']);
  });

  it('SNATs external NodePort traffic with externalTrafficPolicy Cluster', () => {
    const t = run(c, 'worker-1', packet(EXTERNAL, '172.18.0.3', 30080, { fromExternal: true }));
    expect(t.hit.frontend).toBe('nodePort');
    expect(ips(t)).toEqual(['10.244.1.2:80', '10.244.2.2:80']);
    expect(t.masquerade).toBe(true);
    expect(t.chain.slice(0, 5)).toEqual([
      'KUBE-SERVICES',
      'KUBE-NODEPORTS',
      'KUBE-EXT-4UDSYVHJNXWHWIRT',
      'KUBE-MARK-MASQ',
      'KUBE-SVC-4UDSYVHJNXWHWIRT',
    ]);
  });

  it('keeps the client IP with etp Local on a node with a local endpoint', () => {
    const t = run(c, 'worker-1', packet(EXTERNAL, '172.18.0.3', 31000, { fromExternal: true }));
    expect(ips(t)).toEqual(['10.244.1.3:5678']);
    expect(t.masquerade).toBe(false);
    expect(t.chain).toEqual([
      'KUBE-SERVICES',
      'KUBE-NODEPORTS',
      'KUBE-EXT-KTRLE4AQBKCGHQRV',
      'KUBE-SVL-KTRLE4AQBKCGHQRV',
      'KUBE-SEP-MMTBQO3B5GI2KXRH',
    ]);
  });

  it('drops etp Local traffic from outside on a node without a local endpoint', () => {
    const t = run(c, 'worker-2', packet(EXTERNAL, '172.18.0.4', 31000, { fromExternal: true }));
    expect(t).toMatchObject({ dropped: 'no-local-endpoints', chosen: null, masquerade: false });
    expect(t.chain).toEqual([
      'KUBE-SERVICES',
      'KUBE-NODEPORTS',
      'KUBE-EXT-KTRLE4AQBKCGHQRV',
      'KUBE-EXTERNAL-SERVICES',
    ]);
  });

  it('short-circuits pods and the node itself to every endpoint under etp Local', () => {
    const fromPod = run(c, 'worker-2', packet('10.244.2.2', '172.18.0.4', 31000));
    expect(ips(fromPod)).toEqual(['10.244.1.3:5678']);
    expect(fromPod.masquerade).toBe(false);
    expect(fromPod.chain[3]).toBe('KUBE-SVC-KTRLE4AQBKCGHQRV');
    const fromNode = run(c, 'worker-2', packet('172.18.0.4', '172.18.0.4', 31000));
    expect(fromNode.masquerade).toBe(true);
    expect(fromNode.chain.slice(2, 5)).toEqual([
      'KUBE-EXT-KTRLE4AQBKCGHQRV',
      'KUBE-MARK-MASQ',
      'KUBE-SVC-KTRLE4AQBKCGHQRV',
    ]);
  });

  it('SNATs LoadBalancer and externalIP traffic with etp Cluster', () => {
    for (const ip of ['172.18.255.200', '198.51.100.7']) {
      const t = run(c, 'worker-2', packet(EXTERNAL, ip, 80, { fromExternal: true }));
      expect(t.masquerade).toBe(true);
      expect(t.chain[1]).toMatch(/^KUBE-EXT-/);
    }
  });

  it('uses only local endpoints for ClusterIP traffic with internalTrafficPolicy Local', () => {
    const itp = c.serviceByKey.get('default/solo-itp')?.clusterIP ?? '';
    const w2 = run(c, 'worker-2', packet('10.244.2.2', itp, 80));
    expect(w2).toMatchObject({ dropped: 'no-local-endpoints', chosen: null });
    expect(w2.chain).toEqual(['KUBE-SERVICES']);
    const w1 = run(c, 'worker-1', packet('10.244.1.2', itp, 80));
    expect(ips(w1)).toEqual(['10.244.1.3:5678']);
    expect(w1.chain[1]).toMatch(/^KUBE-SVL-/);
  });

  it('returns null for addresses that are no Service', () => {
    expect(translate(c, 'worker-1', packet('10.244.1.2', '10.244.2.2', 80), 0)).toBeNull();
  });
});

describe('translate (nftables and IPVS modes)', () => {
  it('names the nftables chains the packet passes', () => {
    const c = withMode('nftables');
    const t = run(c, 'worker-2', packet('10.244.2.9', WEB, 80));
    const ep = t.chosen?.endpoint.ip === '10.244.1.2' ? 'WZUVD3EN' : 'KLDTO2PW';
    expect(t.chain).toEqual([
      'services',
      'service-SUSTUHLJ-default/web/tcp/http',
      `endpoint-${ep}-default/web/tcp/http__${t.chosen?.endpoint.ip ?? ''}/80`,
    ]);
    expect(run(c, 'worker-2', packet('10.244.2.9', EMPTY, 80)).chain).toEqual([
      'services',
      'service-endpoints-check',
      'reject-chain',
    ]);
    const np = run(c, 'worker-2', packet(EXTERNAL, '172.18.0.4', 31000, { fromExternal: true }));
    expect(np.chain).toEqual([
      'services',
      'external-L47M5K73-default/solo/tcp/http',
      'nodeport-endpoints-check',
    ]);
  });

  it('names the IPVS virtual and real server and takes real servers in turn', () => {
    const c = withMode('ipvs');
    const chosen = [0, 1, 2, 3].map((seed) => {
      const t = run(c, 'worker-2', packet('10.244.2.9', WEB, 80), seed);
      expect(t.chain[0]).toBe('kube-ipvs0 10.102.187.34:80 rr');
      return t.chain[1];
    });
    expect(chosen).toEqual([
      '-> 10.244.1.2:80 Masq',
      '-> 10.244.2.2:80 Masq',
      '-> 10.244.1.2:80 Masq',
      '-> 10.244.2.2:80 Masq',
    ]);
    const np = run(c, 'worker-1', packet(EXTERNAL, '172.18.0.3', 30080, { fromExternal: true }));
    expect(np.chain[0]).toBe('172.18.0.3:30080 rr');
    expect(np.chain.at(-1)).toBe('KUBE-POSTROUTING');
  });
});

const SPREAD = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 3
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec: {selector: {app: api}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: api-sticky}
spec: {sessionAffinity: ClientIP, selector: {app: api}, ports: [{port: 80}]}
`;

describe('backend choice', () => {
  const counts = (mode: 'iptables' | 'nftables' | 'ipvs') => {
    const c = withMode(mode, SPREAD);
    const vip = c.serviceByKey.get('default/api')?.clusterIP ?? '';
    const tally = new Map<string, number>();
    for (let seed = 0; seed < 3000; seed++) {
      const t = run(c, 'worker-1', packet('10.244.1.50', vip, 80, { srcPort: 32768 + seed }), seed);
      const ip = t.chosen?.endpoint.ip ?? '-';
      tally.set(ip, (tally.get(ip) ?? 0) + 1);
    }
    return [...tally.values()];
  };

  it('spreads 3,000 connections evenly over 3 endpoints like the 1/3, 1/2 statistic rules', () => {
    const n = counts('iptables');
    expect(n).toHaveLength(3);
    for (const k of n) expect(Math.abs(k - 1000)).toBeLessThanOrEqual(50);
  });
  it('spreads them evenly with numgen random mod 3 (nftables)', () => {
    const n = counts('nftables');
    expect(n).toHaveLength(3);
    for (const k of n) expect(Math.abs(k - 1000)).toBeLessThanOrEqual(50);
  });
  it('hands them out in turn with rr (IPVS)', () => {
    expect(counts('ipvs')).toEqual([1000, 1000, 1000]);
  });
  it('is deterministic per seed', () => {
    const c = withMode('iptables', SPREAD);
    const vip = c.serviceByKey.get('default/api')?.clusterIP ?? '';
    const a = run(c, 'worker-1', packet('10.244.1.50', vip, 80), 7).chosen;
    expect(run(c, 'worker-1', packet('10.244.1.50', vip, 80), 7).chosen).toEqual(a);
  });

  it('keeps one client on one endpoint with sessionAffinity ClientIP', () => {
    for (const mode of ['iptables', 'nftables', 'ipvs'] as const) {
      const c = withMode(mode, SPREAD);
      const vip = c.serviceByKey.get('default/api-sticky')?.clusterIP ?? '';
      const backends = (client: string) =>
        new Set(
          Array.from(
            { length: 200 },
            (_, seed) =>
              run(c, 'worker-1', packet(client, vip, 80, { srcPort: 40000 + seed }), seed).chosen
                ?.endpoint.ip,
          ),
        );
      expect(backends('10.244.1.50').size).toBe(1);
      expect(backends('10.244.2.77').size).toBe(1);
      const clients = Array.from({ length: 30 }, (_, i) => `10.244.2.${i + 10}`);
      const used = new Set(clients.map((cl) => [...backends(cl)][0]));
      expect(used.size).toBeGreaterThan(1);
    }
  });
});
