import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { IngressNode as IngressNodeType } from '../types';
import { LockIcon } from './icons';
import { NamespaceChip } from './NamespaceChip';

/** An Ingress: its class, hosts (a lock with TLS) and whether the cluster's controller serves it. */
export const IngressNode = memo(function IngressNode({ data }: NodeProps<IngressNodeType>) {
  const { ingress } = data;
  const hosts = [...new Set(ingress.paths.map((p) => p.host ?? 'any host'))];
  const hostText = hosts.length === 0 ? 'no rules' : hosts.join(', ');
  const isTls = ingress.tlsHosts.length > 0;
  return (
    <div className={ingress.served ? 'k8s-ing' : 'k8s-ing k8s-ing--unserved'}>
      <Handle type="target" position={Position.Top} id="in" />
      <Handle type="target" position={Position.Left} id="left" />
      <Handle type="source" position={Position.Bottom} id="out" />
      <div className="k8s-ing__line">
        <span className="k8s-ing__name" title={`Ingress ${ingress.key}`}>
          {ingress.name}
        </span>
        <span className="k8s-kind">Ingress</span>
      </div>
      <div className="k8s-ing__line">
        <NamespaceChip namespace={ingress.namespace} />
        <span className="k8s-ing__class" title="IngressClass">
          {ingress.served ? (ingress.className ?? 'default class') : 'not served'}
        </span>
      </div>
      <div className="k8s-ing__line">
        <span
          className="k8s-ing__hosts"
          title={isTls ? `TLS: ${ingress.tlsHosts.join(', ')}` : 'hosts'}
        >
          {isTls && <LockIcon />}
          {hostText}
        </span>
      </div>
    </div>
  );
});
