/** The Inspector's rows for a pod: where it runs, what listens in it, who selects it. */
import type { PodView, SimulationView } from '../../worker/protocol';
import type {
  InspectorItem,
  InspectorModel,
  InspectorSection,
  InspectorValue,
} from './inspectorTypes';
import { code, labelChips, podDnsName, serviceDnsName, text } from './inspectorTypes';
import { effectiveRule, emptyRulesMeaning, rulesFor } from './policyWords';

/** `80/TCP nginx (web)`: a socket, the process bound to it, and its container. */
const LISTENER = /^(\S+) (.+) \(([^()]+)\)$/;

function containerItems(pod: PodView): InspectorItem[] {
  return pod.containers.map((name) => {
    const sockets: InspectorValue[] = pod.listeners.flatMap((l) => {
      const m = LISTENER.exec(l);
      if (!m) return [];
      return m[3] === name ? [text(`listens on ${m[1] ?? ''} (${m[2] ?? ''})`)] : [];
    });
    const failures = pod.failing
      .filter((f) => f.startsWith(`${name}: `))
      .map((f) => text(f.slice(name.length + 2), 'bad'));
    const details =
      sockets.length === 0 && failures.length === 0
        ? [text(pod.ip === null ? 'not started' : 'listens on no port', 'muted')]
        : [...sockets, ...failures];
    return {
      values: failures.length > 0 ? [code(name), text('failing', 'bad')] : [code(name)],
      details,
    };
  });
}

function serviceItems(view: SimulationView, pod: PodView): InspectorItem[] {
  return view.services
    .filter((s) => s.endpoints.some((e) => e.pod === pod.key))
    .map((s) => ({
      values: [code(s.key, `service:${s.key}`), text(s.type, 'muted')],
      details: s.endpoints
        .filter((e) => e.pod === pod.key)
        .map((e) =>
          text(
            `port ${e.servicePort} → ${e.ip}:${String(e.port)}${e.ready ? '' : ' (not ready)'}`,
            e.ready ? undefined : 'warn',
          ),
        ),
    }));
}

function policySection(view: SimulationView, pod: PodView): InspectorSection {
  const selecting = view.policies.filter((p) => p.selects.includes(pod.key));
  const items: InspectorItem[] = selecting.map((p) => ({
    values: [code(p.key, `networkpolicy:${p.key}`), text(p.types.join(' + '), 'muted')],
    details: p.types.flatMap((dir) => {
      const rules = rulesFor(p, dir);
      return rules.length === 0
        ? [text(emptyRulesMeaning(dir), 'warn')]
        : rules.map((r) => text(r));
    }),
  }));
  return {
    title: 'Network policies',
    ...(view.enforcesPolicy
      ? {}
      : {
          note: text(
            `${view.cniPlugin} does not enforce NetworkPolicy: every connection is allowed whatever these say.`,
            'warn',
          ),
        }),
    rows: [
      { label: 'Ingress', values: [text(effectiveRule(selecting, 'Ingress'))], isWide: true },
      { label: 'Egress', values: [text(effectiveRule(selecting, 'Egress'))], isWide: true },
    ],
    items,
    empty: 'No NetworkPolicy selects this pod.',
  };
}

function dnsSection(view: SimulationView, pod: PodView): InspectorSection {
  const services = view.services.filter((s) => s.endpoints.some((e) => e.pod === pod.key));
  return {
    title: 'DNS',
    rows: [
      {
        label: 'Pod record',
        isWide: true,
        values: [
          pod.ip === null
            ? text('none until the pod has an IP', 'muted')
            : code(podDnsName(pod.ip, pod.namespace)),
        ],
      },
      ...(services.length === 0
        ? []
        : [
            {
              label: 'Via Services',
              isWide: true,
              values: services.map((s) => code(serviceDnsName(s.name, s.namespace))),
            },
          ]),
    ],
  };
}

export function podDetails(view: SimulationView, pod: PodView): InspectorModel {
  const badges: InspectorValue[] = [
    pod.phase === 'Running' ? text('Running', 'ok') : text('Pending', 'warn'),
    pod.ready ? text('Ready', 'ok') : text('Not ready', 'bad'),
    ...(pod.hostNetwork ? [text('hostNetwork', 'muted')] : []),
    ...(pod.isSystem ? [text('system', 'muted')] : []),
  ];
  const overview: InspectorSection = {
    title: 'Overview',
    rows: [
      { label: 'Namespace', values: [code(pod.namespace, `namespace:${pod.namespace}`)] },
      {
        label: 'Node',
        values: [
          pod.node === null
            ? text(`not scheduled${pod.pendingReason ? `: ${pod.pendingReason}` : ''}`, 'warn')
            : code(pod.node, `node:${pod.node}`),
        ],
      },
      {
        label: 'Pod IP',
        values: [
          pod.ip === null ? text('none yet', 'muted') : code(pod.ip),
          ...(pod.hostNetwork ? [text("(the node's own IP: hostNetwork)", 'muted')] : []),
        ],
      },
      ...(pod.owner === undefined ? [] : [{ label: 'Owner', values: [code(pod.owner)] }]),
      {
        label: 'Readiness',
        values: [
          pod.ready
            ? text('ready: Services send it traffic', 'ok')
            : text('not ready: Services leave it out of their ready endpoints', 'bad'),
        ],
      },
    ],
  };
  return {
    id: `pod:${pod.key}`,
    kind: 'Pod',
    name: pod.name,
    namespace: pod.namespace,
    badges,
    sections: [
      overview,
      { title: 'Labels', chips: labelChips(pod.labels), empty: 'No labels.' },
      { title: 'Containers', items: containerItems(pod) },
      {
        title: 'Selected by Services',
        items: serviceItems(view, pod),
        empty: 'No Service selects this pod.',
      },
      policySection(view, pod),
      dnsSection(view, pod),
    ],
  };
}
