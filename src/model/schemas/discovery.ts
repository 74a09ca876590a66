/**
 * discovery.k8s.io/v1 EndpointSlice, which kube-proxy reads to program Service backends.
 * https://kubernetes.io/docs/reference/kubernetes-api/service-resources/endpoint-slice-v1/
 */
import type {
  Endpoint,
  EndpointConditions,
  EndpointHints,
  EndpointPort,
  EndpointSlice,
  ForZone,
} from 'kubernetes-types/discovery/v1';
import { arr, bool, int, obj, oneOf, str, stringMap, strings } from '../schema';
import { objectReference } from './core';
import { objectMeta } from './meta';
import { protocol } from './pod';

const endpoint = obj<Endpoint>(
  'Endpoint',
  {
    addresses: strings,
    conditions: obj<EndpointConditions>('EndpointConditions', {
      ready: bool,
      serving: bool,
      terminating: bool,
    }),
    deprecatedTopology: stringMap,
    hints: obj<EndpointHints>('EndpointHints', {
      forZones: arr(obj<ForZone>('ForZone', { name: str }, ['name'])),
    }),
    hostname: str,
    nodeName: str,
    targetRef: objectReference,
    zone: str,
  },
  ['addresses'],
);

export const endpointSliceSchema = obj<EndpointSlice>(
  'EndpointSlice',
  {
    apiVersion: str,
    kind: str,
    metadata: objectMeta,
    addressType: oneOf('IPv4', 'IPv6', 'FQDN'),
    endpoints: arr(endpoint),
    ports: arr(
      obj<EndpointPort>('EndpointPort', { appProtocol: str, name: str, port: int, protocol }),
    ),
  },
  ['metadata', 'addressType', 'endpoints'],
);
