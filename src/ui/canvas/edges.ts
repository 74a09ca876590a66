/**
 * The canvas edges, from the laid-out boxes: Service → endpoint (pod, or node for the API server's
 * `kubernetes` Service), Ingress → backend Service, Internet → Ingress / external Service address,
 * and NetworkPolicy → selected pod (hidden until the policy is selected).
 */
import type { ServiceView, SimulationView } from '../../worker/protocol';
import {
  BUS_LANE,
  BUS_LANES,
  BUS_MARGIN,
  GUTTER,
  GUTTER_LANE,
  GUTTER_LANES,
  POD_HANDLE_Y,
} from './sizes';
import type { EndpointEdge, GraphEdge } from './types';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Geometry {
  /** Absolute boxes by canvas id. */
  readonly boxes: ReadonlyMap<string, Box>;
  readonly nodesTop: number;
  /** Services left to right (row by row), which is also the order of their lanes. */
  readonly serviceOrder: readonly ServiceView[];
  /** Canvas ids of the pods (or nodes) a Service's endpoints are. */
  readonly serviceTargets: (service: ServiceView) => string[];
}

/** Where a node group's top handle sits, from its left edge (in the gutter, clear of the name). */
export const GROUP_HANDLE_X = GUTTER / 2;

/** `80 → 5678` per Service port, resolved through the endpoints (named targetPorts become numbers). */
function portLabel(service: ServiceView, target: string): string {
  const seen = new Set<string>();
  for (const ep of service.endpoints) {
    const epTarget = ep.pod === null ? null : `pod:${ep.pod}`;
    if (epTarget !== null && epTarget !== target) continue;
    const sp = service.ports.find(
      (p) => p.name === ep.servicePort || String(p.port) === ep.servicePort,
    );
    seen.add(`${sp ? String(sp.port) : '?'} → ${String(ep.port)}`);
  }
  return [...seen].join(', ');
}

function endpointEdges(geometry: Geometry): EndpointEdge[] {
  const { boxes, nodesTop } = geometry;
  const edges: EndpointEdge[] = [];
  // Each gutter (the gap beside a pod column, keyed by its left x) gets one lane per Service
  // coming down it, so two Services' edges stay apart all the way to their pods.
  const gutterLanes = new Map<number, string[]>();
  geometry.serviceOrder.forEach((service, index) => {
    const source = `service:${service.key}`;
    const from = boxes.get(source);
    const targets = geometry.serviceTargets(service).filter((t) => boxes.has(t));
    if (!from || targets.length === 0) return;
    const sourceX = from.x + from.width / 2;
    const busY = nodesTop - BUS_MARGIN - (index % BUS_LANES) * BUS_LANE;
    const labels = targets.map((t) => portLabel(service, t));
    const shared = labels.every((l) => l === labels[0]);
    targets.forEach((target, i) => {
      const box = boxes.get(target)!;
      const isPod = target.startsWith('pod:');
      // Come down on the pod's side facing the Service: shorter runs, fewer crossings.
      const side = isPod && sourceX > box.x + box.width / 2 ? 'right' : 'left';
      let gutter = 0;
      if (isPod) {
        const gapLeft = side === 'left' ? box.x - GUTTER : box.x + box.width;
        const lanes = gutterLanes.get(gapLeft) ?? [];
        if (!lanes.includes(source)) lanes.push(source);
        gutterLanes.set(gapLeft, lanes);
        const laneX = gapLeft + GUTTER_LANE * (1 + (lanes.indexOf(source) % GUTTER_LANES));
        gutter = (side === 'left' ? box.x : box.x + box.width) - laneX;
      }
      const targetY = isPod ? box.y + POD_HANDLE_Y : box.y;
      const isReady = service.endpoints.some(
        (ep) => ep.ready && (ep.pod === null ? !isPod : `pod:${ep.pod}` === target),
      );
      edges.push({
        id: `endpoint:${source}->${target}`,
        type: 'endpoint',
        source,
        target,
        sourceHandle: 'out',
        targetHandle: isPod ? side : 'in',
        selectable: false,
        data: {
          label: shared && i > 0 ? null : (labels[i] ?? null),
          labelAt: shared ? 'source' : 'corner',
          busDrop: targetY - busY,
          gutter,
          isReady,
          isSystem: service.isSystem,
        },
      });
    });
  });
  return edges;
}

export function buildEdges(view: SimulationView, geometry: Geometry): GraphEdge[] {
  const { boxes } = geometry;
  const edges: GraphEdge[] = endpointEdges(geometry);
  // The Ingresses left to right: the Internet sits just left of the first, so that edge runs
  // straight across; the others go over the top of the row.
  const ingresses = view.ingresses
    .filter((ing) => boxes.has(`ingress:${ing.key}`))
    .sort((a, b) => boxes.get(`ingress:${a.key}`)!.x - boxes.get(`ingress:${b.key}`)!.x);
  for (const [index, ingress] of ingresses.entries()) {
    const id = `ingress:${ingress.key}`;
    edges.push({
      id: `external:${id}`,
      type: 'link',
      source: 'external:internet',
      target: id,
      sourceHandle: index === 0 ? 'right' : 'top',
      targetHandle: index === 0 ? 'left' : 'in',
      selectable: false,
      data: { label: null, kind: 'external', labelAt: 'middle', isSystem: false },
    });
    const routes = new Map<string, string[]>();
    for (const path of ingress.paths) {
      const list = routes.get(path.service) ?? [];
      const text = `${path.host ?? ''}${path.path}`;
      if (!list.includes(text)) list.push(text);
      routes.set(path.service, list);
    }
    for (const [service, paths] of [...routes].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const target = `service:${service}`;
      if (!boxes.has(target)) continue;
      edges.push({
        id: `route:${id}->${target}`,
        type: 'link',
        source: id,
        target,
        sourceHandle: 'out',
        targetHandle: 'in',
        selectable: false,
        data: { label: paths.join(' '), kind: 'route', labelAt: 'target', isSystem: false },
      });
    }
  }
  for (const service of geometry.serviceOrder) {
    const addresses = [
      ...(service.loadBalancerIP === null ? [] : [service.loadBalancerIP]),
      ...service.externalIPs,
    ];
    const target = `service:${service.key}`;
    if (addresses.length === 0 || !boxes.has(target)) continue;
    edges.push({
      id: `external:${target}`,
      type: 'link',
      source: 'external:internet',
      target,
      sourceHandle: 'bottom',
      targetHandle: 'in',
      selectable: false,
      data: {
        label: addresses.join(', '),
        kind: 'external',
        labelAt: 'target',
        isSystem: service.isSystem,
      },
    });
  }
  const policies = [...view.policies].sort((a, b) => (a.key < b.key ? -1 : 1));
  for (const policy of policies) {
    const source = `networkpolicy:${policy.key}`;
    for (const pod of policy.selects) {
      const target = `pod:${pod}`;
      if (!boxes.has(target)) continue;
      edges.push({
        id: `selects:${source}->${target}`,
        type: 'link',
        source,
        target,
        sourceHandle: 'out',
        targetHandle: 'right',
        selectable: false,
        hidden: true,
        data: { label: null, kind: 'selects', labelAt: 'middle', isSystem: false },
      });
    }
  }
  return edges;
}
