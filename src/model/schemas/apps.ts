// Placeholder shapes: completed field by field in the schema work (issue 4).
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import { any, obj, str } from '../schema';
import { objectMeta } from './meta';

export const deploymentSchema = obj<Deployment>('Deployment', { apiVersion: str, kind: str, metadata: objectMeta, spec: any, status: any }, ['metadata', 'spec']);
export const replicaSetSchema = obj<ReplicaSet>('ReplicaSet', { apiVersion: str, kind: str, metadata: objectMeta, spec: any, status: any }, ['metadata', 'spec']);
export const statefulSetSchema = obj<StatefulSet>('StatefulSet', { apiVersion: str, kind: str, metadata: objectMeta, spec: any, status: any }, ['metadata', 'spec']);
export const daemonSetSchema = obj<DaemonSet>('DaemonSet', { apiVersion: str, kind: str, metadata: objectMeta, spec: any, status: any }, ['metadata', 'spec']);
