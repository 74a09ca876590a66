// Placeholder shapes: completed field by field in the schema work (issue 4).
import type { Endpoints, Namespace, Node, Pod, Service } from 'kubernetes-types/core/v1';
import { any, obj, str } from '../schema';
import { objectMeta } from './meta';

export const podSchema = obj<Pod>('Pod', { apiVersion: str, kind: str, metadata: objectMeta, spec: any, status: any }, ['metadata', 'spec']);
export const serviceSchema = obj<Service>('Service', { apiVersion: str, kind: str, metadata: objectMeta, spec: any, status: any }, ['metadata']);
export const namespaceSchema = obj<Namespace>('Namespace', { apiVersion: str, kind: str, metadata: objectMeta, spec: any, status: any }, ['metadata']);
export const nodeSchema = obj<Node>('Node', { apiVersion: str, kind: str, metadata: objectMeta, spec: any, status: any }, ['metadata']);
export const endpointsSchema = obj<Endpoints>('Endpoints', { apiVersion: str, kind: str, metadata: objectMeta, subsets: any }, ['metadata']);
