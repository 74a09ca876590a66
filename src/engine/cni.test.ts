import { describe, expect, it } from 'vitest';
import type { Place } from './cni';
import { hostInterface, networkPath } from './cni';
import type { Hop } from './hops';
import { scenarioOf } from './testing/scenario';
import type { Cluster } from './types';

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: a}
spec: {nodeName: worker-1, containers: [{name: c, image: busybox}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec: {nodeName: worker-1, containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: c}
spec: {nodeName: worker-2, containers: [{name: c, image: nginx}]}
`;

function settings(plugin: string, mode?: string): string {
  return `---\napiVersion: k8snet.dev/v1alpha1\nkind: ClusterSettings\nmetadata: {name: cluster}\nspec: {cni: {plugin: ${plugin}${mode ? `, mode: ${mode}` : ''}}}\n`;
}

function pod(cluster: Cluster, name: string): Place {
  const p = cluster.podByKey.get(`default/${name}`);
  if (!p) throw new Error(name);
  return { kind: 'pod', pod: p };
}

/** `device@where outer?` for each hop: compact enough to compare whole paths. */
function trace(hops: readonly Hop[]): string[] {
  return hops.map(
    (h) => `${h.kind} ${h.device}@${h.at}${h.outer ? ` [${h.outer.src} > ${h.outer.dst}]` : ''}`,
  );
}

function path(cluster: Cluster, from: string, to: string) {
  const a = pod(cluster, from);
  const b = pod(cluster, to);
  const pkt = {
    src: `${a.kind === 'pod' ? (a.pod.ip ?? '') : ''}:40000`,
    dst: `${b.kind === 'pod' ? (b.pod.ip ?? '') : ''}:80`,
    protocol: 'TCP' as const,
  };
  const p = networkPath(cluster, a, b, pkt);
  return [...p.out, ...p.transit, ...p.in];
}

describe('canal (flannel VXLAN)', () => {
  const cluster = scenarioOf(PODS).cluster;
  const va = hostInterface(cluster, cluster.podByKey.get('default/a')!);
  const vb = hostInterface(cluster, cluster.podByKey.get('default/b')!);
  const vc = hostInterface(cluster, cluster.podByKey.get('default/c')!);
  it('names host-side veths deterministically', () => {
    expect(va).toMatch(/^veth[0-9a-f]{8}$/);
    expect(va).not.toBe(vb);
  });
  it('keeps a same-node path on the cni0 bridge, never mentioning another node', () => {
    const hops = path(cluster, 'a', 'b');
    expect(trace(hops)).toEqual([
      'interface eth0@pod:default/a',
      `interface ${va}@node:worker-1`,
      'bridge cni0@node:worker-1',
      `interface ${vb}@node:worker-1`,
      'interface eth0@pod:default/b',
    ]);
    expect(hops.every((h) => h.node === 'worker-1')).toBe(true);
  });
  it('encapsulates cross-node traffic in VXLAN on flannel.1, UDP 8472, keeping pod IPs', () => {
    const hops = path(cluster, 'a', 'c');
    expect(trace(hops)).toEqual([
      'interface eth0@pod:default/a',
      `interface ${va}@node:worker-1`,
      'route flannel.1@node:worker-1',
      'encap flannel.1@node:worker-1 [172.18.0.3:8472 > 172.18.0.4:8472]',
      'wire eth0@node:worker-2 [172.18.0.3:8472 > 172.18.0.4:8472]',
      'decap flannel.1@node:worker-2',
      'bridge cni0@node:worker-2',
      `interface ${vc}@node:worker-2`,
      'interface eth0@pod:default/c',
    ]);
    expect(new Set(hops.map((h) => `${h.packet.src} > ${h.packet.dst}`))).toEqual(
      new Set(['10.244.1.2:40000 > 10.244.2.2:80']),
    );
  });
});

describe('calico', () => {
  it('routes with BGP by default: no bridge, no encapsulation, cali interfaces', () => {
    const cluster = scenarioOf(PODS + settings('calico')).cluster;
    const hops = path(cluster, 'a', 'c');
    const ca = hostInterface(cluster, cluster.podByKey.get('default/a')!);
    // sha1("default.a") starts with 11 hex digits Calico uses for the interface name.
    expect(ca).toMatch(/^cali[0-9a-f]{11}$/);
    expect(trace(hops)).toEqual([
      'interface eth0@pod:default/a',
      `interface ${ca}@node:worker-1`,
      'route eth0@node:worker-1',
      'wire eth0@node:worker-2',
      `route routing table@node:worker-2`,
      `interface ${hostInterface(cluster, cluster.podByKey.get('default/c')!)}@node:worker-2`,
      'interface eth0@pod:default/c',
    ]);
    expect(hops.some((h) => h.outer)).toBe(false);
  });
  it('uses vxlan.calico on UDP 4789 in overlay mode', () => {
    const cluster = scenarioOf(PODS + settings('calico', 'overlay')).cluster;
    expect(trace(path(cluster, 'a', 'c')).filter((t) => t.startsWith('encap'))).toEqual([
      'encap vxlan.calico@node:worker-1 [172.18.0.3:4789 > 172.18.0.4:4789]',
    ]);
  });
});

describe('cilium and flannel host-gw', () => {
  it('uses cilium_vxlan on 8472 for cilium overlay', () => {
    const cluster = scenarioOf(PODS + settings('cilium')).cluster;
    expect(trace(path(cluster, 'a', 'c')).filter((t) => t.startsWith('encap'))).toEqual([
      'encap cilium_vxlan@node:worker-1 [172.18.0.3:8472 > 172.18.0.4:8472]',
    ]);
  });
  it('routes flannel without encapsulation in routed mode (host-gw)', () => {
    const cluster = scenarioOf(PODS + settings('flannel', 'routed')).cluster;
    const hops = path(cluster, 'a', 'c');
    expect(hops.find((h) => h.kind === 'route')?.text).toBe(
      'worker-1 sends it out of eth0 by a route via 172.18.0.4, no encapsulation: the pod IPs are on the wire',
    );
    expect(hops.some((h) => h.kind === 'encap')).toBe(false);
  });
});
