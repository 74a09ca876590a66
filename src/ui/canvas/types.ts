/**
 * The canvas's React Flow node and edge types. Ids are the canvas ids of DESIGN.md
 * (`node:<name>`, `pod:<ns>/<name>`, `service:<ns>/<name>`, `ingress:<ns>/<name>`,
 * `networkpolicy:<ns>/<name>`, `external:internet`); the layout builds them, the node components
 * draw them. Type-only imports from @xyflow/react, so the pure layout runs in Node tests too.
 */
import type { Edge, Node } from '@xyflow/react';
import type {
  IngressView,
  NodeView,
  PodView,
  PolicyView,
  ServiceView,
} from '../../worker/protocol';

export interface PodNodeData extends Record<string, unknown> {
  readonly pod: PodView;
  /** Names of the NetworkPolicies that select this pod (`ns/name`). */
  readonly policies: readonly string[];
}

export interface KubeNodeData extends Record<string, unknown> {
  readonly node: NodeView;
  readonly podCount: number;
}

export interface UnscheduledNodeData extends Record<string, unknown> {
  readonly podCount: number;
}

export interface ServiceNodeData extends Record<string, unknown> {
  readonly service: ServiceView;
}

export interface IngressNodeData extends Record<string, unknown> {
  readonly ingress: IngressView;
}

export interface PolicyNodeData extends Record<string, unknown> {
  readonly policy: PolicyView;
}

export interface ExternalNodeData extends Record<string, unknown> {
  readonly label: string;
}

export type PodNode = Node<PodNodeData, 'pod'>;
export type KubeNode = Node<KubeNodeData, 'kubeNode'>;
export type UnscheduledNode = Node<UnscheduledNodeData, 'unscheduled'>;
export type ServiceNode = Node<ServiceNodeData, 'service'>;
export type IngressNode = Node<IngressNodeData, 'ingress'>;
export type PolicyNode = Node<PolicyNodeData, 'networkpolicy'>;
export type ExternalNode = Node<ExternalNodeData, 'external'>;

export type CanvasNode =
  PodNode | KubeNode | UnscheduledNode | ServiceNode | IngressNode | PolicyNode | ExternalNode;

/**
 * Service → endpoint, routed orthogonally so it never runs under another pod: down from the
 * Service to its own horizontal lane (`busDrop` above the target), across to a lane in the gutter
 * beside the target pod, down the gutter and into the pod's side.
 */
export type Emphasis = 'active' | 'dimmed';

export interface EndpointEdgeData extends Record<string, unknown> {
  /** `80 → 5678`, or null when a sibling edge from the same Service already says it. */
  readonly label: string | null;
  /** Under the Service when all its edges share one label; else at the lane's corner. */
  readonly labelAt: 'source' | 'corner';
  /** Vertical distance from the lane to the target handle, at layout time. */
  readonly busDrop: number;
  /**
   * Horizontal distance from the target handle back to the lane the edge comes down: positive
   * when it enters the pod from the left, negative from the right, 0 straight down into a node.
   */
  readonly gutter: number;
  readonly isReady: boolean;
  readonly isSystem: boolean;
  /** Set from the selection: touching the selected object, or stepped back behind it. */
  readonly emphasis?: Emphasis;
}

/** Ingress paths, the Internet's entries and policy selections: a step edge with one label. */
export interface LinkEdgeData extends Record<string, unknown> {
  readonly label: string | null;
  readonly kind: 'route' | 'external' | 'selects';
  /** Where the label sits: just above the target (routes), or at the middle. */
  readonly labelAt: 'target' | 'middle';
  readonly isSystem: boolean;
  readonly emphasis?: Emphasis;
}

/** A connection the selected NetworkPolicy allows: an arrow from client to server. */
export interface AllowEdgeData extends Record<string, unknown> {
  /** `TCP/80` (several rules' ports joined), or null when the picture has too many to label. */
  readonly label: string | null;
  /** Whether the policy allows it as the server's ingress, the client's egress, or both. */
  readonly directions: readonly ('ingress' | 'egress')[];
  readonly emphasis?: Emphasis;
}

// `type` required, so the union narrows on it.
export type EndpointEdge = Edge<EndpointEdgeData, 'endpoint'> & { readonly type: 'endpoint' };
export type LinkEdge = Edge<LinkEdgeData, 'link'> & { readonly type: 'link' };
export type AllowEdge = Edge<AllowEdgeData, 'allow'> & { readonly type: 'allow' };
/** The edges the layout draws for the cluster itself. */
export type GraphEdge = EndpointEdge | LinkEdge;
export type CanvasEdge = GraphEdge | AllowEdge;

export interface CanvasGraph {
  readonly nodes: readonly CanvasNode[];
  readonly edges: readonly GraphEdge[];
}
