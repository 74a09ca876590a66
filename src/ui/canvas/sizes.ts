/**
 * Box sizes of every canvas object, in flow units. The layout places boxes of exactly these sizes
 * and the node components draw into them (fixed `width`/`height` on each React Flow node), so
 * positions never wait for the DOM to be measured and the same view always lays out the same way.
 *
 * The demo must read at 1280×720, where the canvas is about 800×360 px: boxes are compact (three
 * short lines for a pod) so fit view lands near 0.7 zoom rather than 0.5. Compact, not cramped: a
 * pod's generated name (`frontend-fwzbs4km55-hqnxx`), a Service's 20-character name and its
 * ClusterIP, and a node's IP with its whole pod CIDR fit without an ellipsis.
 */
import type { PodView, ServiceView } from '../../worker/protocol';

export interface Size {
  readonly width: number;
  readonly height: number;
}

export const POD_WIDTH = 228;
/** Where the endpoint edge enters a pod: level with the name line. */
export const POD_HANDLE_Y = 14;
export const POD_GAP_Y = 6;

/**
 * Padding left and right of a node group's pods, and between pod columns: the gutters endpoint
 * edges come down, up to four lanes each.
 */
export const GUTTER = 20;
export const GROUP_PADDING_BOTTOM = 8;
/** Two lines: the node's name, then its IP and pod CIDR. */
export const GROUP_HEADER = 42;
export const GROUP_MIN_HEIGHT = 96;
export const GROUP_GAP = 24;

export const SERVICE_GAP = 12;
export const INGRESS_GAP = 40;
/** Between the ingress row and the services: room for the path labels (`/web`). */
export const ROUTE_GAP = 36;
export const SERVICE_ROW_GAP = 18;
/** Room under a Service for its `80 → 5678` label before the first lane. */
export const BUS_LABEL_SPACE = 20;
export const BUS_LANE = 4;
export const BUS_LANES = 6;
export const BUS_MARGIN = 8;
export const POLICY_GAP = 10;
export const COLUMN_GAP = 24;
export const GUTTER_LANES = 4;
export const GUTTER_LANE = 4;

export const EXTERNAL_SIZE: Size = { width: 124, height: 40 };
export const POLICY_SIZE: Size = { width: 190, height: 58 };
export const INGRESS_SIZE: Size = { width: 180, height: 56 };

export function podSize(pod: PodView): Size {
  // One more line saying why, for a pod that is Pending or has a failing container.
  const extra = pod.phase === 'Pending' || pod.failing.length > 0 ? 15 : 0;
  return { width: POD_WIDTH, height: (pod.isSystem ? 40 : 60) + extra };
}

/** Whether a Service has a line for its external address (LoadBalancer IP, external IPs). */
export function hasExternalLine(service: ServiceView): boolean {
  return (
    service.loadBalancerIP !== null ||
    service.externalIPs.length > 0 ||
    service.type === 'LoadBalancer'
  );
}

export const SERVICE_WIDTH = 176;
/** For the long type badges, so `ingress-nginx` and `LoadBalancer` share a line uncut. */
export const SERVICE_WIDE = 196;

/**
 * Four lines (name; namespace and type; address; ports), a fifth for an external address. The
 * cluster's own Services use the same lines, smaller, and show an external address instead of
 * their ports.
 */
export function serviceSize(service: ServiceView): Size {
  const isWide = service.type === 'LoadBalancer' || service.type === 'ExternalName';
  const width = isWide ? SERVICE_WIDE : SERVICE_WIDTH;
  if (service.isSystem) return { width, height: 64 };
  return { width, height: hasExternalLine(service) ? 90 : 74 };
}
