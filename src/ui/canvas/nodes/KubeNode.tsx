import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CSSProperties } from 'react';
import { GROUP_HANDLE_X } from '../edges';
import type { KubeNode as KubeNodeType } from '../types';

const handleStyle: CSSProperties = { left: GROUP_HANDLE_X };

/**
 * A Kubernetes node: a group that holds its pods (they are React Flow children). The header names
 * it (a heading, so it is findable by role); a second line gives its IP and the pod CIDR its pods'
 * IPs come from.
 */
export const KubeNode = memo(function KubeNode({ data }: NodeProps<KubeNodeType>) {
  const { node, podCount } = data;
  return (
    <div className={node.isControlPlane ? 'k8s-node k8s-node--control' : 'k8s-node'}>
      <Handle type="target" position={Position.Top} id="in" style={handleStyle} />
      <header className="k8s-node__head">
        <div className="k8s-node__title">
          <h3 className="k8s-node__name">{node.name}</h3>
          {node.isControlPlane && <span className="k8s-tag">control plane</span>}
        </div>
        <div className="k8s-node__meta" title={`node IP ${node.ip}, pod CIDR ${node.podCIDR}`}>
          <code>{node.ip}</code> · pods <code>{node.podCIDR}</code>
        </div>
      </header>
      {podCount === 0 && <p className="k8s-node__empty">No pods</p>}
    </div>
  );
});
