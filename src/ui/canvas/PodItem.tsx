import { memo } from 'react';
import type { CSSProperties } from 'react';
import type { PodView } from '../../worker/protocol';
import { namespaceHue } from '../namespaceColor';

interface PodItemProps {
  readonly pod: PodView;
}

/** One pod: name, namespace, IP and containers. `data-id` is the canvas id from DESIGN.md. */
export const PodItem = memo(function PodItem({ pod }: PodItemProps) {
  const style = { '--ns-hue': namespaceHue(pod.namespace) } as CSSProperties;
  return (
    <li
      className={pod.phase === 'Pending' ? 'pod pod--pending' : 'pod'}
      data-id={`pod:${pod.namespace}/${pod.name}`}
      style={style}
      aria-label={`Pod ${pod.key}`}
    >
      <div className="pod__head">
        <span className="pod__namespace">{pod.namespace}</span>
        <span className="pod__name" title={pod.name}>
          {pod.name}
        </span>
      </div>
      <div className="pod__meta">
        <code className="pod__ip" data-testid="pod-ip" title="Pod IP">
          {pod.ip ?? 'no IP'}
        </code>
        <span className="pod__containers" title={pod.containers.join(', ')}>
          {pod.containers.length === 1
            ? pod.containers[0]
            : `${String(pod.containers.length)} containers`}
        </span>
      </div>
      {pod.phase === 'Pending' && (
        <p className="pod__pending">Pending{pod.pendingReason ? `: ${pod.pendingReason}` : ''}</p>
      )}
    </li>
  );
});
