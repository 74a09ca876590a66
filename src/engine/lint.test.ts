import { describe, expect, it } from 'vitest';
import { lines, scenarioOf } from './testing/scenario';

describe('semantic warnings', () => {
  it('warns about a Service that selects no pods, at its selector', () => {
    const s = scenarioOf(`apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: website}}
spec: {containers: [{name: c, image: nginx}]}
`);
    expect(lines(s, 'warning')).toEqual([
      'test.yaml:5:13: warning: spec.selector: Service selects no pods in namespace default (selector app=web); it will have no endpoints — check the labels of your pods (kubectl get pods -n default -l app=web)',
    ]);
  });

  it('warns about a named targetPort that no selected pod defines', () => {
    const s = scenarioOf(`apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
---
apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: web}}
spec: {containers: [{name: c, image: nginx, ports: [{name: web, containerPort: 80}]}]}
`);
    expect(lines(s, 'warning')).toEqual([
      'test.yaml:6:34: warning: spec.ports[0].targetPort: targetPort "http" is not a named containerPort of any selected pod; name a container port "http" or use the port number',
    ]);
  });

  it('warns when two containers of a pod bind the same port', () => {
    const s = scenarioOf(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: nginx, ports: [{containerPort: 80}]}
  - {name: b, image: httpd, ports: [{containerPort: 80}]}
`);
    expect(lines(s, 'warning')).toEqual([
      'test.yaml:7:53: warning: spec.containers[1].ports[0].containerPort: containers "a" and "b" both use port TCP/80: containers of a pod share one network namespace, so only one of them can bind it (the other fails with "address already in use")',
    ]);
  });

  it('warns about duplicate hostPorts on one node', () => {
    const s = scenarioOf(`apiVersion: v1
kind: Pod
metadata: {name: a}
spec: {nodeName: worker-1, containers: [{name: c, image: nginx, ports: [{containerPort: 80, hostPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec: {nodeName: worker-1, containers: [{name: c, image: nginx, ports: [{containerPort: 80, hostPort: 8080}]}]}
`);
    expect(lines(s, 'warning')).toEqual([
      'test.yaml:9:40: warning: spec.containers: hostPort TCP/8080 is already used on node worker-1; only one pod per node can bind a hostPort (the kubelet rejects this pod)',
    ]);
  });

  it('lets the scheduler avoid hostPort conflicts for unpinned pods', () => {
    const s = scenarioOf(`apiVersion: apps/v1
kind: Deployment
metadata: {name: hp}
spec:
  replicas: 3
  selector: {matchLabels: {app: hp}}
  template:
    metadata: {labels: {app: hp}}
    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80, hostPort: 80}]}]}
`);
    const pods = s.cluster.pods.filter((p) => !p.isSystem);
    expect(pods.map((p) => p.nodeName)).toEqual(['worker-1', 'worker-2', null]);
    expect(pods[2]?.pendingReason).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taints, 2 node(s) didn't have free ports for the requested pod ports",
    );
  });

  it('warns about a NetworkPolicy that selects no pods', () => {
    const s = scenarioOf(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
`);
    expect(lines(s, 'warning')).toEqual([
      'test.yaml:3:33: warning: metadata.namespace: namespace "prod" is not declared; the playground creates it (add a Namespace object, or kubectl create namespace prod, for a real cluster)',
      'test.yaml:5:16: warning: spec.podSelector: NetworkPolicy selects no pods in namespace prod, so it has no effect; policies only apply to pods in their own namespace — check metadata.namespace and the podSelector labels',
    ]);
    expect(s.cluster.namespaceByName.get('prod')?.declared).toBe(false);
  });

  it('warns about an Ingress backend Service or port that does not exist', () => {
    const s = scenarioOf(`apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports: [{name: http, port: 80}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ing}
spec:
  rules:
  - http:
      paths:
      - {path: /a, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
      - {path: /b, pathType: Prefix, backend: {service: {name: web, port: {number: 8080}}}}
      - {path: /c, pathType: Prefix, backend: {service: {name: web, port: {name: https}}}}
`);
    expect(lines(s, 'warning').filter((l) => l.includes('.backend.'))).toEqual([
      'test.yaml:14:64: warning: spec.rules[0].http.paths[0].backend.service.name: Service "api" does not exist in namespace default; the ingress controller answers 503 for this path until it does',
      'test.yaml:15:84: warning: spec.rules[0].http.paths[1].backend.service.port.number: Service web has no port 8080 (it has 80)',
      'test.yaml:16:82: warning: spec.rules[0].http.paths[2].backend.service.port.name: Service web has no port named "https" (it has http)',
    ]);
  });

  it('says that flannel accepts policies but does not enforce them', () => {
    const s = scenarioOf(`apiVersion: k8snet.dev/v1alpha1
kind: ClusterSettings
metadata: {name: cluster}
spec: {cni: {plugin: flannel}}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny}
spec: {podSelector: {}}
`);
    expect(lines(s, 'warning')).toEqual([
      'test.yaml:12:7: warning: kind: the flannel CNI does not enforce NetworkPolicy: this policy is accepted but has no effect (use canal, calico or cilium)',
    ]);
    expect(s.cluster.settings.cniMode).toBe('overlay');
  });
});
