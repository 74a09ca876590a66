/**
 * networking.k8s.io/v1: NetworkPolicy, Ingress, IngressClass.
 * https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/
 * https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/
 */
import type { TypedLocalObjectReference } from 'kubernetes-types/core/v1';
import type {
  HTTPIngressPath,
  HTTPIngressRuleValue,
  Ingress,
  IngressBackend,
  IngressClass,
  IngressClassParametersReference,
  IngressClassSpec,
  IngressLoadBalancerIngress,
  IngressLoadBalancerStatus,
  IngressPortStatus,
  IngressRule,
  IngressServiceBackend,
  IngressSpec,
  IngressStatus,
  IngressTLS,
  IPBlock,
  NetworkPolicy,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySpec,
  ServiceBackendPort,
} from 'kubernetes-types/networking/v1';
import { arr, int, intOrString, obj, oneOf, str, strings } from '../schema';
import { labelSelector, objectMeta } from './meta';
import { protocol } from './pod';

const ipBlock = obj<IPBlock>('IPBlock', { cidr: str, except: strings }, ['cidr']);
const peer = obj<NetworkPolicyPeer>('NetworkPolicyPeer', {
  podSelector: labelSelector,
  namespaceSelector: labelSelector,
  ipBlock,
});
const port = obj<NetworkPolicyPort>('NetworkPolicyPort', {
  protocol,
  port: intOrString,
  endPort: int,
});
const ingressRule = obj<NetworkPolicyIngressRule>('NetworkPolicyIngressRule', {
  from: arr(peer),
  ports: arr(port),
});
const egressRule = obj<NetworkPolicyEgressRule>('NetworkPolicyEgressRule', {
  to: arr(peer),
  ports: arr(port),
});
const networkPolicySpec = obj<NetworkPolicySpec>(
  'NetworkPolicySpec',
  {
    podSelector: labelSelector,
    policyTypes: arr(oneOf('Ingress', 'Egress')),
    ingress: arr(ingressRule),
    egress: arr(egressRule),
  },
  // kubernetes-types 1.30 (like kubectl's client-side validation) still requires it; `{}`
  // selects every pod in the namespace.
  ['podSelector'],
);

export const networkPolicySchema = obj<NetworkPolicy>(
  'NetworkPolicy',
  { apiVersion: str, kind: str, metadata: objectMeta, spec: networkPolicySpec },
  ['metadata'],
);

const ingressBackend = obj<IngressBackend>(
  'IngressBackend',
  {
    resource: obj<TypedLocalObjectReference>(
      'TypedLocalObjectReference',
      { apiGroup: str, kind: str, name: str },
      ['kind', 'name'],
    ),
    service: obj<IngressServiceBackend>(
      'IngressServiceBackend',
      {
        name: str,
        port: obj<ServiceBackendPort>('ServiceBackendPort', { name: str, number: int }),
      },
      ['name'],
    ),
  },
  [],
  // extensions/v1beta1 spelled these `serviceName`/`servicePort`; validateIngress explains the
  // rewrite in one message instead of two "unknown field" errors.
  { deferred: ['serviceName', 'servicePort'] },
);

const httpIngressPath = obj<HTTPIngressPath>(
  'HTTPIngressPath',
  {
    backend: ingressBackend,
    path: str,
    pathType: oneOf('Exact', 'Prefix', 'ImplementationSpecific'),
  },
  ['backend', 'pathType'],
);

const ingressRuleSchema = obj<IngressRule>('IngressRule', {
  host: str,
  http: obj<HTTPIngressRuleValue>('HTTPIngressRuleValue', { paths: arr(httpIngressPath) }, [
    'paths',
  ]),
});

const ingressSpec = obj<IngressSpec>(
  'IngressSpec',
  {
    defaultBackend: ingressBackend,
    ingressClassName: str,
    rules: arr(ingressRuleSchema),
    tls: arr(obj<IngressTLS>('IngressTLS', { hosts: strings, secretName: str })),
  },
  [],
  // `spec.backend` was renamed `spec.defaultBackend` in v1: reported by validateIngress.
  { deferred: ['backend'] },
);

const ingressStatus = obj<IngressStatus>('IngressStatus', {
  loadBalancer: obj<IngressLoadBalancerStatus>('IngressLoadBalancerStatus', {
    ingress: arr(
      obj<IngressLoadBalancerIngress>('IngressLoadBalancerIngress', {
        hostname: str,
        ip: str,
        ports: arr(
          obj<IngressPortStatus>('IngressPortStatus', { error: str, port: int, protocol }, [
            'port',
            'protocol',
          ]),
        ),
      }),
    ),
  }),
});

export const ingressSchema = obj<Ingress>(
  'Ingress',
  { apiVersion: str, kind: str, metadata: objectMeta, spec: ingressSpec, status: ingressStatus },
  ['metadata'],
);

export const ingressClassSchema = obj<IngressClass>(
  'IngressClass',
  {
    apiVersion: str,
    kind: str,
    metadata: objectMeta,
    spec: obj<IngressClassSpec>('IngressClassSpec', {
      controller: str,
      parameters: obj<IngressClassParametersReference>(
        'IngressClassParametersReference',
        {
          apiGroup: str,
          kind: str,
          name: str,
          namespace: str,
          scope: oneOf('Cluster', 'Namespace'),
        },
        ['kind', 'name'],
      ),
    }),
  },
  ['metadata'],
);
