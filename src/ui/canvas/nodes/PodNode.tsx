import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CSSProperties } from 'react';
import { namespaceHue } from '../../namespaceColor';
import { STATUS_TEXT, containerPorts, podStatus, splitPodName } from '../podText';
import { POD_HANDLE_Y } from '../sizes';
import type { PodNode as PodNodeType } from '../types';
import { useIsFar } from '../useLevelOfDetail';
import { ShieldIcon } from './icons';
import { NamespaceChip } from './NamespaceChip';

/** Name, controller and labels on hover: the card has no room for labels. */
function podTitle({ pod }: PodNodeType['data']): string {
  const labels = Object.entries(pod.labels).map(([k, v]) => `  ${k}=${v}`);
  const head = [`Pod ${pod.key}`, ...(pod.owner === undefined ? [] : [`owner ${pod.owner}`])];
  return [...head, ...(labels.length > 0 ? ['labels:', ...labels] : [])].join('\n');
}

/** The name, cut in the middle when too long: `frontend-fwzbs4…-hqnxx`. */
function PodName({
  pod,
  title,
}: {
  readonly pod: PodNodeType['data']['pod'];
  readonly title: string;
}) {
  const [head, tail] = splitPodName(pod);
  return (
    <span className="k8s-pod__name" title={title}>
      <span className="k8s-pod__name-head">{head}</span>
      {tail !== '' && <span className="k8s-pod__name-tail">{tail}</span>}
    </span>
  );
}

const handleStyle: CSSProperties = { top: POD_HANDLE_Y };

/**
 * The pod's edge anchors, plus (for the user's own pods) the grip a connection is dragged from:
 * to another pod to offer an allow policy. Allowed-traffic arrows leave from it too.
 */
function PodHandles({ isSystem }: { readonly isSystem: boolean }) {
  return (
    <>
      <Handle type="target" position={Position.Left} id="left" style={handleStyle} />
      <Handle type="target" position={Position.Right} id="right" style={handleStyle} />
      {!isSystem && (
        <Handle
          type="source"
          position={Position.Right}
          id="connect"
          className="k8s-connect"
          title="Drag to another pod to allow traffic to it"
        />
      )}
    </>
  );
}

/**
 * One pod: name, namespace, IP and status; its containers with the ports they listen on and its
 * controller. A shield counts the NetworkPolicies that select it. The cluster's own pods (CoreDNS,
 * the ingress controller) get two quiet lines. Zoomed far out, container detail is dropped (the
 * level of detail that keeps 500 pods smooth).
 */
export const PodNode = memo(function PodNode({ data }: NodeProps<PodNodeType>) {
  const { pod, policies } = data;
  const isFar = useIsFar();
  const status = podStatus(pod);
  const containers = containerPorts(pod);
  const style = { '--ns-hue': namespaceHue(pod.namespace) } as CSSProperties;
  const className = [
    'k8s-pod',
    `k8s-pod--${status}`,
    pod.isSystem ? 'k8s-pod--system' : '',
    pod.hostNetwork ? 'k8s-pod--host' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const problem =
    status === 'pending'
      ? (pod.pendingReason ?? 'waiting for a node')
      : status === 'failing'
        ? pod.failing.join('; ')
        : null;
  const quiet = pod.isSystem && status === 'running';
  const containerText =
    containers.length > 1
      ? `${String(containers.length)} containers${isFar ? '' : ` · ${containers.join(' · ')}`}`
      : isFar
        ? ''
        : containers.join('');

  return (
    <div className={className} style={style}>
      <PodHandles isSystem={pod.isSystem} />
      <div className="k8s-pod__line">
        <PodName pod={pod} title={podTitle(data)} />
        {policies.length > 0 && (
          <span
            className="k8s-shield"
            title={`Selected by NetworkPolicy ${policies.join(', ')}`}
            aria-label={`${String(policies.length)} NetworkPolicies`}
          >
            <ShieldIcon />
            {policies.length}
          </span>
        )}
        {pod.hostNetwork && (
          <span className="k8s-tag k8s-tag--host" title="hostNetwork: the pod uses its node's IP">
            hostNetwork
          </span>
        )}
        {pod.isSystem && (
          <span className={`k8s-status k8s-status--${status}`} title={STATUS_TEXT[status]}>
            {quiet ? '' : STATUS_TEXT[status]}
          </span>
        )}
      </div>
      <div className="k8s-pod__line">
        <NamespaceChip namespace={pod.namespace} />
        <code className="k8s-pod__ip" data-testid="pod-ip" title="Pod IP">
          {pod.ip ?? 'no IP'}
        </code>
        {pod.isSystem ? (
          <span className="k8s-pod__containers" title={pod.listeners.join('\n')}>
            {containerText}
          </span>
        ) : (
          <span className={`k8s-status k8s-status--${status}`}>{STATUS_TEXT[status]}</span>
        )}
      </div>
      {!pod.isSystem && (
        <div className="k8s-pod__line">
          <span
            className="k8s-pod__containers"
            title={pod.listeners.length > 0 ? pod.listeners.join('\n') : 'no listening sockets'}
          >
            {containerText}
          </span>
          {!isFar && pod.owner !== undefined && (
            <span className="k8s-owner" title={`Controlled by ${pod.owner}`}>
              {pod.owner}
            </span>
          )}
        </div>
      )}
      {problem !== null && (
        <div className="k8s-pod__problem" title={problem}>
          {problem}
        </div>
      )}
    </div>
  );
});
