import type { NodeView, PodView, SimulationView } from '../../worker/protocol';
import { PodItem } from './PodItem';

interface ClusterCanvasProps {
  readonly view: SimulationView;
}

function NodeCard({ node, pods }: { readonly node: NodeView; readonly pods: readonly PodView[] }) {
  return (
    <article className="node" data-id={`node:${node.name}`} aria-label={`Node ${node.name}`}>
      <header className="node__head">
        <h3 className="node__name">{node.name}</h3>
        {node.isControlPlane && <span className="tag">control plane</span>}
      </header>
      <p className="node__meta">
        <span>
          node IP <code>{node.ip}</code>
        </span>
        <span>
          pods <code>{node.podCIDR}</code>
        </span>
      </p>
      {pods.length === 0 ? (
        <p className="empty">No pods</p>
      ) : (
        <ul className="pods" aria-label={`Pods on ${node.name}`}>
          {pods.map((pod) => (
            <PodItem key={pod.key} pod={pod} />
          ))}
        </ul>
      )}
    </article>
  );
}

/**
 * The cluster as a list for now: one card per node with the pods scheduled on it, and the pods
 * no node could take. (The interactive canvas comes in its own issue.)
 */
export function ClusterCanvas({ view }: ClusterCanvasProps) {
  const { nodes, pods } = view;
  const pending = pods.filter((p) => p.node === null);
  return (
    <section className="panel canvas" aria-label="Cluster canvas">
      <h2 className="panel__title">Cluster</h2>
      <div className="nodes">
        {nodes.map((node) => (
          <NodeCard key={node.name} node={node} pods={pods.filter((p) => p.node === node.name)} />
        ))}
        {pending.length > 0 && (
          <article className="node node--pending" aria-label="Pending pods">
            <header className="node__head">
              <h3 className="node__name">Pending</h3>
            </header>
            <p className="node__meta">No node fits these pods yet.</p>
            <ul className="pods">
              {pending.map((pod) => (
                <PodItem key={pod.key} pod={pod} />
              ))}
            </ul>
          </article>
        )}
      </div>
    </section>
  );
}
