/**
 * batch/v1 Job: its pods are simulated like any other; failure and success policies are kept open.
 * https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/job-v1/
 */
import type { Job, JobSpec } from 'kubernetes-types/batch/v1';
import { any, bool, int, obj, oneOf, str } from '../schema';
import { labelSelector, objectMeta } from './meta';
import { podTemplateSpec } from './pod';

const jobSpec = obj<JobSpec>(
  'JobSpec',
  {
    activeDeadlineSeconds: int,
    backoffLimit: int,
    backoffLimitPerIndex: int,
    completionMode: oneOf('NonIndexed', 'Indexed'),
    completions: int,
    managedBy: str,
    manualSelector: bool,
    maxFailedIndexes: int,
    parallelism: int,
    podFailurePolicy: any,
    podReplacementPolicy: oneOf('TerminatingOrFailed', 'Failed'),
    selector: labelSelector,
    successPolicy: any,
    suspend: bool,
    template: podTemplateSpec,
    ttlSecondsAfterFinished: int,
  },
  ['template'],
);

export const jobSchema = obj<Job>(
  'Job',
  { apiVersion: str, kind: str, metadata: objectMeta, spec: jobSpec, status: any },
  ['metadata', 'spec'],
);
