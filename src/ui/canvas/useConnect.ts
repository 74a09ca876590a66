import { useCallback, useState } from 'react';
import type { OnConnectEnd } from '@xyflow/react';
import { useStore } from '../../store';
import type { ProposalReply } from '../../worker/protocol';
import { applyCanvasEdit } from '../canvasEdit';
import { engine } from '../useEngine';
import { canvasIdAt } from './canvasIdAt';
import { keyOfId } from './layout';

export interface Proposal extends Omit<ProposalReply, 'type' | 'id'> {
  readonly from: string;
  readonly to: string;
}

/**
 * The canvas object under the pointer where a connection was dropped. React Flow only knows the
 * target when the pointer ends near a handle; a user drops on the card, so look there too.
 */
function idAt(event: MouseEvent | TouchEvent): string | null {
  const point = 'changedTouches' in event ? event.changedTouches[0] : event;
  return point ? canvasIdAt(point.clientX, point.clientY) : null;
}

/**
 * Connections dragged on the canvas are YAML edits, as everything else: Service → pod adds the
 * pod's labels to the selector; pod → pod asks the engine whether traffic is allowed and, when it
 * is not, offers the NetworkPolicy that would allow it (added only if the user says so).
 */
export function useConnect(): {
  readonly onConnectEnd: OnConnectEnd;
  readonly proposal: Proposal | null;
  readonly closeProposal: () => void;
} {
  const notify = useStore((s) => s.notify);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const onConnectEnd: OnConnectEnd = useCallback(
    (event, state) => {
      const from = state.fromNode?.id;
      const to = state.toNode?.id ?? idAt(event);
      if (from === undefined || to === null || to === from) return;
      const [serviceId, podId] = from.startsWith('service:') ? [from, to] : [to, from];
      const service = keyOfId(serviceId, 'service');
      const pod = keyOfId(podId, 'pod');
      if (service !== null && pod !== null) {
        void applyCanvasEdit({ op: 'selectPod', service, pod }).then((isDone) => {
          if (isDone) notify({ kind: 'info', text: `Service ${service} now selects ${pod}.` });
        });
        return;
      }
      const client = keyOfId(from, 'pod');
      const server = keyOfId(to, 'pod');
      if (client !== null && server !== null) {
        void engine()
          .proposeAllow(client, server)
          .then((reply) => {
            if (reply === null)
              notify({ kind: 'error', text: 'The engine worker failed while checking traffic.' });
            else setProposal({ ...reply, from: client, to: server });
          });
        return;
      }
      notify({
        kind: 'error',
        text: 'Drop the connection on a pod: from a Service it selects the pod, from a pod it offers a policy allowing the traffic.',
      });
    },
    [notify],
  );
  const closeProposal = useCallback(() => {
    setProposal(null);
  }, []);
  return { onConnectEnd, proposal, closeProposal };
}
