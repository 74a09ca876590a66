import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useStore as useFlowStore,
} from '@xyflow/react';
import type { NodeChange, OnNodeDrag, XYPosition } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../../store';
import type { SimulationView } from '../../worker/protocol';
import './canvas.css';
import { AllowProposalDialog } from './AllowProposalDialog';
import { CanvasSearch } from './CanvasSearch';
import { ExportImage } from './ExportImage';
import { decorateEdges, decorateNodes, highlightFor, minimapColor } from './decorate';
import { edgeTypes } from './edgeTypes';
import { nodeTypes } from './nodeTypes';
import { Overview, isOverviewNode } from './Overview';
import { useStableGraph } from './stableGraph';
import { useDetail } from './useLevelOfDetail';
import { FitIcon } from './nodes/icons';
import type { CanvasEdge, CanvasGraph, CanvasNode } from './types';
import { useConnect } from './useConnect';
import { useFitAroundPanels } from './useFitAroundPanels';
import { usePolicyConnections } from './usePolicyConnections';

interface ClusterCanvasProps {
  readonly view: SimulationView;
}

/** Dragged positions are kept per node and parent: a pod moved to another node starts afresh. */
const positionKey = (node: Pick<CanvasNode, 'id' | 'parentId'>) =>
  node.parentId === undefined ? node.id : `${node.id}@${node.parentId}`;

function placeNodes(graph: CanvasGraph, dragged: ReadonlyMap<string, XYPosition>): CanvasNode[] {
  return graph.nodes.map((node) => {
    const position = dragged.get(positionKey(node));
    return position ? { ...node, position } : node;
  });
}

const minimapStyle = { width: 96, height: 56 };

/**
 * The cluster as a React Flow canvas: Kubernetes nodes holding their pods, Services above them,
 * Ingresses and the Internet on top, NetworkPolicies beside. The layout is recomputed for every
 * simulation result, but positions the user dragged win over it (kept in state by node id), so an
 * Apply never snaps the picture back. Selection lives in the app store (`selected`), so the
 * Inspector, the matrix and the canvas agree on it.
 */
export function ClusterCanvas({ view }: ClusterCanvasProps) {
  return (
    <section className="k8s-canvas" aria-label="Cluster canvas">
      <ReactFlowProvider>
        <CanvasFlow view={view} />
      </ReactFlowProvider>
    </section>
  );
}

function CanvasFlow({ view }: ClusterCanvasProps) {
  const graph = useStableGraph(view);
  // Zoomed right out, one overview layer draws everything but the Kubernetes nodes.
  const isOverview = useDetail() === 'tiny';
  const selected = useStore((s) => s.selected);
  const select = useStore((s) => s.select);
  const theme = useStore((s) => s.theme);
  const fileName = useStore((s) => s.fileName);

  const [dragged, setDragged] = useState<ReadonlyMap<string, XYPosition>>(() => new Map());
  const [placed, setPlaced] = useState(() => ({ graph, nodes: placeNodes(graph, dragged) }));
  // Another scenario (opened, imported, picked from the gallery): its first result starts from
  // the layout and gets fitted to the screen. Later results of the same scenario keep the user's
  // positions and viewport. The graph current when the file changed still belongs to the old one.
  const [scenario, setScenario] = useState({ fileName, oldGraph: null as CanvasGraph | null });
  const [fits, setFits] = useState(0);
  if (scenario.fileName !== fileName) setScenario({ fileName, oldGraph: graph });
  // A new simulation result: lay out afresh, then put back what the user moved. (Adjusting state
  // while rendering, as React recommends over an effect: no frame shows the old nodes.)
  let nodes = placed.nodes;
  if (placed.graph !== graph) {
    const isNewScenario = scenario.oldGraph !== null && scenario.oldGraph !== graph;
    const keep = isNewScenario ? new Map<string, XYPosition>() : dragged;
    nodes = placeNodes(graph, keep);
    setPlaced({ graph, nodes });
    if (isNewScenario) {
      setDragged(keep);
      setScenario({ fileName, oldGraph: null });
      setFits((n) => n + 1);
    }
  }
  // Fit view our way, clear of the panels (not React Flow's `fitView`): once the pane has a size,
  // before the first paint, and for each new scenario.
  const fit = useFitAroundPanels(nodes);
  const isPaneReady = useFlowStore((s) => s.panZoom !== null && s.width > 0 && s.height > 0);
  const hasFitted = useRef(false);
  useLayoutEffect(() => {
    if (isPaneReady && !hasFitted.current) hasFitted.current = fit();
  }, [isPaneReady, fit]);
  useEffect(() => {
    if (fits > 0) fit();
  }, [fits, fit]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      // Selection is the store's: a click selects there, and the nodes show what the store says.
      const picked = changes.filter((c) => c.type === 'select' && c.selected);
      const last = picked[picked.length - 1];
      if (last && last.type === 'select') select(last.id);
      const rest = changes.filter((c) => c.type !== 'select');
      if (rest.length > 0)
        setPlaced((p) => ({ graph: p.graph, nodes: applyNodeChanges(rest, p.nodes) }));
    },
    [select],
  );
  const onNodeDragStop: OnNodeDrag<CanvasNode> = useCallback((_event, _node, moved) => {
    setDragged((prev) => {
      const next = new Map(prev);
      for (const node of moved) next.set(positionKey(node), node.position);
      return next;
    });
  }, []);
  const onPaneClick = useCallback(() => {
    select(null);
  }, [select]);

  const allows = usePolicyConnections(view, selected, graph.nodes);
  const { onConnectEnd, proposal, closeProposal } = useConnect();
  const highlight = useMemo(
    () => highlightFor(view, selected, allows.edges),
    [view, selected, allows.edges],
  );
  const shownNodes = useMemo(
    () => decorateNodes(nodes, selected, highlight),
    [nodes, selected, highlight],
  );
  const shownEdges = useMemo(
    () => [...decorateEdges(graph.edges, selected, highlight), ...allows.edges],
    [graph.edges, selected, highlight, allows.edges],
  );
  const flowNodes = useMemo(
    () => (isOverview ? shownNodes.filter((n) => !isOverviewNode(n)) : shownNodes),
    [isOverview, shownNodes],
  );
  const flowEdges = useMemo(() => (isOverview ? [] : shownEdges), [isOverview, shownEdges]);

  return (
    <ReactFlow<CanvasNode, CanvasEdge>
      nodes={flowNodes}
      edges={flowEdges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onNodeDragStop={onNodeDragStop}
      onPaneClick={onPaneClick}
      onConnectEnd={onConnectEnd}
      colorMode={theme}
      className={isOverview ? 'is-overview' : undefined}
      minZoom={0.05}
      maxZoom={2.5}
      onlyRenderVisibleElements
      edgesFocusable={false}
      deleteKeyCode={null}
      selectNodesOnDrag={false}
      attributionPosition="top-right"
    >
      <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} />
      <Controls position="bottom-left" orientation="horizontal" showFitView={false}>
        <ControlButton
          className="react-flow__controls-fitview"
          title="Fit View"
          aria-label="Fit View"
          onClick={() => {
            fit();
          }}
        >
          <FitIcon />
        </ControlButton>
        <ExportImage />
      </Controls>
      <MiniMap
        position="bottom-right"
        pannable
        zoomable
        ariaLabel="Canvas overview"
        nodeColor={minimapColor}
        nodeStrokeWidth={0}
        style={minimapStyle}
      />
      <Panel position="top-left">
        <CanvasSearch nodes={graph.nodes} />
      </Panel>
      {allows.summary !== null && (
        <Panel position="top-center" className="k8s-allow-summary" aria-live="polite">
          {allows.summary}
        </Panel>
      )}
      {isOverview && <Overview nodes={shownNodes} edges={shownEdges} onSelect={select} />}
      {proposal !== null && <AllowProposalDialog proposal={proposal} onClose={closeProposal} />}
    </ReactFlow>
  );
}
