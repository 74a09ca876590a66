/**
 * Core (v1) kinds: Pod, Service, Endpoints, Namespace, Node. Pod internals live in `pod.ts`.
 * https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/
 */
import type {
  ClientIPConfig,
  EndpointAddress,
  EndpointPort,
  Endpoints,
  EndpointSubset,
  HostIP,
  LoadBalancerIngress,
  LoadBalancerStatus,
  Namespace,
  NamespaceSpec,
  NamespaceStatus,
  Node,
  NodeAddress,
  NodeDaemonEndpoints,
  NodeSpec,
  NodeStatus,
  ObjectReference,
  Pod,
  PodIP,
  PodStatus,
  PortStatus,
  Service,
  ServicePort,
  ServiceSpec,
  ServiceStatus,
  SessionAffinityConfig,
  Taint,
} from 'kubernetes-types/core/v1';
import {
  any,
  arr,
  bool,
  int,
  intOrString,
  map,
  obj,
  oneOf,
  str,
  stringMap,
  strings,
} from '../schema';
import { objectMeta } from './meta';
import { podSpec, protocol } from './pod';

const podStatus = obj<PodStatus>('PodStatus', {
  conditions: any,
  containerStatuses: any,
  ephemeralContainerStatuses: any,
  hostIP: str,
  hostIPs: arr(obj<HostIP>('HostIP', { ip: str })),
  initContainerStatuses: any,
  message: str,
  nominatedNodeName: str,
  phase: oneOf('Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'),
  podIP: str,
  podIPs: arr(obj<PodIP>('PodIP', { ip: str })),
  qosClass: str,
  reason: str,
  resize: str,
  resourceClaimStatuses: any,
  startTime: any,
});

export const podSchema = obj<Pod>(
  'Pod',
  { apiVersion: str, kind: str, metadata: objectMeta, spec: podSpec, status: podStatus },
  ['metadata', 'spec'],
);

const servicePort = obj<ServicePort>(
  'ServicePort',
  { appProtocol: str, name: str, nodePort: int, port: int, protocol, targetPort: intOrString },
  ['port'],
);

const serviceSpec = obj<ServiceSpec>('ServiceSpec', {
  allocateLoadBalancerNodePorts: bool,
  clusterIP: str,
  clusterIPs: strings,
  externalIPs: strings,
  externalName: str,
  externalTrafficPolicy: oneOf('Cluster', 'Local'),
  healthCheckNodePort: int,
  internalTrafficPolicy: oneOf('Cluster', 'Local'),
  ipFamilies: arr(oneOf('IPv4', 'IPv6')),
  ipFamilyPolicy: oneOf('SingleStack', 'PreferDualStack', 'RequireDualStack'),
  loadBalancerClass: str,
  loadBalancerIP: str,
  loadBalancerSourceRanges: strings,
  ports: arr(servicePort),
  publishNotReadyAddresses: bool,
  selector: stringMap,
  sessionAffinity: oneOf('None', 'ClientIP'),
  sessionAffinityConfig: obj<SessionAffinityConfig>('SessionAffinityConfig', {
    clientIP: obj<ClientIPConfig>('ClientIPConfig', { timeoutSeconds: int }),
  }),
  trafficDistribution: oneOf('PreferClose'),
  type: oneOf('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'),
});

const portStatus = obj<PortStatus>('PortStatus', { error: str, port: int, protocol }, [
  'port',
  'protocol',
]);
const loadBalancerStatus = obj<LoadBalancerStatus>('LoadBalancerStatus', {
  ingress: arr(
    obj<LoadBalancerIngress>('LoadBalancerIngress', {
      hostname: str,
      ip: str,
      ipMode: oneOf('VIP', 'Proxy'),
      ports: arr(portStatus),
    }),
  ),
});

export const serviceSchema = obj<Service>(
  'Service',
  {
    apiVersion: str,
    kind: str,
    metadata: objectMeta,
    spec: serviceSpec,
    status: obj<ServiceStatus>('ServiceStatus', {
      conditions: any,
      loadBalancer: loadBalancerStatus,
    }),
  },
  ['metadata'],
);

export const objectReference = obj<ObjectReference>('ObjectReference', {
  apiVersion: str,
  fieldPath: str,
  kind: str,
  name: str,
  namespace: str,
  resourceVersion: str,
  uid: str,
});

const endpointAddress = obj<EndpointAddress>(
  'EndpointAddress',
  { hostname: str, ip: str, nodeName: str, targetRef: objectReference },
  ['ip'],
);
const endpointSubset = obj<EndpointSubset>('EndpointSubset', {
  addresses: arr(endpointAddress),
  notReadyAddresses: arr(endpointAddress),
  ports: arr(
    obj<EndpointPort>('EndpointPort', { appProtocol: str, name: str, port: int, protocol }, [
      'port',
    ]),
  ),
});

export const endpointsSchema = obj<Endpoints>(
  'Endpoints',
  { apiVersion: str, kind: str, metadata: objectMeta, subsets: arr(endpointSubset) },
  ['metadata'],
);

export const namespaceSchema = obj<Namespace>(
  'Namespace',
  {
    apiVersion: str,
    kind: str,
    metadata: objectMeta,
    spec: obj<NamespaceSpec>('NamespaceSpec', { finalizers: strings }),
    status: obj<NamespaceStatus>('NamespaceStatus', {
      conditions: any,
      phase: oneOf('Active', 'Terminating'),
    }),
  },
  ['metadata'],
);

export const taint = obj<Taint>(
  'Taint',
  {
    effect: oneOf('NoSchedule', 'PreferNoSchedule', 'NoExecute'),
    key: str,
    timeAdded: any,
    value: str,
  },
  ['key', 'effect'],
);

const nodeSpec = obj<NodeSpec>('NodeSpec', {
  configSource: any,
  externalID: str,
  podCIDR: str,
  podCIDRs: strings,
  providerID: str,
  taints: arr(taint),
  unschedulable: bool,
});

const nodeStatus = obj<NodeStatus>('NodeStatus', {
  addresses: arr(
    obj<NodeAddress>(
      'NodeAddress',
      {
        address: str,
        type: oneOf('Hostname', 'InternalIP', 'ExternalIP', 'InternalDNS', 'ExternalDNS'),
      },
      ['address', 'type'],
    ),
  ),
  allocatable: map(any),
  capacity: map(any),
  conditions: any,
  config: any,
  daemonEndpoints: obj<NodeDaemonEndpoints>('NodeDaemonEndpoints', { kubeletEndpoint: any }),
  images: any,
  nodeInfo: any,
  phase: str,
  runtimeHandlers: any,
  volumesAttached: any,
  volumesInUse: strings,
});

export const nodeSchema = obj<Node>(
  'Node',
  { apiVersion: str, kind: str, metadata: objectMeta, spec: nodeSpec, status: nodeStatus },
  ['metadata'],
);
