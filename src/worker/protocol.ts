/**
 * Messages between the page and the engine worker. Requests and replies are unions keyed by
 * `type`; every message carries the numeric `id` of the request it belongs to, so the client can
 * match replies and drop the ones it no longer wants (a newer request superseded them).
 *
 * Everything here is plain, structured-clone-safe data: the engine's Cluster (maps, indexes) stays
 * inside the worker, and the page gets views shaped for display.
 */
import type { Protocol } from '../engine/types';
import type { KubeProxyMode } from '../model/manifest';
import type { Diagnostic } from '../model/diagnostics';
import type { EditOp, EditResult } from '../model/edit';

/** One input file as the user wrote it. */
export interface SourceFile {
  readonly file: string;
  readonly content: string;
}

export interface MatrixQuery {
  readonly port: number;
  readonly protocol: Protocol;
}

/** Build the cluster from `files` and compute the pod-to-pod matrix for one port. */
export interface SimulateRequest {
  readonly type: 'simulate';
  readonly id: number;
  readonly files: readonly SourceFile[];
  readonly matrix: MatrixQuery;
}

/** Forget request `id`: skip it if it has not started, and send no reply for it. */
export interface CancelRequest {
  readonly type: 'cancel';
  readonly id: number;
}

/** Why may (or may not) `from` connect to `to`? Answered from the last simulated cluster. */
export interface ExplainPairRequest {
  readonly type: 'explainPair';
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly matrix: MatrixQuery;
}

/**
 * A canvas or palette action, applied to the user's YAML text off the main thread. The pod-level
 * ops name a pod of the last simulated cluster (`ns/name`): the worker finds where it is written
 * (the Pod itself, or its controller's pod template).
 */
export type DocumentEdit =
  | EditOp
  | {
      readonly op: 'addTemplate';
      readonly template: string;
      readonly namespace: string;
      readonly nodeName: string | null;
    }
  /** Service → pod on the canvas: add the pod's own labels to the Service's selector. */
  | { readonly op: 'selectPod'; readonly service: string; readonly pod: string }
  /** Set (value null: remove) a pod's label, in the Pod or in its controller's template. */
  | {
      readonly op: 'setPodLabel';
      readonly pod: string;
      readonly key: string;
      readonly value: string | null;
    }
  /** Change the `index`th port of one container, in the Pod or its controller's template. */
  | {
      readonly op: 'setContainerPort';
      readonly pod: string;
      readonly container: string;
      readonly index: number;
      readonly port: number;
    };

export interface EditRequest {
  readonly type: 'edit';
  readonly id: number;
  readonly text: string;
  readonly edit: DocumentEdit;
}

/** Parse and validate the editor's unapplied text (no build): live lint while typing. */
export interface ValidateRequest {
  readonly type: 'validate';
  readonly id: number;
  readonly files: readonly SourceFile[];
}

/** kube-proxy's rules for one Service on one node; from the last simulated cluster. */
export interface ServiceRulesRequest {
  readonly type: 'serviceRules';
  readonly id: number;
  /** `ns/name`. */
  readonly service: string;
  /** null: the first node. */
  readonly node: string | null;
  /** null: the cluster's own kube-proxy mode. */
  readonly mode: KubeProxyMode | null;
}

/** The connections one NetworkPolicy's rules allow; from the last simulated cluster. */
export interface PolicyConnectionsRequest {
  readonly type: 'policyConnections';
  readonly id: number;
  /** `ns/name`. */
  readonly policy: string;
}

/** Pod → pod on the canvas: would a connection be allowed, and if not, a policy that allows it. */
export interface ProposeAllowRequest {
  readonly type: 'proposeAllow';
  readonly id: number;
  readonly from: string;
  readonly to: string;
}

export type EngineRequest =
  | SimulateRequest
  | CancelRequest
  | ExplainPairRequest
  | EditRequest
  | ValidateRequest
  | ServiceRulesRequest
  | PolicyConnectionsRequest
  | ProposeAllowRequest;

/** Requests answered once, from the worker's current state (everything but simulate/cancel). */
export type OneShotRequest = Exclude<EngineRequest, SimulateRequest | CancelRequest>;

export interface NodeView {
  readonly name: string;
  readonly ip: string;
  readonly podCIDR: string;
  readonly isControlPlane: boolean;
}

export interface ContainerPortView {
  readonly container: string;
  /** Position in the container's `ports` list. */
  readonly index: number;
  readonly port: number;
  readonly protocol: Protocol;
  readonly name: string | null;
}

export interface PodView {
  /** `ns/name`. */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  /** Pod IP; null while Pending. */
  readonly ip: string | null;
  /** Scheduled node; null while Pending. */
  readonly node: string | null;
  readonly phase: 'Running' | 'Pending';
  readonly pendingReason?: string;
  readonly hostNetwork: boolean;
  /** Part of the cluster itself (CoreDNS, the ingress controller), not of the scenario. */
  readonly isSystem: boolean;
  readonly containers: readonly string[];
  /** Ports the containers declare (spec.containers[].ports), in order per container. */
  readonly containerPorts: readonly ContainerPortView[];
  readonly labels: Readonly<Record<string, string>>;
  readonly ready: boolean;
  /** Sockets the pod's processes listen on, e.g. `80/TCP nginx (nginx)`. */
  readonly listeners: readonly string[];
  /** Containers that fail (e.g. a second process binding a taken port), with why. */
  readonly failing: readonly string[];
  /** The controller that owns the pod, outermost (`Deployment/frontend`), if any. */
  readonly owner?: string;
  /** Written in the YAML as a Pod (edits go there), rather than made from a controller's template. */
  readonly isWrittenPod: boolean;
}

/** As `k8snet matrix --json`: `allowed[i][j]` = pods[i] may connect to pods[j]. */
export interface MatrixView {
  readonly pods: readonly string[];
  readonly port: number;
  readonly protocol: Protocol;
  /** False when the CNI plugin ignores NetworkPolicy (flannel): every pair is allowed. */
  readonly enforced: boolean;
  readonly allowed: readonly (readonly boolean[])[];
}

export interface DiagnosticView {
  /** `file:line:col: severity: path: message`. */
  readonly text: string;
  readonly diagnostic: Diagnostic;
}

export interface NamespaceView {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Declared by a Namespace object (false: created because something used it). */
  readonly declared: boolean;
}

export interface ServicePortView {
  readonly name: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly targetPort: number | string;
  readonly nodePort: number | null;
}

/** One Service endpoint: a pod (or a bare address) and the resolved target port. */
export interface EndpointView {
  readonly pod: string | null;
  readonly ip: string;
  readonly port: number;
  readonly ready: boolean;
  /** Which Service port this endpoint serves (name, or the port number when unnamed). */
  readonly servicePort: string;
}

export interface ServiceView {
  /** `ns/name`. */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  readonly clusterIP: string | null;
  readonly headless: boolean;
  readonly externalName: string | null;
  readonly loadBalancerIP: string | null;
  readonly externalIPs: readonly string[];
  readonly ports: readonly ServicePortView[];
  readonly selector: Readonly<Record<string, string>> | null;
  readonly endpoints: readonly EndpointView[];
  readonly isSystem: boolean;
}

export interface IngressPathView {
  readonly host: string | null;
  readonly path: string;
  readonly pathType: string;
  /** `ns/name` of the backend Service, and its port (number or name). */
  readonly service: string;
  readonly port: number | string;
}

export interface IngressView {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly className: string | null;
  readonly served: boolean;
  readonly paths: readonly IngressPathView[];
  readonly tlsHosts: readonly string[];
}

export interface PolicyView {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly types: readonly ('Ingress' | 'Egress')[];
  /** Pods the podSelector selects (`ns/name`). */
  readonly selects: readonly string[];
  /** The policy's rules in words. */
  readonly rules: readonly string[];
}

export interface SimulationView {
  readonly cniPlugin: string;
  /** ClusterSettings `kubeProxy.mode` (iptables by default). */
  readonly kubeProxyMode: KubeProxyMode;
  readonly enforcesPolicy: boolean;
  readonly podCIDR: string;
  readonly serviceCIDR: string;
  readonly manifestCount: number;
  readonly policyCount: number;
  readonly nodes: readonly NodeView[];
  readonly namespaces: readonly NamespaceView[];
  readonly pods: readonly PodView[];
  readonly services: readonly ServiceView[];
  readonly ingresses: readonly IngressView[];
  readonly policies: readonly PolicyView[];
  readonly matrix: MatrixView;
  readonly diagnostics: readonly DiagnosticView[];
}

export interface SimulatedReply {
  readonly type: 'simulated';
  readonly id: number;
  readonly view: SimulationView;
}

/** The engine threw: a bug on our side (user input never throws), reported instead of hanging. */
export interface FailedReply {
  readonly type: 'failed';
  readonly id: number;
  readonly message: string;
}

export interface ExplainedReply {
  readonly type: 'explained';
  readonly id: number;
  readonly allowed: boolean;
  /** The decision in words: which policies isolate each side and which rule allows it. */
  readonly text: string;
}

export interface EditedReply {
  readonly type: 'edited';
  readonly id: number;
  readonly result: EditResult;
}

export interface ValidatedReply {
  readonly type: 'validated';
  readonly id: number;
  readonly diagnostics: readonly DiagnosticView[];
}

export interface ServiceRulesView {
  readonly service: string;
  readonly node: string;
  readonly mode: KubeProxyMode;
  /** The nodes the rules can be shown for. */
  readonly nodes: readonly string[];
  /** The Service's rules as the mode's tool prints them (`iptables-save`, `nft`, `ipvsadm`). */
  readonly text: string;
}

export interface RulesReply {
  readonly type: 'rules';
  readonly id: number;
  /** null: no such Service (or it has no kube-proxy rules, e.g. ExternalName): see `note`. */
  readonly rules: ServiceRulesView | null;
  readonly note: string;
}

/** One connection a policy rule allows, between canvas ids (`pod:ns/name`, `external:internet`). */
export interface PolicyConnectionView {
  readonly from: string;
  readonly to: string;
  readonly direction: 'ingress' | 'egress';
  /** Index of the rule in the policy's ingress or egress list. */
  readonly rule: number;
  /** `TCP/80`, `UDP/53`, …; null: every port. */
  readonly ports: readonly string[] | null;
}

export interface ConnectionsReply {
  readonly type: 'connections';
  readonly id: number;
  readonly policy: string;
  readonly connections: readonly PolicyConnectionView[];
  /** Connections left out to keep the picture readable (and the message small). */
  readonly omitted: number;
  /** Peers that are not pods on the canvas (ipBlocks, no pod selected yet), in words. */
  readonly notes: readonly string[];
}

export interface ProposalReply {
  readonly type: 'proposal';
  readonly id: number;
  /** Whether the connection is allowed now, on the destination's first listening port. */
  readonly allowed: boolean;
  /** The situation in words: the port checked, and which policies decide. */
  readonly text: string;
  /** NetworkPolicy YAML that would allow it (two documents when both ends deny), or null. */
  readonly yaml: string | null;
}

export type OneShotReply =
  ExplainedReply | EditedReply | ValidatedReply | RulesReply | ConnectionsReply | ProposalReply;

export type EngineReply = SimulatedReply | FailedReply | OneShotReply;
