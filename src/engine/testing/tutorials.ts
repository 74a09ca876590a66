/**
 * The manifests of the five tutorials our users learn from (`../shared/tutorials/*.txt`),
 * transcribed for scenario tests. Only indentation that the tutorial's web page mangled is
 * fixed; what the tutorial gets wrong is kept, so tests can assert what a real cluster does.
 * kubectl one-liners (`kubectl run`, `kubectl expose`) are written as the objects they create.
 */

/**
 * tutorial-000, verbatim: the page lost the indentation under `metadata`/`spec` and folded the
 * `command` list onto one line, so the text cannot be applied as printed.
 */
export const TUTORIAL_000_VERBATIM = `apiVersion: v1
kind: Pod
metadata:
name: multi-container-pod
spec:
containers:

- name: container-1
  image: nginx:alpine
- name: container-2
  image: busybox
  command: - '/bin/sh' - '-c' - 'mkdir -p /usr/share/nginx/html && while true; do echo "Hello from Container 2" >> /usr/share/nginx/html/index.html; sleep 10; done'
`;

/**
 * tutorial-000 (multi-container-pod.yaml) with the indentation restored. Note there is no
 * volume: container-2 writes index.html into its own filesystem, not nginx's.
 */
export const TUTORIAL_000_POD = `apiVersion: v1
kind: Pod
metadata:
  name: multi-container-pod
spec:
  containers:
  - name: container-1
    image: nginx:alpine
  - name: container-2
    image: busybox
    command:
    - '/bin/sh'
    - '-c'
    - 'mkdir -p /usr/share/nginx/html && while true; do echo "Hello from Container 2" >> /usr/share/nginx/html/index.html; sleep 10; done'
`;

/** tutorial-001 pod1.yml: ubuntu looping on echo, httpd beside it. */
export const TUTORIAL_001_POD = `kind: Pod
apiVersion: v1
metadata:
  name: testpod
spec:
  containers:
    - name: c00
      image: ubuntu
      command: ["/bin/bash", "-c", "while true; do echo Hello-Bhupinder; sleep 5 ; done"]
    - name: c01
      image: httpd
      ports:
       - containerPort: 80
`;

/** tutorial-001 service.yml: its selector `name: deployment` matches no pod of the tutorial. */
export const TUTORIAL_001_SERVICE = `kind: Service                             # Defines to create Service type Object
apiVersion: v1
metadata:
  name: demoservice
spec:
  ports:
    - port: 80                               # Containers port exposed
      targetPort: 80                     # Pods port
  selector:
    name: deployment                    # Apply this service to any pods which has the specific label
  type: ClusterIP                       # Specifies the service type i.e ClusterIP or NodePort
`;

/**
 * tutorial-001's Ingress: written against extensions/v1beta1 (serviceName/servicePort, no
 * pathType) but labelled networking.k8s.io/v1, which rejects it.
 */
export const TUTORIAL_001_INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: test-ingress
  annotations:
    kubernetes.io/ingress.class: "gce"
spec:
  tls:
    - secretName: my-ssl-secret
  rules:
  - host: testhost.com
    http:
      paths:
      - path: /*
        backend:
          serviceName: service-test
          servicePort: 80
`;

/** tutorial-001's deny-all NetworkPolicy for the default namespace. */
export const TUTORIAL_001_DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
  namespace: default
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
`;

/**
 * tutorial-002, shared-volume variant: the Kubernetes docs' two-container-pod.yaml
 * (https://k8s.io/examples/pods/two-container-pod.yaml) with the tutorial's container names.
 */
export const TUTORIAL_002_SHARED_VOLUME = `apiVersion: v1
kind: Pod
metadata:
  name: two-containers
spec:
  restartPolicy: Never
  volumes:
  - name: shared-data
    emptyDir: {}
  containers:
  - name: nginx-container
    image: nginx
    volumeMounts:
    - name: shared-data
      mountPath: /usr/share/nginx/html
  - name: debian-container
    image: debian
    volumeMounts:
    - name: shared-data
      mountPath: /pod-data
    command: ["/bin/sh"]
    args: ["-c", "echo Hello from the debian container > /pod-data/index.html"]
`;

/**
 * tutorial-002, localhost variant: no volume; the message is written into nginx's own
 * index.html (the tutorial does it by hand, here the nginx container does it before starting).
 */
export const TUTORIAL_002_LOCALHOST = `apiVersion: v1
kind: Pod
metadata:
  name: two-containers
spec:
  restartPolicy: Never
  containers:
  - name: nginx-container
    image: nginx
    command: ["/bin/sh", "-c"]
    args: ["echo 'Hello from the nginx container' > /usr/share/nginx/html/index.html && exec nginx -g 'daemon off;'"]
  - name: debian-container
    image: debian
    command: ["/bin/sh", "-c", "sleep infinity"]
`;

/** `kubectl run NAME --image=IMAGE --restart=Never`, optionally pinned to a node. */
export function kubectlRun(name: string, image: string, nodeName?: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {run: ${name}}
spec:
  restartPolicy: Never${nodeName === undefined ? '' : `\n  nodeName: ${nodeName}`}
  containers:
  - name: ${name}
    image: ${image}
`;
}

/**
 * `kubectl expose pod POD --type=TYPE --name=NAME --port=PORT --target-port=TARGET` for a pod
 * made by `kubectl run` (selector and labels `run: POD`).
 */
export function kubectlExposePod(
  pod: string,
  opts: { name?: string; type?: string; port: number; targetPort: number },
): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${opts.name ?? pod}
  labels: {run: ${pod}}
spec:
  type: ${opts.type ?? 'ClusterIP'}
  selector: {run: ${pod}}
  ports:
  - port: ${String(opts.port)}
    protocol: TCP
    targetPort: ${String(opts.targetPort)}
`;
}

/** Documents joined into one multi-document YAML text. */
export function yamlDocs(...docs: readonly string[]): string {
  return docs.map((d) => d.trimEnd()).join('\n---\n') + '\n';
}

/**
 * tutorial-004 has no manifests; these are its examples as objects: a Service named
 * `my-service` in `default`, one Service of each type, and an Ingress routing `/api` to one
 * Service and `/web` to another.
 */
export const TUTORIAL_004_APPS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: api
        image: hashicorp/http-echo
        args: ["-listen=:5678", "-text=hello from api"]
        ports: [{containerPort: 5678}]
---
apiVersion: v1
kind: Service
metadata: {name: my-service}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: web-nodeport}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80, targetPort: 80, nodePort: 30080}]
---
apiVersion: v1
kind: Service
metadata: {name: web-lb}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [{port: 80, targetPort: 5678}]
---
apiVersion: v1
kind: Service
metadata: {name: search}
spec:
  type: ExternalName
  externalName: www.example.com
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  nodeName: worker-1
  containers: [{name: curl, image: curlimages/curl, command: [sleep, infinity]}]
---
apiVersion: v1
kind: Pod
metadata: {name: node-agent}
spec:
  nodeName: worker-2
  hostNetwork: true
  containers: [{name: agent, image: busybox, command: [sleep, infinity]}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: app}
spec:
  rules:
  - host: app.example.com
    http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
      - {path: /web, pathType: Prefix, backend: {service: {name: my-service, port: {number: 80}}}}
`;
