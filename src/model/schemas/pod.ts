/**
 * PodSpec and everything under it, shared by Pods and every workload's pod template.
 * Deep where the simulator reads (ports, probes, DNS, scheduling) or users commonly write
 * (env, volumes); `any` for parts nobody simulates (resources, securityContext, lifecycle).
 * https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/
 */
import type {
  Affinity,
  ConfigMapEnvSource,
  ConfigMapKeySelector,
  ConfigMapVolumeSource,
  Container,
  ContainerPort,
  EmptyDirVolumeSource,
  EnvFromSource,
  EnvVar,
  EnvVarSource,
  EphemeralContainer,
  ExecAction,
  GRPCAction,
  HostAlias,
  HostPathVolumeSource,
  HTTPGetAction,
  HTTPHeader,
  KeyToPath,
  LocalObjectReference,
  NodeAffinity,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  ObjectFieldSelector,
  PersistentVolumeClaimVolumeSource,
  PodDNSConfig,
  PodDNSConfigOption,
  PodSpec,
  PodTemplateSpec,
  PreferredSchedulingTerm,
  Probe,
  ResourceFieldSelector,
  ResourceRequirements,
  SecretEnvSource,
  SecretKeySelector,
  SecretVolumeSource,
  TCPSocketAction,
  Toleration,
  TopologySpreadConstraint,
  Volume,
  VolumeMount,
} from 'kubernetes-types/core/v1';
import type { FieldSchema } from '../schema';
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
import { labelSelector, objectMeta } from './meta';

export const protocol = oneOf('TCP', 'UDP', 'SCTP');

export const containerPort = obj<ContainerPort>(
  'ContainerPort',
  { containerPort: int, hostIP: str, hostPort: int, name: str, protocol },
  ['containerPort'],
);

const keySelector = { key: str, name: str, optional: bool };
const envVarSource = obj<EnvVarSource>('EnvVarSource', {
  configMapKeyRef: obj<ConfigMapKeySelector>('ConfigMapKeySelector', keySelector, ['key']),
  secretKeyRef: obj<SecretKeySelector>('SecretKeySelector', keySelector, ['key']),
  fieldRef: obj<ObjectFieldSelector>('ObjectFieldSelector', { apiVersion: str, fieldPath: str }, [
    'fieldPath',
  ]),
  resourceFieldRef: obj<ResourceFieldSelector>(
    'ResourceFieldSelector',
    { containerName: str, divisor: any, resource: str },
    ['resource'],
  ),
});
const envVar = obj<EnvVar>('EnvVar', { name: str, value: str, valueFrom: envVarSource }, ['name']);
const envFrom = obj<EnvFromSource>('EnvFromSource', {
  configMapRef: obj<ConfigMapEnvSource>('ConfigMapEnvSource', { name: str, optional: bool }),
  secretRef: obj<SecretEnvSource>('SecretEnvSource', { name: str, optional: bool }),
  prefix: str,
});

const httpHeader = obj<HTTPHeader>('HTTPHeader', { name: str, value: str }, ['name', 'value']);
export const httpGetAction = obj<HTTPGetAction>(
  'HTTPGetAction',
  {
    host: str,
    httpHeaders: arr(httpHeader),
    path: str,
    port: intOrString,
    scheme: oneOf('HTTP', 'HTTPS'),
  },
  ['port'],
);
export const tcpSocketAction = obj<TCPSocketAction>(
  'TCPSocketAction',
  { host: str, port: intOrString },
  ['port'],
);
const probe = obj<Probe>('Probe', {
  exec: obj<ExecAction>('ExecAction', { command: strings }),
  grpc: obj<GRPCAction>('GRPCAction', { port: int, service: str }, ['port']),
  httpGet: httpGetAction,
  tcpSocket: tcpSocketAction,
  failureThreshold: int,
  initialDelaySeconds: int,
  periodSeconds: int,
  successThreshold: int,
  terminationGracePeriodSeconds: int,
  timeoutSeconds: int,
});

const volumeMount = obj<VolumeMount>(
  'VolumeMount',
  {
    mountPath: str,
    mountPropagation: oneOf('None', 'HostToContainer', 'Bidirectional'),
    name: str,
    readOnly: bool,
    recursiveReadOnly: oneOf('Disabled', 'IfPossible', 'Enabled'),
    subPath: str,
    subPathExpr: str,
  },
  ['name', 'mountPath'],
);

const resources = obj<ResourceRequirements>('ResourceRequirements', {
  claims: any,
  limits: map(any),
  requests: map(any),
});

const imagePullPolicy = oneOf('Always', 'IfNotPresent', 'Never');
const terminationMessagePolicy = oneOf('File', 'FallbackToLogsOnError');

/** Fields Container and EphemeralContainer share (same names, same meaning). */
const containerFields = {
  args: strings,
  command: strings,
  env: arr(envVar),
  envFrom: arr(envFrom),
  image: str,
  imagePullPolicy,
  lifecycle: any,
  livenessProbe: probe,
  name: str,
  ports: arr(containerPort),
  readinessProbe: probe,
  resizePolicy: any,
  resources,
  // Only "Always" is valid, and only for init containers (sidecars, Kubernetes 1.29+).
  restartPolicy: oneOf('Always'),
  securityContext: any,
  startupProbe: probe,
  stdin: bool,
  stdinOnce: bool,
  terminationMessagePath: str,
  terminationMessagePolicy,
  tty: bool,
  volumeDevices: any,
  volumeMounts: arr(volumeMount),
  workingDir: str,
};
export const container = obj<Container>('Container', containerFields, ['name']);
const ephemeralContainer = obj<EphemeralContainer>(
  'EphemeralContainer',
  { ...containerFields, targetContainerName: str },
  ['name'],
);

const keyToPath = obj<KeyToPath>('KeyToPath', { key: str, mode: int, path: str }, ['key', 'path']);
/** Volume sources the playground draws; the rest are listed but left open. */
const volume = obj<Volume>(
  'Volume',
  {
    name: str,
    emptyDir: obj<EmptyDirVolumeSource>('EmptyDirVolumeSource', {
      medium: oneOf('', 'Memory'),
      sizeLimit: any,
    }),
    configMap: obj<ConfigMapVolumeSource>('ConfigMapVolumeSource', {
      defaultMode: int,
      items: arr(keyToPath),
      name: str,
      optional: bool,
    }),
    secret: obj<SecretVolumeSource>('SecretVolumeSource', {
      defaultMode: int,
      items: arr(keyToPath),
      optional: bool,
      secretName: str,
    }),
    hostPath: obj<HostPathVolumeSource>(
      'HostPathVolumeSource',
      {
        path: str,
        type: oneOf(
          '',
          'DirectoryOrCreate',
          'Directory',
          'FileOrCreate',
          'File',
          'Socket',
          'CharDevice',
          'BlockDevice',
        ),
      },
      ['path'],
    ),
    persistentVolumeClaim: obj<PersistentVolumeClaimVolumeSource>(
      'PersistentVolumeClaimVolumeSource',
      { claimName: str, readOnly: bool },
      ['claimName'],
    ),
    awsElasticBlockStore: any,
    azureDisk: any,
    azureFile: any,
    cephfs: any,
    cinder: any,
    csi: any,
    downwardAPI: any,
    ephemeral: any,
    fc: any,
    flexVolume: any,
    flocker: any,
    gcePersistentDisk: any,
    gitRepo: any,
    glusterfs: any,
    iscsi: any,
    nfs: any,
    photonPersistentDisk: any,
    portworxVolume: any,
    projected: any,
    quobyte: any,
    rbd: any,
    scaleIO: any,
    storageos: any,
    vsphereVolume: any,
  },
  ['name'],
);

const toleration = obj<Toleration>('Toleration', {
  effect: oneOf('', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'),
  key: str,
  operator: oneOf('Exists', 'Equal'),
  tolerationSeconds: int,
  value: str,
});

export const nodeSelectorRequirement = obj<NodeSelectorRequirement>(
  'NodeSelectorRequirement',
  {
    key: str,
    operator: oneOf('In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'),
    values: strings,
  },
  ['key', 'operator'],
);
const nodeSelectorTerm = obj<NodeSelectorTerm>('NodeSelectorTerm', {
  matchExpressions: arr(nodeSelectorRequirement),
  matchFields: arr(nodeSelectorRequirement),
});
const nodeAffinity = obj<NodeAffinity>('NodeAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: obj<NodeSelector>(
    'NodeSelector',
    { nodeSelectorTerms: arr(nodeSelectorTerm) },
    ['nodeSelectorTerms'],
  ),
  preferredDuringSchedulingIgnoredDuringExecution: arr(
    obj<PreferredSchedulingTerm>(
      'PreferredSchedulingTerm',
      { preference: nodeSelectorTerm, weight: int },
      ['preference', 'weight'],
    ),
  ),
});
const affinity = obj<Affinity>('Affinity', {
  nodeAffinity,
  podAffinity: any,
  podAntiAffinity: any,
});

const dnsConfig = obj<PodDNSConfig>('PodDNSConfig', {
  nameservers: strings,
  options: arr(obj<PodDNSConfigOption>('PodDNSConfigOption', { name: str, value: str })),
  searches: strings,
});

const topologySpreadConstraint = obj<TopologySpreadConstraint>(
  'TopologySpreadConstraint',
  {
    labelSelector,
    matchLabelKeys: strings,
    maxSkew: int,
    minDomains: int,
    nodeAffinityPolicy: oneOf('Honor', 'Ignore'),
    nodeTaintsPolicy: oneOf('Honor', 'Ignore'),
    topologyKey: str,
    whenUnsatisfiable: oneOf('DoNotSchedule', 'ScheduleAnyway'),
  },
  ['maxSkew', 'topologyKey', 'whenUnsatisfiable'],
);

export const podSpec = obj<PodSpec>(
  'PodSpec',
  {
    activeDeadlineSeconds: int,
    affinity,
    automountServiceAccountToken: bool,
    containers: arr(container),
    dnsConfig,
    dnsPolicy: oneOf('ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'),
    enableServiceLinks: bool,
    ephemeralContainers: arr(ephemeralContainer),
    hostAliases: arr(obj<HostAlias>('HostAlias', { hostnames: strings, ip: str }, ['ip'])),
    hostIPC: bool,
    hostNetwork: bool,
    hostPID: bool,
    hostUsers: bool,
    hostname: str,
    imagePullSecrets: arr(obj<LocalObjectReference>('LocalObjectReference', { name: str })),
    initContainers: arr(container),
    nodeName: str,
    nodeSelector: stringMap,
    os: any,
    overhead: any,
    preemptionPolicy: oneOf('PreemptLowerPriority', 'Never'),
    priority: int,
    priorityClassName: str,
    readinessGates: any,
    resourceClaims: any,
    restartPolicy: oneOf('Always', 'OnFailure', 'Never'),
    runtimeClassName: str,
    schedulerName: str,
    schedulingGates: any,
    securityContext: any,
    serviceAccount: str,
    serviceAccountName: str,
    setHostnameAsFQDN: bool,
    shareProcessNamespace: bool,
    subdomain: str,
    terminationGracePeriodSeconds: int,
    tolerations: arr(toleration),
    topologySpreadConstraints: arr(topologySpreadConstraint),
    volumes: arr(volume),
  },
  ['containers'],
);

export const podTemplateSpec: FieldSchema = obj<PodTemplateSpec>('PodTemplateSpec', {
  metadata: objectMeta,
  spec: podSpec,
});
