import { describe, expect, it } from 'vitest';
import { probe } from './probe/probe';
import { lines, scenarioOf } from './testing/scenario';
import dumpYaml from './testing/kubectlDump.yaml?raw';

/** `kubectl get deploy,rs,svc,pods -o yaml` of a kind cluster: a Deployment, its ReplicaSet and pods. */
describe('a kubectl get -o yaml dump', () => {
  const s = scenarioOf(dumpYaml);
  const { cluster } = s;

  it('keeps the dumped pods as they were: names, nodes and IPs, and no second copies', () => {
    expect(cluster.pods.filter((p) => !p.isSystem).map((p) => [p.key, p.nodeName, p.ip])).toEqual([
      ['default/client', 'kind-worker', '10.244.1.7'],
      ['default/web-7c9d5b8f4-2xkqz', 'kind-worker', '10.244.1.5'],
      ['default/web-7c9d5b8f4-p8m4t', 'kind-worker2', '10.244.2.4'],
    ]);
  });

  it('shows each dumped pod with the controllers that own it', () => {
    const web = cluster.podByKey.get('default/web-7c9d5b8f4-2xkqz');
    expect(web?.owners).toEqual([
      { kind: 'Deployment', name: 'web' },
      { kind: 'ReplicaSet', name: 'web-7c9d5b8f4' },
    ]);
    expect(web?.isWrittenPod).toBe(true);
  });

  it("makes the nodes the dump's pods ran on, with their addresses and pod ranges", () => {
    expect(cluster.nodes.map((n) => [n.name, n.ip, n.podCIDR])).toEqual([
      ['kind-worker', '172.18.0.3', '10.244.1.0/24'],
      ['kind-worker2', '172.18.0.4', '10.244.2.0/24'],
    ]);
  });

  it('says once per controller why it makes nothing, and finds nothing wrong', () => {
    expect(lines(s)).toEqual([
      'test.yaml:12:11: info: metadata.name: Deployment default/web: what it made is in the scenario too (ReplicaSet web-7c9d5b8f4, from a kubectl dump), so the playground keeps those objects as they are instead of creating new ones',
      'test.yaml:74:11: info: metadata.name: ReplicaSet default/web-7c9d5b8f4: what it made is in the scenario too (Pod web-7c9d5b8f4-2xkqz, from a kubectl dump), so the playground keeps those objects as they are instead of creating new ones',
    ]);
  });

  it('answers traffic questions on it: the client reaches the Service by name', () => {
    const r = probe(cluster, { from: 'default/client', to: 'web', port: 80 });
    expect(r.verdict).toBe('delivered');
    expect(r.resolved?.ip).toBe('10.96.120.15');
    expect(['default/web-7c9d5b8f4-2xkqz', 'default/web-7c9d5b8f4-p8m4t']).toContain(
      r.backend?.pod,
    );
  });

  it('still leaves a hand-written pod pinned to a missing node Pending', () => {
    const typo = scenarioOf(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {nodeName: worker-9, containers: [{name: c, image: nginx}]}\n',
    );
    expect(typo.cluster.nodes.map((n) => n.name)).toEqual([
      'control-plane',
      'worker-1',
      'worker-2',
    ]);
    expect(typo.cluster.podByKey.get('default/p')?.phase).toBe('Pending');
  });
});
