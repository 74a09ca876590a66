import { useEffect, useId, useState } from 'react';
import { useStore } from '../../store';
import { keyOfId } from '../canvas/layout';
import type { RulesReply, ServiceRulesView } from '../../worker/protocol';
import { engine } from '../useEngine';

type Mode = ServiceRulesView['mode'];

const MODES: readonly Mode[] = ['iptables', 'nftables', 'ipvs'];

function modeOf(value: string): Mode {
  return MODES.find((m) => m === value) ?? 'iptables';
}

interface Answer {
  readonly service: string;
  /** null: the worker failed. */
  readonly reply: Omit<RulesReply, 'type' | 'id'> | null;
}

/**
 * The kube-proxy rules of the selected Service on one node, as `k8snet rules` prints them, asked
 * of the worker (the page never renders rules itself) and asked again after every simulation.
 * The rules are data from the user's YAML: rendered as text, never as HTML.
 */
export function ServiceRules({ id }: { readonly id: string }) {
  const service = keyOfId(id, 'service') ?? '';
  const view = useStore((s) => s.view);
  const [node, setNode] = useState<string | null>(null);
  /** null: the cluster's own mode (ClusterSettings `kubeProxy.mode`). */
  const [mode, setMode] = useState<Mode | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const nodeId = useId();
  const modeId = useId();
  // A node the last Apply removed falls back to the first node.
  const askedNode = node !== null && view?.nodes.some((n) => n.name === node) ? node : null;

  useEffect(() => {
    let isCurrent = true;
    void engine()
      .serviceRules({ service, node: askedNode, mode })
      .then((reply) => {
        // The selection, node, mode or simulation changed meanwhile: a newer answer is coming.
        if (!isCurrent) return;
        setAnswer({ service, reply });
      });
    return () => {
      isCurrent = false;
    };
  }, [service, askedNode, mode, view]);

  const current = answer?.service === service ? answer : null;
  const rules = current?.reply?.rules ?? null;
  const note = current?.reply?.note ?? '';
  return (
    <section className="insp-section insp-rules">
      <h3 className="insp-section__title">kube-proxy rules</h3>
      {current === null ? (
        <p className="insp-empty">Asking kube-proxy…</p>
      ) : current.reply === null ? (
        <p className="insp-note insp-value--bad">
          The engine did not answer; the rules come back with the next simulation.
        </p>
      ) : null}
      {rules && (
        <div className="insp-rules__pickers">
          <label htmlFor={nodeId}>Node</label>
          <select
            id={nodeId}
            aria-label="kube-proxy node"
            value={askedNode ?? rules.node}
            onChange={(e) => {
              setNode(e.target.value);
            }}
          >
            {rules.nodes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <label htmlFor={modeId}>Mode</label>
          <select
            id={modeId}
            aria-label="kube-proxy mode"
            value={mode ?? rules.mode}
            onChange={(e) => {
              setMode(modeOf(e.target.value));
            }}
          >
            {MODES.map((m) => (
              <option key={m} value={m}>
                {m === view?.kubeProxyMode ? `${m} (cluster's mode)` : m}
              </option>
            ))}
          </select>
        </div>
      )}
      {note !== '' && <p className="insp-note">{note}</p>}
      {rules && (
        // Focusable so the keyboard can scroll its long lines sideways.
        <pre className="insp-rules__text" aria-label="kube-proxy rules" tabIndex={0}>
          {rules.text}
        </pre>
      )}
    </section>
  );
}
