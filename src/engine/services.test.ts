import { describe, expect, it } from 'vitest';
import { scenarioOf } from './testing/scenario';
import type { Scenario } from './scenario';

function svc(s: Scenario, key: string) {
  const found = s.cluster.serviceByKey.get(key);
  if (!found) throw new Error(`no service ${key}`);
  return found;
}

/** `ip:port (ready)` per serving endpoint of one service port. */
function serving(s: Scenario, key: string, portIndex = 0): string[] {
  return (s.cluster.endpoints.get(key)?.ports[portIndex]?.serving ?? []).map(
    (t) => `${t.endpoint.pod ?? '-'} ${t.endpoint.ip}:${String(t.port)}`,
  );
}

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx, ports: [{name: http, containerPort: 80}]}]}
`;

describe('built-in services', () => {
  const s = scenarioOf('');
  it('puts kubernetes at the first service address and kube-dns at .10', () => {
    expect(svc(s, 'default/kubernetes').clusterIP).toBe('10.96.0.1');
    expect(svc(s, 'kube-system/kube-dns').clusterIP).toBe('10.96.0.10');
  });
  it('backs kubernetes with the API server on the control plane and kube-dns with CoreDNS', () => {
    expect(serving(s, 'default/kubernetes')).toEqual(['- 172.18.0.2:6443']);
    expect(
      serving(s, 'kube-system/kube-dns').map((l) => l.replace(/coredns-\S+/, 'coredns')),
    ).toEqual(['kube-system/coredns 10.244.0.2:53', 'kube-system/coredns 10.244.0.3:53']);
  });
});

describe('allocation', () => {
  const s = scenarioOf(`${WEB}---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}
---
apiVersion: v1
kind: Service
metadata: {name: fixed}
spec: {clusterIP: 10.96.100.100, selector: {app: web}, ports: [{port: 8080, targetPort: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: np}
spec: {type: NodePort, selector: {app: web}, ports: [{name: a, port: 80, nodePort: 30080}, {name: b, port: 81}]}
---
apiVersion: v1
kind: Service
metadata: {name: lb1}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: lb2}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {type: ExternalName, externalName: db.example.com}
---
apiVersion: v1
kind: Service
metadata: {name: headless}
spec: {clusterIP: None, selector: {app: web}, ports: [{port: 80}]}
`);
  it('allocates ClusterIPs deterministically inside the service CIDR and honours explicit ones', () => {
    const ip = svc(s, 'default/web').clusterIP ?? '';
    expect(ip).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(
      scenarioOf(
        `${WEB}---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n`,
      ).cluster.serviceByKey.get('default/web')?.clusterIP,
    ).toBe(ip);
    expect(svc(s, 'default/fixed').clusterIP).toBe('10.96.100.100');
  });
  it('gives NodePorts in 30000-32767, keeping explicit ones', () => {
    const ports = svc(s, 'default/np').ports.map((p) => p.nodePort);
    expect(ports[0]).toBe(30080);
    expect(ports[1]).toBeGreaterThanOrEqual(30000);
    expect(ports[1]).toBeLessThanOrEqual(32767);
    expect(svc(s, 'default/web').ports[0]?.nodePort).toBeNull();
  });
  it('hands out LoadBalancer IPs from the pool in order, with a NodePort each', () => {
    expect([svc(s, 'default/lb1').loadBalancerIP, svc(s, 'default/lb2').loadBalancerIP]).toEqual([
      '172.18.255.200',
      '172.18.255.201',
    ]);
    expect(svc(s, 'default/lb1').ports[0]?.nodePort).toBeGreaterThanOrEqual(30000);
  });
  it('gives ExternalName and headless Services no ClusterIP', () => {
    expect(svc(s, 'default/db')).toMatchObject({
      clusterIP: null,
      externalName: 'db.example.com',
      type: 'ExternalName',
    });
    expect(svc(s, 'default/headless')).toMatchObject({ clusterIP: null, headless: true });
  });
  it('reports a clusterIP outside the service CIDR', () => {
    const bad = scenarioOf(
      'apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {clusterIP: 192.168.0.1, ports: [{port: 80}], selector: {a: b}}\n',
    );
    expect(bad.diagnostics.find((d) => d.code === 'cluster-ip-outside')?.message).toBe(
      'clusterIP 192.168.0.1 is not in the service CIDR 10.96.0.0/12; pick an address inside it or remove clusterIP',
    );
  });
});

describe('endpoints', () => {
  it('resolves a named targetPort per pod and skips pods that lack the name', () => {
    const s = scenarioOf(`apiVersion: v1
kind: Pod
metadata: {name: a, labels: {app: web}}
spec: {nodeName: worker-1, containers: [{name: c, image: nginx, ports: [{name: http, containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b, labels: {app: web}}
spec: {nodeName: worker-2, containers: [{name: c, image: nginx, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: c, labels: {app: web}}
spec: {nodeName: worker-2, containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{name: web, port: 80, targetPort: http}, {name: raw, port: 81, targetPort: 9000}]}
`);
    expect(serving(s, 'default/web', 0)).toEqual([
      'default/a 10.244.1.2:80',
      'default/b 10.244.2.2:8080',
    ]);
    expect(serving(s, 'default/web', 1)).toEqual([
      'default/a 10.244.1.2:9000',
      'default/b 10.244.2.2:9000',
      'default/c 10.244.2.3:9000',
    ]);
    // Two slices: pods a and b map "web" to different numbers; c has no "web".
    expect(
      s.cluster.endpoints
        .get('default/web')
        ?.slices.map(
          (sl) =>
            sl.ports.map((p) => `${p.name}:${String(p.port)}`).join(',') +
            ' ' +
            sl.endpoints.map((e) => e.ip).join(','),
        ),
    ).toEqual([
      'web:80,raw:9000 10.244.1.2',
      'web:8080,raw:9000 10.244.2.2',
      'raw:9000 10.244.2.3',
    ]);
  });

  it('lists not-ready pods without serving them, unless publishNotReadyAddresses', () => {
    const yaml = (publish: boolean) => `apiVersion: v1
kind: Pod
metadata: {name: ok, labels: {app: web}}
spec: {nodeName: worker-1, containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: warming, labels: {app: web}, annotations: {k8snet.dev/ready: "false"}}
spec: {nodeName: worker-1, containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {publishNotReadyAddresses: ${String(publish)}, selector: {app: web}, ports: [{port: 80}]}
`;
    const s = scenarioOf(yaml(false));
    expect(s.cluster.endpoints.get('default/web')?.ports[0]?.all).toHaveLength(2);
    expect(serving(s, 'default/web')).toEqual(['default/ok 10.244.1.2:80']);
    expect(serving(scenarioOf(yaml(true)), 'default/web')).toEqual([
      'default/ok 10.244.1.2:80',
      'default/warming 10.244.1.3:80',
    ]);
  });

  it('uses Endpoints and EndpointSlice objects for Services without a selector', () => {
    const s = scenarioOf(`apiVersion: v1
kind: Service
metadata: {name: legacy}
spec: {ports: [{name: pg, port: 5432}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: legacy}
subsets:
- addresses: [{ip: 192.168.10.5}]
  notReadyAddresses: [{ip: 192.168.10.6}]
  ports: [{name: pg, port: 5432}]
---
apiVersion: v1
kind: Service
metadata: {name: sliced}
spec: {ports: [{name: http, port: 80}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: sliced-1, labels: {kubernetes.io/service-name: sliced}}
addressType: IPv4
ports: [{name: http, port: 8080, protocol: TCP}]
endpoints:
- addresses: [203.0.113.7]
- addresses: [203.0.113.8]
  conditions: {ready: false}
`);
    expect(serving(s, 'default/legacy')).toEqual(['- 192.168.10.5:5432']);
    expect(s.cluster.endpoints.get('default/legacy')?.origin).toBe('Endpoints');
    expect(serving(s, 'default/sliced')).toEqual(['- 203.0.113.7:8080']);
    expect(s.cluster.endpoints.get('default/sliced')?.origin).toBe('EndpointSlice');
  });

  it('gives StatefulSet pods behind a headless Service their hostnames', () => {
    const s = scenarioOf(`apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg, image: postgres}]}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}
`);
    expect(
      s.cluster.endpoints.get('default/db')?.ports[0]?.serving.map((t) => t.endpoint.hostname),
    ).toEqual(['db-0', 'db-1']);
  });
});
