/** The simulated cluster: what the engine builds from manifests and every query reads. */
import type { NetworkPolicy } from 'kubernetes-types/networking/v1';
import type { Diagnostic } from '../model/diagnostics';
import type { CniMode, CniPlugin, KubeProxyMode, ObjectSource } from '../model/manifest';
import type { PodDNSConfig } from 'kubernetes-types/core/v1';
import type { ServiceEndpoints } from './endpoints';
import type { IngressState } from './ingress';
import type { SimService } from './services';

/** `namespace/name`. */
export type PodKey = string & { readonly __brand: 'PodKey' };
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ResolvedSettings {
  readonly podCIDR: string;
  readonly serviceCIDR: string;
  readonly clusterDomain: string;
  readonly cniPlugin: CniPlugin;
  readonly cniMode: CniMode;
  readonly kubeProxyMode: KubeProxyMode;
  readonly externalClientIP: string;
  /** Whether the CNI enforces NetworkPolicy (flannel does not). */
  readonly enforcesPolicy: boolean;
}

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
}

export interface SimNode {
  readonly name: string;
  /** Node InternalIP, kind-style 172.18.0.x. */
  readonly ip: string;
  /** This node's pod range, one /24 of the pod CIDR. */
  readonly podCIDR: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly unschedulable: boolean;
  readonly isControlPlane: boolean;
  /** Given by a Node manifest (true) or a default node (false). */
  readonly declared: boolean;
}

export interface SimNamespace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Declared by a Namespace manifest, or created because something used it. */
  readonly declared: boolean;
}

export interface SimContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
  readonly hostPort?: number;
}

export interface SimVolumeMount {
  readonly name: string;
  readonly mountPath: string;
  readonly subPath?: string;
  readonly readOnly?: boolean;
}

export interface SimContainer {
  readonly name: string;
  readonly image: string;
  /** Declared ports: informational; what listens is decided by the process (see containers.ts). */
  readonly ports: readonly SimContainerPort[];
  readonly command: readonly string[];
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly volumeMounts: readonly SimVolumeMount[];
  /** Init containers run to completion before the others start. */
  readonly isInit: boolean;
}

/** A pod volume, by what it is backed with (only the kind matters for sharing files). */
export interface SimVolume {
  readonly name: string;
  readonly type:
    'emptyDir' | 'configMap' | 'secret' | 'hostPath' | 'persistentVolumeClaim' | 'other';
  /** configMap/secret/PVC name or hostPath path. */
  readonly ref?: string;
}

export interface OwnerRef {
  readonly kind: 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job';
  readonly name: string;
}

export interface SimPod {
  /** Index in `Cluster.pods` (stable for one build; matrices use it). */
  readonly index: number;
  readonly key: PodKey;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Scheduled node, or null if no node fits (the pod stays Pending). */
  readonly nodeName: string | null;
  /** Pod IP, or null while Pending. hostNetwork pods have their node's IP. */
  readonly ip: string | null;
  readonly hostNetwork: boolean;
  /** spec.dnsPolicy (ClusterFirst when absent), spec.dnsConfig, spec.hostname, spec.subdomain. */
  readonly dnsPolicy: 'ClusterFirst' | 'Default' | 'None' | 'ClusterFirstWithHostNet';
  readonly dnsConfig?: PodDNSConfig;
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly containers: readonly SimContainer[];
  readonly initContainers: readonly SimContainer[];
  readonly volumes: readonly SimVolume[];
  /** Ready for Service traffic (status.conditions Ready, or the k8snet.dev/ready annotation). */
  readonly ready: boolean;
  readonly annotations: Readonly<Record<string, string>>;
  readonly phase: 'Running' | 'Pending';
  /** Why the pod is Pending (scheduler message), if it is. */
  readonly pendingReason?: string;
  /** The controller chain that created the pod, outermost first (Deployment, ReplicaSet). */
  readonly owners: readonly OwnerRef[];
  /** Written as a Pod (by hand, or pasted from a kubectl dump), not made from a template. */
  readonly isWrittenPod: boolean;
  /** Part of the cluster itself (CoreDNS, …) rather than the user's manifests. */
  readonly isSystem: boolean;
  /** Where the pod (or its template) was written. */
  readonly source?: ObjectSource;
}

export interface SimPolicy {
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly spec: NonNullable<NetworkPolicy['spec']>;
  readonly source?: ObjectSource;
}

export interface Cluster {
  readonly settings: ResolvedSettings;
  readonly nodes: readonly SimNode[];
  readonly namespaces: readonly SimNamespace[];
  readonly pods: readonly SimPod[];
  readonly policies: readonly SimPolicy[];
  readonly services: readonly SimService[];
  readonly serviceByKey: ReadonlyMap<string, SimService>;
  /** Endpoints per Service key. */
  readonly endpoints: ReadonlyMap<string, ServiceEndpoints>;
  /** Present when the scenario has an Ingress (and so an ingress controller). */
  readonly ingress?: IngressState;
  /** Findings of the build (scheduling, undeclared namespaces, …). */
  readonly diagnostics: readonly Diagnostic[];
  readonly podByKey: ReadonlyMap<string, SimPod>;
  readonly namespaceByName: ReadonlyMap<string, SimNamespace>;
  readonly nodeByName: ReadonlyMap<string, SimNode>;
}
