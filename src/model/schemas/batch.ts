// Placeholder shapes: completed field by field in the schema work (issue 4).
import type { Job } from 'kubernetes-types/batch/v1';
import { any, obj, str } from '../schema';
import { objectMeta } from './meta';

export const jobSchema = obj<Job>('Job', { apiVersion: str, kind: str, metadata: objectMeta, spec: any, status: any }, ['metadata', 'spec']);
