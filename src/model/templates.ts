/**
 * What the palette drops: a valid object with a free name, written as a YAML document.
 * Each template is the smallest manifest that works and shows the idea.
 */
import { applyEdit, freeName, usedNames } from './edit';
import type { EditResult } from './edit';

export type TemplateId =
  | 'Pod'
  | 'Deployment'
  | 'Service'
  | 'Service/NodePort'
  | 'Service/LoadBalancer'
  | 'Service/ExternalName'
  | 'Service/headless'
  | 'Ingress'
  | 'NetworkPolicy/deny-all-ingress'
  | 'NetworkPolicy/deny-all-egress'
  | 'NetworkPolicy/allow-same-namespace'
  | 'NetworkPolicy/allow-from-label'
  | 'NetworkPolicy/allow-dns-egress'
  | 'Namespace'
  | 'Node';

export interface Template {
  readonly id: TemplateId;
  /** The kind's name as the palette shows it. */
  readonly label: string;
  readonly kind: string;
  readonly base: string;
  readonly namespaced: boolean;
  readonly body: (name: string, ns: string, nodeName: string | null) => string;
}

const meta = (name: string, ns: string | null) =>
  ns === null ? `metadata:\n  name: ${name}\n` : `metadata:\n  name: ${name}\n  namespace: ${ns}\n`;
const svc =
  (type: string | null, extra = '') =>
  (name: string, ns: string) =>
    `apiVersion: v1\nkind: Service\n${meta(name, ns)}spec:\n${type ? `  type: ${type}\n` : ''}${extra}  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 80\n`;
const policy = (spec: string) => (name: string, ns: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n${meta(name, ns)}spec:\n${spec}`;

export const TEMPLATES: readonly Template[] = [
  {
    id: 'Pod',
    label: 'Pod',
    kind: 'Pod',
    base: 'pod',
    namespaced: true,
    body: (name, ns, node) =>
      `apiVersion: v1\nkind: Pod\n${meta(name, ns)}  labels:\n    app: ${name}\nspec:\n${node ? `  nodeName: ${node}\n` : ''}  containers:\n    - name: nginx\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n`,
  },
  {
    id: 'Deployment',
    label: 'Deployment',
    kind: 'Deployment',
    base: 'web',
    namespaced: true,
    body: (name, ns, node) =>
      `apiVersion: apps/v1\nkind: Deployment\n${meta(name, ns)}spec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n${node ? `      nodeName: ${node}\n` : ''}      containers:\n        - name: nginx\n          image: nginx:1.27\n          ports:\n            - containerPort: 80\n`,
  },
  {
    id: 'Service',
    label: 'Service',
    kind: 'Service',
    base: 'web',
    namespaced: true,
    body: svc(null),
  },
  {
    id: 'Service/NodePort',
    label: 'Service (NodePort)',
    kind: 'Service',
    base: 'web-nodeport',
    namespaced: true,
    body: svc('NodePort'),
  },
  {
    id: 'Service/LoadBalancer',
    label: 'Service (LoadBalancer)',
    kind: 'Service',
    base: 'web-lb',
    namespaced: true,
    body: svc('LoadBalancer'),
  },
  {
    id: 'Service/ExternalName',
    label: 'Service (ExternalName)',
    kind: 'Service',
    base: 'external-api',
    namespaced: true,
    body: (name, ns) =>
      `apiVersion: v1\nkind: Service\n${meta(name, ns)}spec:\n  type: ExternalName\n  externalName: api.example.com\n`,
  },
  {
    id: 'Service/headless',
    label: 'Service (headless)',
    kind: 'Service',
    base: 'web-headless',
    namespaced: true,
    body: svc(null, '  clusterIP: None\n'),
  },
  {
    id: 'Ingress',
    label: 'Ingress',
    kind: 'Ingress',
    base: 'web',
    namespaced: true,
    body: (name, ns) =>
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\n${meta(name, ns)}spec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n`,
  },
  {
    id: 'NetworkPolicy/deny-all-ingress',
    label: 'NetworkPolicy (deny all ingress)',
    kind: 'NetworkPolicy',
    base: 'deny-all-ingress',
    namespaced: true,
    body: policy('  podSelector: {}\n  policyTypes:\n    - Ingress\n'),
  },
  {
    id: 'NetworkPolicy/deny-all-egress',
    label: 'NetworkPolicy (deny all egress)',
    kind: 'NetworkPolicy',
    base: 'deny-all-egress',
    namespaced: true,
    body: policy('  podSelector: {}\n  policyTypes:\n    - Egress\n'),
  },
  {
    id: 'NetworkPolicy/allow-same-namespace',
    label: 'NetworkPolicy (allow same namespace)',
    kind: 'NetworkPolicy',
    base: 'allow-same-namespace',
    namespaced: true,
    body: policy('  podSelector: {}\n  ingress:\n    - from:\n        - podSelector: {}\n'),
  },
  {
    id: 'NetworkPolicy/allow-from-label',
    label: 'NetworkPolicy (allow from label)',
    kind: 'NetworkPolicy',
    base: 'allow-from-client',
    namespaced: true,
    body: policy(
      '  podSelector:\n    matchLabels:\n      app: web\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: client\n',
    ),
  },
  {
    id: 'NetworkPolicy/allow-dns-egress',
    label: 'NetworkPolicy (allow DNS egress)',
    kind: 'NetworkPolicy',
    base: 'allow-dns-egress',
    namespaced: true,
    body: policy(
      '  podSelector: {}\n  policyTypes:\n    - Egress\n  egress:\n    - to:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: kube-system\n          podSelector:\n            matchLabels:\n              k8s-app: kube-dns\n      ports:\n        - protocol: UDP\n          port: 53\n        - protocol: TCP\n          port: 53\n',
    ),
  },
  {
    id: 'Namespace',
    label: 'Namespace',
    kind: 'Namespace',
    base: 'team',
    namespaced: false,
    body: (name) => `apiVersion: v1\nkind: Namespace\n${meta(name, null)}`,
  },
  {
    id: 'Node',
    label: 'Node',
    kind: 'Node',
    base: 'worker',
    namespaced: false,
    body: (name) => `apiVersion: v1\nkind: Node\n${meta(name, null)}`,
  },
];

export function findTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/** Append a template with a free name; `nodeName` pins a dropped pod to the node it landed on. */
export function addTemplate(
  text: string,
  id: string,
  namespace: string,
  nodeName: string | null,
): EditResult & { readonly name?: string } {
  const t = findTemplate(id);
  if (!t) return { ok: false, message: `unknown palette item ${JSON.stringify(id)}` };
  const ns = t.namespaced ? namespace : '';
  const name = freeName(usedNames(text, t.kind, ns), t.base);
  const r = applyEdit(text, { op: 'add', yaml: t.body(name, ns || 'default', nodeName) });
  return r.ok ? { ...r, name } : r;
}
