import { ViewportPortal, useReactFlow } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { MouseEvent } from 'react';
import './overview.css';
import { absoluteBoxes } from './absoluteBoxes';
import { minimapColor } from './decorate';
import { podStatus } from './podText';
import type { CanvasEdge, CanvasNode } from './types';

/** Kubernetes nodes stay React Flow nodes (a handful, they frame the picture); the rest is drawn here. */
export const isOverviewNode = (node: CanvasNode): boolean =>
  node.type !== 'kubeNode' && node.type !== 'unscheduled';

/** Zoom a double-clicked pod is brought to: full detail, the card readable. */
const DETAIL_ZOOM = 0.9;

interface OverviewProps {
  /** Every canvas node: all but the Kubernetes nodes are drawn here. */
  readonly nodes: readonly CanvasNode[];
  /** Every canvas edge, drawn here as straight lines. */
  readonly edges: readonly CanvasEdge[];
  readonly onSelect: (id: string) => void;
}

interface Line {
  readonly d: string;
  readonly tone: 'normal' | 'active' | 'dimmed' | 'allow';
}

function chipTitle(node: CanvasNode): string {
  switch (node.type) {
    case 'pod':
      return `Pod ${node.data.pod.key} ${node.data.pod.ip ?? 'no IP'}`;
    case 'service':
      return `Service ${node.data.service.key} ${node.data.service.clusterIP ?? ''}`.trimEnd();
    case 'ingress':
      return `Ingress ${node.data.ingress.key}`;
    case 'networkpolicy':
      return `NetworkPolicy ${node.data.policy.key}`;
    case 'external':
      return node.data.label;
    case 'kubeNode':
    case 'unscheduled':
      return node.id;
  }
}

/** One path per tone: a few DOM nodes however many edges. */
function edgePaths(edges: readonly CanvasEdge[], boxes: ReturnType<typeof absoluteBoxes>): Line[] {
  const parts: Record<Line['tone'], string[]> = { normal: [], active: [], dimmed: [], allow: [] };
  for (const edge of edges) {
    if (edge.hidden === true) continue;
    const from = boxes.get(edge.source);
    const to = boxes.get(edge.target);
    if (!from || !to) continue;
    const tone =
      edge.type === 'allow'
        ? 'allow'
        : edge.data?.emphasis === 'active'
          ? 'active'
          : edge.data?.emphasis === 'dimmed'
            ? 'dimmed'
            : 'normal';
    const sx = from.x + from.width / 2;
    const sy = edge.type === 'endpoint' ? from.y + from.height : from.y + from.height / 2;
    parts[tone].push(
      `M${sx.toFixed(0)},${sy.toFixed(0)}L${(to.x + to.width / 2).toFixed(0)},${to.y.toFixed(0)}`,
    );
  }
  return (Object.keys(parts) as Line['tone'][])
    .filter((tone) => parts[tone].length > 0)
    .map((tone) => ({ tone, d: parts[tone].join('') }));
}

/**
 * The picture when zoomed right out: pods, Services, Ingresses and policies as chips in one SVG
 * in the viewport, instead of hundreds of React Flow nodes. At that zoom a card is a coloured
 * chip anyway, and every React Flow node subscribes to the viewport: with 500 pods a pan step
 * cost ~40 ms of script (2 fps). This layer moves with the viewport's CSS transform and does no
 * work per frame. Click selects; double-click zooms in to the object. Each chip keeps its canvas
 * id in `data-id`, and says what it is in its tooltip.
 */
export const Overview = memo(function Overview({ nodes, edges, onSelect }: OverviewProps) {
  const { setCenter } = useReactFlow();
  const boxes = useMemo(() => absoluteBoxes(nodes), [nodes]);
  const chips = useMemo(() => nodes.filter(isOverviewNode), [nodes]);
  const lines = useMemo(() => edgePaths(edges, boxes), [edges, boxes]);
  const idAt = (event: MouseEvent) =>
    (event.target as Element).closest('[data-id]')?.getAttribute('data-id') ?? null;
  return (
    <ViewportPortal>
      <svg
        className="k8s-overview"
        aria-label="Pods (zoomed out)"
        onClick={(event) => {
          const id = idAt(event);
          if (id === null) return;
          event.stopPropagation(); // not a pane click, which would clear the selection
          onSelect(id);
        }}
        onDoubleClick={(event) => {
          const id = idAt(event);
          const box = id === null ? undefined : boxes.get(id);
          if (!box) return;
          event.stopPropagation();
          void setCenter(box.x + box.width / 2, box.y + box.height / 2, {
            zoom: DETAIL_ZOOM,
            duration: 300,
          });
        }}
      >
        {lines.map((line) => (
          <path
            key={line.tone}
            className={`k8s-overview__edges k8s-overview__edges--${line.tone}`}
            d={line.d}
          />
        ))}
        {chips.map((node) => {
          const box = boxes.get(node.id);
          if (!box) return null;
          const className = [
            'k8s-overview__chip',
            `k8s-overview__chip--${node.type}`,
            node.type === 'pod' ? `k8s-overview__chip--${podStatus(node.data.pod)}` : '',
            node.selected === true ? 'is-selected' : '',
            node.className ?? '',
          ]
            .filter((c) => c !== '')
            .join(' ');
          return (
            <rect
              key={node.id}
              data-id={node.id}
              className={className}
              x={box.x}
              y={box.y}
              width={box.width}
              height={box.height}
              rx={6}
              fill={minimapColor(node)}
            >
              <title>{chipTitle(node)}</title>
            </rect>
          );
        })}
      </svg>
    </ViewportPortal>
  );
});
