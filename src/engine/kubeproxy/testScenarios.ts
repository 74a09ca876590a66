/** Scenarios the kube-proxy tests share (inline YAML, as engine tests write them). */

/**
 * A small cluster: web (2 replicas, one on each worker) behind a ClusterIP and a NodePort
 * Service, a Service whose selector matches nothing, and a single pod on worker-1 behind a
 * NodePort Service with externalTrafficPolicy Local.
 */
export const SMALL = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx, ports: [{name: http, containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: http}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-np}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 8080, targetPort: 80, nodePort: 30080}]}
---
apiVersion: v1
kind: Service
metadata: {name: empty}
spec: {selector: {app: nothing}, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: solo, labels: {app: solo}}
spec: {nodeName: worker-1, containers: [{name: echo, image: hashicorp/http-echo, ports: [{containerPort: 5678}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: solo}
spec: {type: NodePort, externalTrafficPolicy: Local, selector: {app: solo}, ports: [{name: http, port: 80, targetPort: 5678, nodePort: 31000}]}
`;
