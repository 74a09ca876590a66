import { describe, expect, it } from 'vitest';
import { describeDenial, evaluateTraffic } from './networkpolicy';
import type { TrafficEnd } from './networkpolicy';
import { scenarioOf } from './testing/scenario';

const cluster = scenarioOf(`apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {nodeName: worker-1, containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, labels: {app: client}}
spec: {nodeName: worker-2, containers: [{name: c, image: busybox}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-from-lan}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from: [{ipBlock: {cidr: 203.0.113.0/24, except: [203.0.113.66/32]}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: client-egress}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 192.168.0.0/16]}}]
    ports: [{port: 443}]
`).cluster;

const web: TrafficEnd = { kind: 'pod', pod: cluster.podByKey.get('default/web')! };
const client: TrafficEnd = { kind: 'pod', pod: cluster.podByKey.get('default/client')! };
const ext = (ip: string): TrafficEnd => ({ kind: 'external', ip });
const node = (name: string): TrafficEnd => ({
  kind: 'node',
  node: name,
  ip: cluster.nodeByName.get(name)!.ip,
});

describe('traffic with nodes and outside addresses', () => {
  it('admits an outside address only through a matching ipBlock', () => {
    expect(evaluateTraffic(cluster, ext('203.0.113.10'), web, 80, 'TCP').ingress).toEqual({
      isolated: true,
      allowedBy: [{ policy: 'default/web-from-lan', rule: 0 }],
      policies: ['default/web-from-lan'],
    });
    const v = evaluateTraffic(cluster, ext('203.0.113.66'), web, 80, 'TCP');
    expect(v.allowed).toBe(false);
    expect(describeDenial(v, 'external', 'default/web')).toBe(
      "default/web's ingress is isolated by default/web-from-lan and no ingress rule allows this connection",
    );
  });

  it('lets a node reach its own pods, but not pods elsewhere unless an ipBlock admits its IP', () => {
    expect(evaluateTraffic(cluster, node('worker-1'), web, 80, 'TCP')).toMatchObject({
      allowed: true,
      ingress: {
        isolated: false,
        reason: 'the node may always reach its own pods (kubelet probes)',
      },
    });
    expect(evaluateTraffic(cluster, node('worker-2'), web, 80, 'TCP').allowed).toBe(false);
  });

  it('polices egress to the outside by ipBlock and port', () => {
    expect(evaluateTraffic(cluster, client, ext('198.51.100.7'), 443, 'TCP').allowed).toBe(true);
    expect(evaluateTraffic(cluster, client, ext('198.51.100.7'), 80, 'TCP').allowed).toBe(false);
    expect(evaluateTraffic(cluster, client, ext('192.168.1.1'), 443, 'TCP').allowed).toBe(false);
  });

  it('does not police traffic to a node, except by the source pod egress', () => {
    expect(evaluateTraffic(cluster, web, node('worker-2'), 10250, 'TCP')).toMatchObject({
      allowed: true,
      ingress: { isolated: false },
    });
    // 172.18.0.4 is outside 10/8 and 192.168/16, but the port is not 443.
    expect(evaluateTraffic(cluster, client, node('worker-1'), 10250, 'TCP').allowed).toBe(false);
  });
});
