/**
 * Inline edits in the Inspector: rename, labels and ports. Each is one YAML edit done in the
 * worker (ui/canvasEdit.ts), so it lands in the Manifest editor, keeps the user's comments and is
 * one undo step. A controller's pod is edited in its template, and the Inspector says so.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useStore } from '../../store';
import type { ContainerPortView, PodView, ServiceView } from '../../worker/protocol';
import { applyCanvasEdit, refOfCanvasId } from '../canvasEdit';
import { LabelEditor } from './LabelEditor';

/** A one-field form: the value is submitted with Enter or the button, when it changed. */
function FieldForm({
  label,
  value,
  type = 'text',
  button,
  onSubmit,
}: {
  readonly label: string;
  readonly value: string;
  readonly type?: 'text' | 'number';
  readonly button: string;
  readonly onSubmit: (value: string) => void;
}) {
  const [entry, setEntry] = useState(value);
  return (
    <form
      className="insp-label-form"
      onSubmit={(e) => {
        e.preventDefault();
        const next = entry.trim();
        if (next !== value) onSubmit(next);
      }}
    >
      <label className="insp-field">
        <span>{label}</span>
        <input
          aria-label={label}
          type={type}
          value={entry}
          {...(type === 'number' ? { min: 1, max: 65535 } : {})}
          onChange={(e) => {
            setEntry(e.target.value);
          }}
        />
      </label>
      <button type="submit">{button}</button>
    </form>
  );
}

function EditSection({
  title,
  children,
}: {
  readonly title: string;
  readonly children: ReactNode;
}) {
  return (
    <section className="insp-section" aria-label={title}>
      <h3 className="insp-section__title">{title}</h3>
      {children}
    </section>
  );
}

/** Rename the object; the selection follows it to its new id. */
function RenameForm({ id, name }: { readonly id: string; readonly name: string }) {
  const select = useStore((s) => s.select);
  const target = refOfCanvasId(id);
  if (!target) return null;
  return (
    <EditSection title="Rename">
      <FieldForm
        key={name}
        label="Name"
        value={name}
        button="Rename"
        onSubmit={(next) => {
          void applyCanvasEdit({ op: 'rename', target, name: next }).then((isDone) => {
            if (isDone) select(`${id.slice(0, id.length - name.length)}${next}`);
          });
        }}
      />
    </EditSection>
  );
}

const portLabel = (p: ContainerPortView) =>
  `${p.container} ${p.name === null ? '' : `${p.name} `}${p.protocol}`.replace('  ', ' ');

/** The selected pod: labels and container ports (in its template if a controller made it). */
export function PodEdits({ pod }: { readonly pod: PodView }) {
  const notify = useStore((s) => s.notify);
  if (pod.isSystem) return null;
  // A template change is a rollout: the controller replaces its pods (new names, new IPs).
  const replaced = (owner: string) => {
    notify({
      kind: 'info',
      text: `${owner}'s pod template changed, so its pods were replaced: new names and new IPs, as in a rollout.`,
    });
  };
  const isTemplated = pod.owner !== undefined && !pod.isWrittenPod;
  const note = !isTemplated
    ? undefined
    : `${pod.key} comes from ${pod.owner}: these edits change its pod template, so every pod of it changes.`;
  return (
    <>
      <LabelEditor
        labels={pod.labels}
        note={note}
        onSet={(key, value) => {
          void applyCanvasEdit({ op: 'setPodLabel', pod: pod.key, key, value }).then((isDone) => {
            if (isDone && isTemplated && pod.owner !== undefined) replaced(pod.owner);
          });
        }}
      />
      {pod.containerPorts.length > 0 && (
        <EditSection title="Edit container ports">
          {pod.containerPorts.map((p) => (
            <FieldForm
              key={`${p.container}:${String(p.index)}:${String(p.port)}`}
              label={portLabel(p)}
              value={String(p.port)}
              type="number"
              button="Set port"
              onSubmit={(next) => {
                void applyCanvasEdit({
                  op: 'setContainerPort',
                  pod: pod.key,
                  container: p.container,
                  index: p.index,
                  port: Number(next),
                }).then((isDone) => {
                  if (isDone && isTemplated && pod.owner !== undefined) replaced(pod.owner);
                });
              }}
            />
          ))}
        </EditSection>
      )}
      {!isTemplated && <RenameForm id={`pod:${pod.key}`} name={pod.name} />}
    </>
  );
}

/** A Service's port and targetPort, per port (a targetPort may be a container port's name). */
export function ServiceEdits({ service }: { readonly service: ServiceView }) {
  if (service.isSystem) return null;
  const target = { kind: 'Service', namespace: service.namespace, name: service.name };
  const setPortField = (index: number, field: 'port' | 'targetPort', value: string) => {
    const asNumber = /^\d+$/.test(value) ? Number(value) : value;
    void applyCanvasEdit({
      op: 'setField',
      target,
      path: ['spec', 'ports', index, field],
      value: asNumber,
    });
  };
  return (
    <>
      {service.type !== 'ExternalName' && service.ports.length > 0 && (
        <EditSection title="Edit ports">
          {service.ports.map((p, i) => (
            <div
              key={`${String(i)}:${String(p.port)}:${String(p.targetPort)}`}
              className="insp-port-edit"
            >
              <FieldForm
                label={`port ${p.name || String(i)}`}
                value={String(p.port)}
                type="number"
                button="Set"
                onSubmit={(next) => {
                  setPortField(i, 'port', next);
                }}
              />
              <FieldForm
                label="targetPort"
                value={String(p.targetPort)}
                button="Set"
                onSubmit={(next) => {
                  setPortField(i, 'targetPort', next);
                }}
              />
            </div>
          ))}
        </EditSection>
      )}
      <RenameForm id={`service:${service.key}`} name={service.name} />
    </>
  );
}

/** The edits the selected object offers, by kind. */
export function ObjectEdits({ id }: { readonly id: string }) {
  const view = useStore((s) => s.view);
  if (view === null) return null;
  if (id.startsWith('pod:')) {
    const pod = view.pods.find((p) => `pod:${p.key}` === id);
    return pod ? <PodEdits pod={pod} /> : null;
  }
  if (id.startsWith('service:')) {
    const service = view.services.find((s) => `service:${s.key}` === id);
    return service ? <ServiceEdits service={service} /> : null;
  }
  if (id.startsWith('namespace:')) {
    const ns = view.namespaces.find((n) => `namespace:${n.name}` === id);
    if (!ns) return null;
    const target = { kind: 'Namespace', namespace: '', name: ns.name };
    return (
      <LabelEditor
        labels={ns.labels}
        note="namespaceSelectors in NetworkPolicies match these labels."
        onSet={(key, value) => {
          void applyCanvasEdit({ op: 'setLabel', target, key, value });
        }}
      />
    );
  }
  const policy = view.policies.find((p) => `networkpolicy:${p.key}` === id);
  if (policy) return <RenameForm id={id} name={policy.name} />;
  const ingress = view.ingresses.find((i) => `ingress:${i.key}` === id);
  if (ingress) return <RenameForm id={id} name={ingress.name} />;
  return null;
}
