/**
 * Building the simulated cluster from manifests: settings, nodes, namespaces, controllers,
 * scheduling and IPAM. Pure and deterministic: the same manifests give the same pods, names,
 * nodes and IPs.
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { Diagnostic } from '../model/diagnostics';
import type { Manifest, ManifestKind, ManifestOf, ObjectSource } from '../model/manifest';
import type { PodRequest } from './controllers';
import { expandWorkload } from './controllers';
import { dumpedNodes, dumpOwnership } from './dump';
import { buildEndpoints } from './endpoints';
import {
  buildIngressState,
  INGRESS_NGINX_NAMESPACE,
  INGRESS_NGINX_NAMESPACE_LABELS,
  ingressNginxDeployment,
  ingressNginxService,
} from './ingress';
import { Ipam } from './ipam';
import { buildNodes } from './nodes';
import { dnsFields, isReady, toContainers, toVolumes } from './pods';
import { daemonSetNodes, Scheduler } from './scheduler';
import { buildServices } from './services';
import { resolveSettings } from './settings';
import { BUILT_IN_FILE, coreDnsDeployment, SYSTEM_NAMESPACES } from './system';
import type { Cluster, OwnerRef, PodKey, SimNamespace, SimPod, SimPolicy } from './types';

function ofKind<K extends ManifestKind>(manifests: readonly Manifest[], kind: K): ManifestOf<K>[] {
  return manifests.filter((m): m is ManifestOf<K> => m.kind === kind);
}

/** The controllers a pod can name as owners (each entry checked against OwnerRef's kinds). */
const OWNER_KINDS: ReadonlySet<string> = new Set<OwnerRef['kind']>([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
]);

const WORKLOAD_KINDS = new Set<ManifestKind>([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
]);

function diag(
  source: ObjectSource | undefined,
  path: string,
  severity: Diagnostic['severity'],
  code: string,
  message: string,
): Diagnostic | undefined {
  if (!source || source.file === BUILT_IN_FILE) return undefined;
  return { ...source.positions.value(path), severity, path, code, message };
}

/** Build the cluster. Manifests are assumed validated (parseManifests rejects broken objects). */
export function buildCluster(manifests: readonly Manifest[]): Cluster {
  const out: Diagnostic[] = [];
  const settings = resolveSettings(ofKind(manifests, 'ClusterSettings'), out);
  // A kubectl dump: its objects are kept as they are (their owners make no more), and the nodes
  // its pods ran on are the cluster's nodes.
  const dump = dumpOwnership(manifests, out);
  const nodes = buildNodes(ofKind(manifests, 'Node'), settings, out, dumpedNodes(manifests));
  const nodeByName = new Map(nodes.map((n) => [n.name, n]));

  // Namespaces: the built-in four, the declared ones, and any that objects use.
  const namespaceByName = new Map<string, SimNamespace>();
  const addNamespace = (
    name: string,
    labels: Readonly<Record<string, string>>,
    declared: boolean,
  ) => {
    // The API server always sets kubernetes.io/metadata.name to the namespace's name.
    namespaceByName.set(name, {
      name,
      labels: { ...labels, 'kubernetes.io/metadata.name': name },
      declared,
    });
  };
  for (const name of SYSTEM_NAMESPACES) addNamespace(name, {}, true);
  // The ingress controller is installed only for scenarios with an Ingress, so the others keep
  // their addresses.
  const hasIngress = manifests.some((m) => m.kind === 'Ingress');
  if (hasIngress) addNamespace(INGRESS_NGINX_NAMESPACE, INGRESS_NGINX_NAMESPACE_LABELS, true);
  for (const m of ofKind(manifests, 'Namespace'))
    addNamespace(m.name, m.object.metadata?.labels ?? {}, true);
  for (const m of manifests) {
    if (m.namespace === '' || namespaceByName.has(m.namespace)) continue;
    addNamespace(m.namespace, {}, false);
    const d = diag(
      m.source,
      'metadata.namespace',
      'warning',
      'undeclared-namespace',
      `namespace ${JSON.stringify(m.namespace)} is not declared; the playground creates it (add a Namespace object, or kubectl create namespace ${m.namespace}, for a real cluster)`,
    );
    if (d) out.push(d);
  }

  // Controllers expand workloads into pod requests, in input order; CoreDNS first.
  const controlPlane = nodes.find((n) => n.isControlPlane)?.name;
  const userHasCoreDns = manifests.some(
    (m) => m.namespace === 'kube-system' && m.name === 'coredns',
  );
  const eligible = (spec: PodSpec) => daemonSetNodes(spec, nodes);
  const requests: PodRequest[] = [];
  if (!userHasCoreDns)
    requests.push(...expandWorkload(coreDnsDeployment(controlPlane), eligible, true));
  const userHasIngressNginx = manifests.some(
    (m) =>
      m.namespace === INGRESS_NGINX_NAMESPACE &&
      m.name === 'ingress-nginx-controller' &&
      WORKLOAD_KINDS.has(m.kind),
  );
  if (hasIngress && !userHasIngressNginx)
    requests.push(...expandWorkload(ingressNginxDeployment(controlPlane), eligible, true));
  for (const m of manifests) {
    if (!WORKLOAD_KINDS.has(m.kind) || dump.supplied.has(m)) continue;
    const owners = dump.ownersOf(m).filter((o): o is OwnerRef => OWNER_KINDS.has(o.kind));
    for (const r of expandWorkload(m, eligible))
      requests.push(owners.length > 0 ? { ...r, owners: [...owners, ...r.owners] } : r);
  }

  // Scheduling and IPAM.
  const scheduler = new Scheduler(nodes);
  const ipam = new Ipam(nodes);
  const seenPods = new Set<string>();
  for (const r of requests) if (r.podIP && !r.spec.hostNetwork) ipam.reserve(r.podIP);
  const pods: SimPod[] = [];
  for (const r of requests) {
    const key = `${r.namespace}/${r.name}` as PodKey;
    if (seenPods.has(key)) {
      const d = diag(
        r.source,
        'metadata.name',
        'error',
        'duplicate-pod',
        `pod ${key} is created twice (a controller's pod has the same name as another pod); rename one`,
      );
      if (d) out.push(d);
      continue;
    }
    seenPods.add(key);
    const ownerKey = r.owners.map((o) => `${o.kind}/${o.name}`).join('>') || key;
    let nodeName: string | null;
    let pendingReason: string | undefined;
    const pinned = r.daemonSetNode ?? r.spec.nodeName;
    if (pinned !== undefined) {
      if (!nodeByName.has(pinned)) {
        nodeName = null;
        pendingReason = `node ${JSON.stringify(pinned)} does not exist`;
        const d = diag(
          r.source,
          `${r.specPath}.nodeName`,
          'warning',
          'unknown-node',
          `nodeName ${JSON.stringify(pinned)} is not a node of this cluster (nodes: ${nodes.map((n) => n.name).join(', ')}); the pod stays Pending`,
        );
        if (d) out.push(d);
      } else {
        const conflicts = scheduler.hostPortConflicts(pinned, r.spec);
        if (conflicts.length > 0) {
          const d = diag(
            r.source,
            `${r.specPath}.containers`,
            'warning',
            'duplicate-host-port',
            `hostPort ${conflicts.join(', ')} is already used on node ${pinned}; only one pod per node can bind a hostPort (the kubelet rejects this pod)`,
          );
          if (d) out.push(d);
        }
        scheduler.bind(pinned, r.spec, ownerKey);
        nodeName = pinned;
      }
    } else {
      const placed = scheduler.schedule(r.spec, ownerKey);
      nodeName = placed.node;
      if (placed.node === null) {
        pendingReason = placed.reason;
        const d = diag(
          r.source,
          r.specPath,
          'warning',
          'unschedulable',
          `pod ${key} stays Pending: ${placed.reason}`,
        );
        if (d) out.push(d);
      }
    }
    let ip: string | null = null;
    const hostNetwork = r.spec.hostNetwork === true;
    if (nodeName !== null) {
      const node = nodeByName.get(nodeName);
      if (hostNetwork) ip = node?.ip ?? null;
      else if (r.podIP) {
        ip = r.podIP;
        if (!ipam.inNodeRange(nodeName, r.podIP)) {
          const d = diag(
            r.source,
            'status.podIP',
            'warning',
            'pod-ip-outside-node-range',
            `status.podIP ${r.podIP} is outside node ${nodeName}'s pod range ${node?.podCIDR ?? ''}; a real CNI would not assign it`,
          );
          if (d) out.push(d);
        }
      } else {
        ip = ipam.allocate(nodeName);
        if (ip === null) {
          pendingReason = `node ${nodeName} has no free pod IPs in ${node?.podCIDR ?? ''}`;
          const d = diag(
            r.source,
            r.specPath,
            'warning',
            'ip-exhausted',
            `pod ${key} gets no IP: ${pendingReason}`,
          );
          if (d) out.push(d);
        }
      }
    }
    pods.push({
      index: pods.length,
      key,
      name: r.name,
      namespace: r.namespace,
      labels: r.labels,
      nodeName,
      ip,
      hostNetwork,
      ...toContainers(r.spec),
      volumes: toVolumes(r.spec),
      ...dnsFields(r.spec, r.statefulSet ?? null),
      annotations: r.annotations,
      ready: ip !== null && isReady(r.annotations, r.readyCondition),
      phase: ip !== null ? 'Running' : 'Pending',
      owners: r.owners,
      isWrittenPod: r.specPath === 'spec',
      isSystem: r.isSystem,
      ...(pendingReason !== undefined ? { pendingReason } : {}),
      ...(r.source ? { source: r.source } : {}),
    });
  }

  const policies: SimPolicy[] = ofKind(manifests, 'NetworkPolicy').map((m) => ({
    key: `${m.namespace}/${m.name}`,
    name: m.name,
    namespace: m.namespace,
    spec: m.object.spec ?? { podSelector: {} },
    source: m.source,
  }));
  if (!settings.enforcesPolicy) {
    for (const p of policies) {
      const d = diag(
        p.source,
        'kind',
        'warning',
        'policy-not-enforced',
        `the ${settings.cniPlugin} CNI does not enforce NetworkPolicy: this policy is accepted but has no effect (use canal, calico or cilium)`,
      );
      if (d) out.push(d);
    }
  }

  const services = buildServices(
    ofKind(manifests, 'Service'),
    settings,
    out,
    hasIngress ? [ingressNginxService()] : [],
  );
  const endpoints = buildEndpoints(
    services,
    pods,
    nodes,
    ofKind(manifests, 'Endpoints'),
    ofKind(manifests, 'EndpointSlice'),
    out,
  );

  const ingress = hasIngress ? buildIngressState(manifests, out) : undefined;

  return {
    settings,
    nodes,
    namespaces: [...namespaceByName.values()],
    pods,
    policies,
    services,
    serviceByKey: new Map(services.map((sv) => [sv.key, sv])),
    endpoints,
    diagnostics: out,
    podByKey: new Map(pods.map((p) => [p.key, p])),
    namespaceByName,
    nodeByName,
    ...(ingress ? { ingress } : {}),
  };
}
