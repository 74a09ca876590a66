import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ExternalNode as ExternalNodeType } from '../types';
import { GlobeIcon } from './icons';

/** Clients outside the cluster: they reach it through Ingresses and external Service addresses. */
export const ExternalNode = memo(function ExternalNode({ data }: NodeProps<ExternalNodeType>) {
  return (
    <div className="k8s-ext">
      <Handle type="source" position={Position.Top} id="top" />
      <Handle type="source" position={Position.Right} id="right" />
      <Handle type="source" position={Position.Bottom} id="bottom" />
      <Handle type="target" position={Position.Left} id="in" />
      <span className="k8s-ext__icon">
        <GlobeIcon />
      </span>
      <div>
        <div className="k8s-ext__name">{data.label}</div>
        <div className="k8s-ext__meta">clients outside</div>
      </div>
    </div>
  );
});
