import type {
  IPBlock,
  NetworkPolicy,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySpec,
} from 'kubernetes-types/networking/v1';
import { any, arr, int, intOrString, obj, oneOf, str, strings } from '../schema';
import { labelSelector, objectMeta } from './meta';

export const protocol = oneOf('TCP', 'UDP', 'SCTP');

const ipBlock = obj<IPBlock>('IPBlock', { cidr: str, except: strings }, ['cidr']);
const peer = obj<NetworkPolicyPeer>('NetworkPolicyPeer', {
  podSelector: labelSelector,
  namespaceSelector: labelSelector,
  ipBlock,
});
const port = obj<NetworkPolicyPort>('NetworkPolicyPort', { protocol, port: intOrString, endPort: int });
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
  ['podSelector'],
);

export const networkPolicySchema = obj<NetworkPolicy>(
  'NetworkPolicy',
  { apiVersion: str, kind: str, metadata: objectMeta, spec: networkPolicySpec },
  ['metadata'],
);

// Ingress and IngressClass: filled in completely by the schema work; kept open until then.
export const ingressSchema = obj<import('kubernetes-types/networking/v1').Ingress>('Ingress', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: any,
  status: any,
});
export const ingressClassSchema = obj<import('kubernetes-types/networking/v1').IngressClass>(
  'IngressClass',
  { apiVersion: str, kind: str, metadata: objectMeta, spec: any },
);
