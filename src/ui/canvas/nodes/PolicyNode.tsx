import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { PolicyNode as PolicyNodeType } from '../types';
import { ShieldIcon } from './icons';
import { NamespaceChip } from './NamespaceChip';

/** A NetworkPolicy: which directions it isolates and how many pods it selects. */
export const PolicyNode = memo(function PolicyNode({ data }: NodeProps<PolicyNodeType>) {
  const { policy } = data;
  const count = policy.selects.length;
  const rules = policy.rules.length === 0 ? 'no rules: denies all' : policy.rules.join('\n');
  return (
    <div className="k8s-pol" title={rules}>
      <Handle type="source" position={Position.Left} id="out" />
      <div className="k8s-pol__line">
        <span className="k8s-pol__shield">
          <ShieldIcon size={13} />
        </span>
        <span className="k8s-pol__name" title={`NetworkPolicy ${policy.key}`}>
          {policy.name}
        </span>
      </div>
      <div className="k8s-pol__line">
        <NamespaceChip namespace={policy.namespace} />
        <span className="k8s-pol__types">{policy.types.join(' + ')}</span>
      </div>
      <div className="k8s-pol__line k8s-pol__selects">
        {count === 1 ? 'selects 1 pod' : `selects ${String(count)} pods`}
        {policy.rules.length === 0
          ? ' · deny all'
          : ` · ${String(policy.rules.length)} rule${policy.rules.length === 1 ? '' : 's'}`}
      </div>
    </div>
  );
});
