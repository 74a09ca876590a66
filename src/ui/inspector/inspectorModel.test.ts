import { describe, expect, it } from 'vitest';
import { simulate } from '../../worker/simulate';
import type { SimulationView } from '../../worker/protocol';
import { inspectorModel } from './inspectorModel';
import type { InspectorModel, InspectorSection } from './inspectorTypes';

const SCENARIO = `
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  nodeName: worker-1
  containers:
    - name: nginx
      image: nginx:1.27
      ports: [{name: http, containerPort: 80}]
    - name: clash
      image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: client
  namespace: shop
  labels: {role: client}
spec:
  containers: [{name: curl, image: curlimages/curl, command: [sleep, infinity]}]
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: NodePort
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http, nodePort: 30080}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-from-client
  namespace: shop
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {role: client}}}]
      ports: [{port: 80}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: site
  namespace: shop
spec:
  rules:
    - http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`;

const view: SimulationView = simulate({
  files: [{ file: 'scenario.yaml', content: SCENARIO }],
  matrix: { port: 80, protocol: 'TCP' },
});

function model(id: string): InspectorModel {
  const m = inspectorModel(view, id);
  if (!m) throw new Error(`no model for ${id}`);
  return m;
}

/** A section as plain text: `label: values` rows, chips, then items with their details. */
function lines(m: InspectorModel, title: string): string[] {
  const s: InspectorSection | undefined = m.sections.find((x) => x.title === title);
  if (!s) throw new Error(`no section ${title} in ${m.sections.map((x) => x.title).join(', ')}`);
  return [
    ...(s.note ? [`! ${s.note.text}`] : []),
    ...(s.rows ?? []).map((r) => `${r.label}: ${r.values.map((v) => v.text).join(' ')}`),
    ...(s.chips ?? []),
    ...(s.items ?? []).flatMap((i) => [
      i.values.map((v) => v.text).join(' '),
      ...(i.details ?? []).map((d) => `  ${d.text}`),
    ]),
  ];
}

describe('inspectorModel: a pod', () => {
  const pod = model('pod:shop/web');

  it('names it and says how it is doing', () => {
    expect(pod).toMatchObject({ id: 'pod:shop/web', kind: 'Pod', name: 'web', namespace: 'shop' });
    expect(pod.badges.map((b) => b.text)).toEqual(['Running', 'Ready']);
    expect(lines(pod, 'Overview')).toEqual([
      'Namespace: shop',
      'Node: worker-1',
      'Pod IP: 10.244.1.2',
      'Readiness: ready: Services send it traffic',
    ]);
    expect(lines(pod, 'Labels')).toEqual(['app=web']);
  });

  it('lists each container’s sockets and why a container fails', () => {
    expect(lines(pod, 'Containers')).toEqual([
      'nginx',
      '  listens on 80/TCP (nginx)',
      'clash failing',
      '  nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)',
    ]);
  });

  it('shows the Services whose endpoints include it', () => {
    expect(lines(pod, 'Selected by Services')).toEqual([
      'shop/web NodePort',
      '  port http → 10.244.1.2:80',
    ]);
    const svc = pod.sections.find((s) => s.title === 'Selected by Services')?.items?.[0];
    expect(svc?.values[0]?.ref).toBe('service:shop/web');
  });

  it('explains the policies that select it, per direction', () => {
    expect(lines(pod, 'Network policies')).toEqual([
      'Ingress: Incoming traffic is allowed only from pods with role=client in namespace shop on TCP/80 (isolated by shop/web-from-client).',
      'Egress: Outgoing traffic is not restricted: no policy selecting this pod has Egress in its policyTypes.',
      'shop/web-from-client Ingress',
      '  from pods with role=client in namespace shop on TCP/80',
    ]);
  });

  it('gives its DNS names', () => {
    expect(lines(pod, 'DNS')).toEqual([
      'Pod record: 10-244-1-2.shop.pod.cluster.local',
      'Via Services: web.shop.svc.cluster.local',
    ]);
  });

  it('says so when nothing selects a pod', () => {
    const client = model('pod:shop/client');
    expect(lines(client, 'Containers')).toEqual(['curl', '  listens on no port']);
    expect(lines(client, 'Selected by Services')).toEqual([]);
    expect(client.sections.find((s) => s.title === 'Network policies')?.empty).toBe(
      'No NetworkPolicy selects this pod.',
    );
  });
});

describe('inspectorModel: other kinds', () => {
  it('shows a Service’s addresses, ports, endpoints, DNS and routes', () => {
    const svc = model('service:shop/web');
    const clusterIP = view.services.find((s) => s.key === 'shop/web')?.clusterIP ?? '';
    expect(clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
    expect(lines(svc, 'Overview')).toEqual([
      'Namespace: shop',
      'Type: NodePort',
      `ClusterIP: ${clusterIP}`,
      'NodePort: 30080/TCP on every node',
    ]);
    expect(lines(svc, 'Ports')).toEqual(['http: 80/TCP → http', '  NodePort 30080']);
    expect(lines(svc, 'Selector')).toEqual(['app=web']);
    expect(lines(svc, 'Endpoints')).toEqual(['shop/web ready', '  10.244.1.2:80 for port http']);
    expect(lines(svc, 'DNS')).toEqual([
      'Name: web.shop.svc.cluster.local',
      `Answer: A ${clusterIP}`,
      'Short names: web in shop web.shop',
      'SRV records: _http._tcp.web.shop.svc.cluster.local',
    ]);
    expect(lines(svc, 'Ingress routes')).toEqual(['shop/site / port 80']);
  });

  it('shows what a policy selects and allows', () => {
    const policy = model('networkpolicy:shop/web-from-client');
    expect(policy.badges.map((b) => b.text)).toEqual(['Ingress']);
    expect(lines(policy, 'Selects 1 pod')).toEqual(['shop/web 10.244.1.2']);
    expect(lines(policy, 'Allows in')).toEqual([
      'from pods with role=client in namespace shop on TCP/80',
    ]);
  });

  it('shows an Ingress’s paths, a node’s pods, a namespace’s objects', () => {
    expect(lines(model('ingress:shop/site'), 'Paths')).toEqual([
      '/ → shop/web:80',
      '  Prefix match on any host',
    ]);
    const node = model('node:worker-1');
    expect(lines(node, 'Overview')).toEqual(['Node IP: 172.18.0.3', 'Pod CIDR: 10.244.1.0/24']);
    expect(lines(node, 'Pods (1)')).toEqual(['shop/web 10.244.1.2']);
    const ns = model('namespace:shop');
    expect(lines(ns, 'Labels')).toEqual(['kubernetes.io/metadata.name=shop']);
    expect(lines(ns, 'Services')).toEqual(['shop/web']);
    expect(lines(ns, 'Network policies')).toEqual(['shop/web-from-client']);
  });

  it('is null for an id the view does not have', () => {
    expect(inspectorModel(view, 'pod:shop/gone')).toBeNull();
    expect(inspectorModel(view, 'deployment:shop/web')).toBeNull();
    expect(inspectorModel(view, 'nonsense')).toBeNull();
  });
});

describe('inspectorModel: edge cases', () => {
  const edge = simulate({
    files: [
      {
        file: 'edge.yaml',
        content: `
apiVersion: k8snet.dev/v1alpha1
kind: ClusterSettings
metadata: {name: cluster}
spec: {cni: {plugin: flannel}}
---
apiVersion: v1
kind: Pod
metadata: {name: big, labels: {app: db}}
spec:
  nodeSelector: {disk: ssd}
  containers: [{name: db, image: postgres:16}]
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: v1
kind: Service
metadata: {name: search}
spec: {type: ExternalName, externalName: search.example.com}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`,
      },
    ],
    matrix: { port: 80, protocol: 'TCP' },
  });
  const get = (id: string) => {
    const m = inspectorModel(edge, id);
    if (!m) throw new Error(id);
    return m;
  };

  it('explains a pending pod and a policy the CNI ignores', () => {
    const pod = get('pod:default/big');
    expect(pod.badges.map((b) => b.text)).toEqual(['Pending', 'Not ready']);
    expect(lines(pod, 'Overview')[1]).toBe(
      "Node: not scheduled: 0/3 nodes are available: 1 node(s) had untolerated taints, 2 node(s) didn't match Pod's node affinity/selector",
    );
    expect(lines(pod, 'DNS')).toEqual(['Pod record: none until the pod has an IP']);
    expect(lines(pod, 'Network policies').slice(0, 2)).toEqual([
      '! flannel does not enforce NetworkPolicy: every connection is allowed whatever these say.',
      'Ingress: Incoming traffic is denied entirely: default/deny-all isolates the pod and allows nothing.',
    ]);
    expect(lines(get('networkpolicy:default/deny-all'), 'Allows out')).toEqual([]);
    expect(get('networkpolicy:default/deny-all').sections.at(-1)?.empty).toBe(
      'No egress rules: denies all outgoing traffic from the selected pods.',
    );
  });

  it('describes headless and ExternalName Services', () => {
    const db = get('service:default/db');
    expect(lines(db, 'Overview')).toEqual([
      'Namespace: default',
      'Type: ClusterIP (headless)',
      'ClusterIP: None: DNS answers with the pod IPs',
    ]);
    expect(db.sections.find((s) => s.title === 'Endpoints')?.empty).toBe(
      'None: no pod matches the selector, so connections to it fail.',
    );
    const search = get('service:default/search');
    expect(lines(search, 'Overview')).toContain('External name: search.example.com');
    expect(lines(search, 'DNS')[1]).toBe('Answer: CNAME search.example.com');
  });
});
