// Placeholder shapes: completed field by field in the schema work (issue 4).
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { any, obj, str } from '../schema';
import { objectMeta } from './meta';

export const endpointSliceSchema = obj<EndpointSlice>('EndpointSlice', { apiVersion: str, kind: str, metadata: objectMeta, addressType: str, endpoints: any, ports: any }, ['metadata', 'addressType']);
