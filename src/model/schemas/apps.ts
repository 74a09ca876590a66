/**
 * apps/v1 workloads. Strategies are listed but shallow: the playground does not roll out.
 * https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/deployment-v1/
 */
import type {
  DaemonSet,
  DaemonSetSpec,
  DaemonSetUpdateStrategy,
  Deployment,
  DeploymentSpec,
  DeploymentStrategy,
  ReplicaSet,
  ReplicaSetSpec,
  RollingUpdateDaemonSet,
  RollingUpdateDeployment,
  RollingUpdateStatefulSetStrategy,
  StatefulSet,
  StatefulSetOrdinals,
  StatefulSetPersistentVolumeClaimRetentionPolicy,
  StatefulSetSpec,
  StatefulSetUpdateStrategy,
} from 'kubernetes-types/apps/v1';
import { any, arr, bool, int, intOrString, obj, oneOf, str } from '../schema';
import { labelSelector, objectMeta } from './meta';
import { podTemplateSpec } from './pod';

const deploymentSpec = obj<DeploymentSpec>(
  'DeploymentSpec',
  {
    minReadySeconds: int,
    paused: bool,
    progressDeadlineSeconds: int,
    replicas: int,
    revisionHistoryLimit: int,
    selector: labelSelector,
    strategy: obj<DeploymentStrategy>('DeploymentStrategy', {
      rollingUpdate: obj<RollingUpdateDeployment>('RollingUpdateDeployment', {
        maxSurge: intOrString,
        maxUnavailable: intOrString,
      }),
      type: oneOf('RollingUpdate', 'Recreate'),
    }),
    template: podTemplateSpec,
  },
  ['selector', 'template'],
);

export const deploymentSchema = obj<Deployment>(
  'Deployment',
  { apiVersion: str, kind: str, metadata: objectMeta, spec: deploymentSpec, status: any },
  ['metadata', 'spec'],
);

const replicaSetSpec = obj<ReplicaSetSpec>(
  'ReplicaSetSpec',
  { minReadySeconds: int, replicas: int, selector: labelSelector, template: podTemplateSpec },
  ['selector'],
);

export const replicaSetSchema = obj<ReplicaSet>(
  'ReplicaSet',
  { apiVersion: str, kind: str, metadata: objectMeta, spec: replicaSetSpec, status: any },
  ['metadata', 'spec'],
);

const statefulSetSpec = obj<StatefulSetSpec>(
  'StatefulSetSpec',
  {
    minReadySeconds: int,
    ordinals: obj<StatefulSetOrdinals>('StatefulSetOrdinals', { start: int }),
    persistentVolumeClaimRetentionPolicy: obj<StatefulSetPersistentVolumeClaimRetentionPolicy>(
      'StatefulSetPersistentVolumeClaimRetentionPolicy',
      { whenDeleted: oneOf('Retain', 'Delete'), whenScaled: oneOf('Retain', 'Delete') },
    ),
    podManagementPolicy: oneOf('OrderedReady', 'Parallel'),
    replicas: int,
    revisionHistoryLimit: int,
    selector: labelSelector,
    // Required by the OpenAPI schema before 1.29 but never enforced by the API server; the
    // governing Service is what gives pods their `pod-0.svc.ns.svc` names, so we warn instead.
    serviceName: str,
    template: podTemplateSpec,
    updateStrategy: obj<StatefulSetUpdateStrategy>('StatefulSetUpdateStrategy', {
      rollingUpdate: obj<RollingUpdateStatefulSetStrategy>('RollingUpdateStatefulSetStrategy', {
        maxUnavailable: intOrString,
        partition: int,
      }),
      type: oneOf('RollingUpdate', 'OnDelete'),
    }),
    volumeClaimTemplates: arr(any),
  },
  ['selector', 'template'],
);

export const statefulSetSchema = obj<StatefulSet>(
  'StatefulSet',
  { apiVersion: str, kind: str, metadata: objectMeta, spec: statefulSetSpec, status: any },
  ['metadata', 'spec'],
);

const daemonSetSpec = obj<DaemonSetSpec>(
  'DaemonSetSpec',
  {
    minReadySeconds: int,
    revisionHistoryLimit: int,
    selector: labelSelector,
    template: podTemplateSpec,
    updateStrategy: obj<DaemonSetUpdateStrategy>('DaemonSetUpdateStrategy', {
      rollingUpdate: obj<RollingUpdateDaemonSet>('RollingUpdateDaemonSet', {
        maxSurge: intOrString,
        maxUnavailable: intOrString,
      }),
      type: oneOf('RollingUpdate', 'OnDelete'),
    }),
  },
  ['selector', 'template'],
);

export const daemonSetSchema = obj<DaemonSet>(
  'DaemonSet',
  { apiVersion: str, kind: str, metadata: objectMeta, spec: daemonSetSpec, status: any },
  ['metadata', 'spec'],
);
