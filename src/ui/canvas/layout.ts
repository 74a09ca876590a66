/**
 * The canvas layout: a pure function from the simulation view to React Flow nodes and edges.
 *
 * Our own tiered grid rather than elkjs. The picture has a fixed shape (the Internet and Ingresses
 * on top, Services below them, Kubernetes nodes holding their pods at the bottom, policies beside),
 * so a general layered layout would only rediscover it, asynchronously, from a 1.4 MB library, and
 * could reorder things between two Applies. The grid is synchronous (no empty first frame),
 * deterministic (same view, same positions: everything is sorted by key, nothing depends on
 * timing), linear in the number of objects (500 pods lay out in a few milliseconds) and easy to
 * test. Crossings are kept down the cheap way: each Service sits over the mean x of its endpoints
 * and each Ingress over its backends (see placeRow.ts).
 */
import type { NodeView, PodView, ServiceView, SimulationView } from '../../worker/protocol';
import { describeNode } from './describeNode';
import { buildEdges } from './edges';
import type { Box } from './edges';
import { byKey, mean, placeRow } from './placeRow';
import {
  BUS_LABEL_SPACE,
  BUS_LANE,
  BUS_LANES,
  BUS_MARGIN,
  COLUMN_GAP,
  EXTERNAL_SIZE,
  GROUP_GAP,
  GROUP_HEADER,
  GROUP_MIN_HEIGHT,
  GROUP_PADDING_BOTTOM,
  GUTTER,
  INGRESS_GAP,
  INGRESS_SIZE,
  POD_GAP_Y,
  POD_WIDTH,
  POLICY_GAP,
  POLICY_SIZE,
  ROUTE_GAP,
  SERVICE_GAP,
  SERVICE_ROW_GAP,
  podSize,
  serviceSize,
} from './sizes';
import type { CanvasGraph, CanvasNode } from './types';

export const EXTERNAL_ID = 'external:internet';
/** The area for pods no node could take. Not a Kubernetes object, so not selectable. */
export const UNSCHEDULED_ID = 'area:unscheduled';

export const nodeId = (name: string) => `node:${name}`;
export const podId = (key: string) => `pod:${key}`;
export const serviceId = (key: string) => `service:${key}`;
export const ingressId = (key: string) => `ingress:${key}`;
export const policyId = (key: string) => `networkpolicy:${key}`;

export type IdKind = 'node' | 'pod' | 'service' | 'ingress' | 'networkpolicy';

/** What a canvas id of `kind` names (`pod:ns/name` → `ns/name`); null for any other id. */
export function keyOfId(id: string | null, kind: IdKind): string | null {
  return id?.startsWith(`${kind}:`) === true ? id.slice(kind.length + 1) : null;
}

/** Workloads before the cluster's own pods; then by namespace, controller and name. */
function comparePods(a: PodView, b: PodView): number {
  if (a.isSystem !== b.isSystem) return a.isSystem ? 1 : -1;
  return (
    byKey(a.namespace, b.namespace) ||
    byKey(a.owner ?? a.name, b.owner ?? b.name) ||
    byKey(a.name, b.name)
  );
}

/**
 * Pod columns per group, the same for every group so nodes line up. Chosen so the node tier is
 * about 2.5 times as wide as it is tall (the canvas's shape beside the palette and inspector):
 * groups × columns × column width ≈ 2.5 × (pods / columns) × row height. The demo gets one column.
 */
export function podColumns(maxPodsPerGroup: number, groupCount: number): number {
  const rowHeight = 60 + POD_GAP_Y;
  const columnWidth = POD_WIDTH + GUTTER;
  const ideal = Math.sqrt(
    (2.5 * maxPodsPerGroup * rowHeight) / (Math.max(1, groupCount) * columnWidth),
  );
  return Math.max(1, Math.min(Math.round(ideal), maxPodsPerGroup));
}

interface Group {
  readonly id: string;
  readonly node: NodeView | null;
  readonly pods: readonly PodView[];
  /** Pod positions relative to the group. */
  readonly slots: readonly { readonly x: number; readonly y: number }[];
  readonly width: number;
  readonly contentHeight: number;
}

function placePods(
  id: string,
  node: NodeView | null,
  pods: readonly PodView[],
  columns: number,
): Group {
  const slots: { x: number; y: number }[] = [];
  let y = GROUP_HEADER;
  for (let start = 0; start < pods.length; start += columns) {
    const row = pods.slice(start, start + columns);
    row.forEach((_pod, col) => slots.push({ x: GUTTER + col * (POD_WIDTH + GUTTER), y }));
    y += Math.max(...row.map((pod) => podSize(pod).height)) + POD_GAP_Y;
  }
  const width = GUTTER + columns * (POD_WIDTH + GUTTER);
  const contentHeight = (pods.length > 0 ? y - POD_GAP_Y : y) + GROUP_PADDING_BOTTOM;
  return { id, node, pods, slots, width, contentHeight };
}

/** The bottom tier: a group per Kubernetes node (then Unscheduled), side by side from x = 0. */
function layoutGroups(view: SimulationView) {
  const podsByNode = new Map<string, PodView[]>();
  const pending: PodView[] = [];
  for (const pod of view.pods) {
    if (pod.node === null) pending.push(pod);
    else {
      const list = podsByNode.get(pod.node);
      if (list) list.push(pod);
      else podsByNode.set(pod.node, [pod]);
    }
  }
  const input: { id: string; node: NodeView | null; pods: PodView[] }[] = view.nodes.map(
    (node) => ({
      id: nodeId(node.name),
      node,
      pods: (podsByNode.get(node.name) ?? []).sort(comparePods),
    }),
  );
  if (pending.length > 0)
    input.push({ id: UNSCHEDULED_ID, node: null, pods: pending.sort(comparePods) });
  const columns = podColumns(Math.max(0, ...input.map((g) => g.pods.length)), input.length);
  const groups = input.map((g) => placePods(g.id, g.node, g.pods, columns));
  const height = Math.max(GROUP_MIN_HEIGHT, ...groups.map((g) => g.contentHeight));
  const x = new Map<string, number>();
  let cursor = 0;
  for (const group of groups) {
    x.set(group.id, cursor);
    cursor += group.width + GROUP_GAP;
  }
  return { groups, x, height, right: cursor - GROUP_GAP };
}

/** The whole canvas for one simulation view: nodes (parents before children) and edges. */
export function layoutCluster(view: SimulationView): CanvasGraph {
  const policies = [...view.policies].sort((a, b) => byKey(a.key, b.key));
  const policiesByPod = new Map<string, string[]>();
  for (const policy of policies)
    for (const pod of policy.selects) {
      const list = policiesByPod.get(pod);
      if (list) list.push(policy.key);
      else policiesByPod.set(pod, [policy.key]);
    }

  // ── bottom tier: nodes with their pods, then the policy column(s) ──
  const tier = layoutGroups(view);
  const perColumn = Math.max(
    1,
    Math.floor((tier.height + POLICY_GAP) / (POLICY_SIZE.height + POLICY_GAP)),
  );
  const policySlots = policies.map((policy, i) => ({
    policy,
    x: tier.right + COLUMN_GAP + Math.floor(i / perColumn) * (POLICY_SIZE.width + POLICY_GAP),
    dy: (i % perColumn) * (POLICY_SIZE.height + POLICY_GAP),
  }));
  const tierWidth = Math.max(tier.right, ...policySlots.map((p) => p.x + POLICY_SIZE.width));

  // Centres of endpoint targets, for the barycentres (x only: y is known only later).
  const centreX = new Map<string, number>();
  for (const group of tier.groups) {
    const gx = tier.x.get(group.id) ?? 0;
    centreX.set(group.id, gx + group.width / 2);
    group.pods.forEach((pod, i) => {
      centreX.set(podId(pod.key), gx + (group.slots[i]?.x ?? 0) + POD_WIDTH / 2);
    });
  }
  const nodeByIp = new Map(view.nodes.map((n) => [n.ip, n] as const));
  const serviceTargets = (service: ServiceView): string[] => {
    const targets = new Set<string>();
    for (const ep of service.endpoints) {
      const node = ep.pod === null ? nodeByIp.get(ep.ip) : undefined;
      const target = ep.pod !== null ? podId(ep.pod) : node ? nodeId(node.name) : null;
      if (target !== null && centreX.has(target)) targets.add(target);
    }
    return [...targets].sort(byKey);
  };

  // ── services: a row above the nodes, wrapped into more rows when far wider than the nodes ──
  const services = view.services.map((s) => ({
    item: s,
    key: s.key,
    width: serviceSize(s).width,
    wanted: mean(serviceTargets(s).map((t) => centreX.get(t) ?? 0)),
  }));
  const maxRowWidth = Math.max(tierWidth * 1.25, 900);
  const totalWidth = services.reduce((w, s) => w + s.width + SERVICE_GAP, 0);
  const rowCount = Math.max(1, Math.ceil(totalWidth / maxRowWidth));
  const ordered = placeRow(services, SERVICE_GAP, 0, tierWidth);
  const perRow = Math.ceil(ordered.length / rowCount);
  const serviceRows: ReturnType<typeof placeRow<ServiceView>>[] = [];
  for (let r = 0; r * perRow < ordered.length; r++) {
    const keys = new Set(ordered.slice(r * perRow, (r + 1) * perRow).map((p) => p.item.key));
    serviceRows.push(
      placeRow(
        services.filter((s) => keys.has(s.key)),
        SERVICE_GAP,
        0,
        tierWidth,
      ),
    );
  }
  const serviceCentreX = new Map<string, number>();
  for (const row of serviceRows)
    for (const p of row) serviceCentreX.set(p.item.key, p.x + p.width / 2);

  // ── top row: Ingresses over their backends, the Internet just left of them ──
  const ingressRow = placeRow(
    view.ingresses.map((ing) => ({
      item: ing,
      key: ing.key,
      width: INGRESS_SIZE.width,
      wanted: mean(ing.paths.flatMap((p) => serviceCentreX.get(p.service) ?? [])),
    })),
    INGRESS_GAP,
    EXTERNAL_SIZE.width + INGRESS_GAP,
    tierWidth,
  );
  const externalX =
    (ingressRow[0]?.x ?? EXTERNAL_SIZE.width + INGRESS_GAP) - INGRESS_GAP - EXTERNAL_SIZE.width;

  // ── y: top row, service rows, the lanes, the nodes ──
  const topHeight = Math.max(EXTERNAL_SIZE.height, ingressRow.length > 0 ? INGRESS_SIZE.height : 0);
  const rowTops: number[] = [];
  let y = topHeight + ROUTE_GAP;
  for (const row of serviceRows) {
    rowTops.push(y);
    y += Math.max(...row.map((p) => serviceSize(p.item).height)) + SERVICE_ROW_GAP;
  }
  const servicesBottom = y - (serviceRows.length > 0 ? SERVICE_ROW_GAP : 0);
  const lanes = Math.min(BUS_LANES, Math.max(1, services.length));
  const nodesTop = servicesBottom + BUS_LABEL_SPACE + (lanes - 1) * BUS_LANE + BUS_MARGIN;

  // ── React Flow nodes, parents before children as React Flow requires ──
  const nodes: CanvasNode[] = [];
  const boxes = new Map<string, Box>();
  const add = (node: CanvasNode, offset = { x: 0, y: 0 }) => {
    nodes.push({ ...node, ariaLabel: describeNode(node) });
    boxes.set(node.id, {
      x: offset.x + node.position.x,
      y: offset.y + node.position.y,
      width: node.width ?? 0,
      height: node.height ?? 0,
    });
  };
  const externalY = (topHeight - EXTERNAL_SIZE.height) / 2;
  add({
    id: EXTERNAL_ID,
    type: 'external',
    position: { x: externalX, y: externalY },
    ...EXTERNAL_SIZE,
    data: { label: 'Internet' },
  });
  for (const { item, x } of ingressRow)
    add({
      id: ingressId(item.key),
      type: 'ingress',
      position: { x, y: 0 },
      ...INGRESS_SIZE,
      data: { ingress: item },
    });
  serviceRows.forEach((row, r) => {
    for (const { item, x } of row)
      add({
        id: serviceId(item.key),
        type: 'service',
        position: { x, y: rowTops[r] ?? 0 },
        ...serviceSize(item),
        data: { service: item },
      });
  });
  for (const group of tier.groups) {
    const position = { x: tier.x.get(group.id) ?? 0, y: nodesTop };
    const size = { width: group.width, height: tier.height };
    if (group.node !== null)
      add({
        id: group.id,
        type: 'kubeNode',
        position,
        ...size,
        data: { node: group.node, podCount: group.pods.length },
      });
    else
      add({
        id: group.id,
        type: 'unscheduled',
        position,
        ...size,
        selectable: false,
        data: { podCount: group.pods.length },
      });
    group.pods.forEach((pod, i) => {
      add(
        {
          id: podId(pod.key),
          type: 'pod',
          parentId: group.id,
          extent: 'parent',
          position: group.slots[i] ?? { x: GUTTER, y: GROUP_HEADER },
          ...podSize(pod),
          data: { pod, policies: policiesByPod.get(pod.key) ?? [] },
        },
        position,
      );
    });
  }
  for (const { policy, x, dy } of policySlots)
    add({
      id: policyId(policy.key),
      type: 'networkpolicy',
      position: { x, y: nodesTop + dy },
      ...POLICY_SIZE,
      data: { policy },
    });

  const edges = buildEdges(view, {
    boxes,
    nodesTop,
    serviceOrder: serviceRows.flat().map((p) => p.item),
    serviceTargets,
  });
  return { nodes, edges };
}
