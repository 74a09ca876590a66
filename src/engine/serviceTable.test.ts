import { describe, expect, it } from 'vitest';
import { probe } from './probe/probe';
import { computeServiceTable } from './serviceTable';
import { scenarioOf } from './testing/scenario';

const s = scenarioOf(`apiVersion: v1
kind: Pod
metadata: {name: web-a, labels: {app: web, zone: a}}
spec: {nodeName: worker-1, containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-b, labels: {app: web, zone: b}}
spec: {nodeName: worker-2, containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, labels: {app: client}}
spec: {nodeName: worker-2, containers: [{name: c, image: busybox, command: [sleep, infinity]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{name: http, port: 80}, {name: alt, port: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: empty}
spec: {selector: {app: none}, ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: zone-b-only-web}
spec:
  podSelector: {matchLabels: {zone: b}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
`);

describe('service table', () => {
  const t = computeServiceTable(s.cluster);
  const col = (name: string) => t.columns.findIndex((c) => `${c.service}:${c.port.name}` === name);
  const row = (name: string) => t.pods.findIndex((p) => p.key === name);
  it('lists user pods against every ClusterIP service port', () => {
    expect(t.pods.map((p) => p.key)).toEqual(['default/web-a', 'default/web-b', 'default/client']);
    expect(t.columns.map((c) => `${c.service}:${c.port.name}`)).toEqual([
      'default/kubernetes:https',
      'kube-system/kube-dns:dns',
      'kube-system/kube-dns:dns-tcp',
      'kube-system/kube-dns:metrics',
      'default/web:http',
      'default/web:alt',
      'default/empty:',
    ]);
  });
  it('says how many backends would answer', () => {
    // web-b only admits app=web, so the client reaches one of two backends on 80.
    expect(t.cells[row('default/client')]![col('default/web:http')]).toEqual({
      verdict: 'partial',
      answering: 1,
      backends: 2,
    });
    expect(t.cells[row('default/web-a')]![col('default/web:http')]).toEqual({
      verdict: 'delivered',
      answering: 2,
      backends: 2,
    });
    // nginx listens on 80 only: 8080 is refused where policy lets it through.
    expect(t.cells[row('default/web-a')]![col('default/web:alt')]).toEqual({
      verdict: 'refused',
      answering: 0,
      backends: 2,
    });
    expect(t.cells[row('default/client')]![col('default/empty:')]).toEqual({
      verdict: 'no-endpoints',
      answering: 0,
      backends: 0,
    });
    expect(t.cells[row('default/client')]![col('kube-system/kube-dns:dns')]).toEqual({
      verdict: 'delivered',
      answering: 2,
      backends: 2,
    });
  });
  it('agrees with probe, backend by backend', () => {
    const seen = new Map<string, string>();
    for (let seed = 0; seed < 40; seed++) {
      const r = probe(s.cluster, {
        from: 'default/client',
        to: 'service:default/web',
        port: 80,
        seed,
      });
      if (r.backend?.pod) seen.set(r.backend.pod, r.verdict);
    }
    expect(Object.fromEntries(seen)).toEqual({
      'default/web-a': 'delivered',
      'default/web-b': 'denied',
    });
  });
});
