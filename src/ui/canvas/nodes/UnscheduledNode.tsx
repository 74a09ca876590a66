import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { UnscheduledNode as UnscheduledNodeType } from '../types';

/** Where Pending pods wait: the scheduler found no node for them (each pod says why). */
export const UnscheduledNode = memo(function UnscheduledNode({
  data,
}: NodeProps<UnscheduledNodeType>) {
  return (
    <div className="k8s-node k8s-node--unscheduled">
      <header className="k8s-node__head">
        <div className="k8s-node__title">
          <h3 className="k8s-node__name">Unscheduled</h3>
        </div>
        <div className="k8s-node__meta">{`${String(data.podCount)} pending`}</div>
      </header>
    </div>
  );
});
