import { useCallback, useState } from 'react';
import type { OnConnectEnd } from '@xyflow/react';
import { useStore } from '../../store';
import type { ProposalReply } from '../../worker/protocol';
import { applyCanvasEdit } from '../canvasEdit';
import { engine } from '../useEngine';

export interface Proposal extends Omit<ProposalReply, 'type' | 'id'> {
  readonly from: string;
  readonly to: string;
}

/**
 * The canvas node under the pointer where a connection was dropped. React Flow only knows the
 * target when the pointer ends near a handle; a user drops on the card, so look there too.
 */
function nodeIdAt(event: MouseEvent | TouchEvent): string | null {
  const point = 'changedTouches' in event ? event.changedTouches[0] : event;
  if (!point) return null;
  for (const el of document.elementsFromPoint(point.clientX, point.clientY)) {
    const node = el.closest('.react-flow__node');
    const id = node?.getAttribute('data-id');
    if (id) return id;
  }
  return null;
}

const podKey = (id: string) => id.slice('pod:'.length);

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
      const to = state.toNode?.id ?? nodeIdAt(event);
      if (from === undefined || to === null || to === from) return;
      const [service, pod] = from.startsWith('service:') ? [from, to] : [to, from];
      if (service.startsWith('service:') && pod.startsWith('pod:')) {
        const edit = { op: 'selectPod', service: service.slice(8), pod: podKey(pod) } as const;
        void applyCanvasEdit(edit).then((isDone) => {
          if (isDone)
            notify({ kind: 'info', text: `Service ${edit.service} now selects ${edit.pod}.` });
        });
        return;
      }
      if (from.startsWith('pod:') && to.startsWith('pod:')) {
        void engine()
          .proposeAllow(podKey(from), podKey(to))
          .then((reply) => {
            if (reply === null)
              notify({ kind: 'error', text: 'The engine worker failed while checking traffic.' });
            else setProposal({ ...reply, from: podKey(from), to: podKey(to) });
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
