/** The Inspector's rows for a Service: its addresses, ports, endpoints and DNS names. */
import type { EndpointView, ServiceView, SimulationView } from '../../worker/protocol';
import type {
  InspectorItem,
  InspectorModel,
  InspectorRow,
  InspectorSection,
} from './inspectorTypes';
import { CLUSTER_DOMAIN, code, labelChips, serviceDnsName, text } from './inspectorTypes';

function addressRows(svc: ServiceView): InspectorRow[] {
  const rows: InspectorRow[] = [
    { label: 'Namespace', values: [code(svc.namespace, `namespace:${svc.namespace}`)] },
    { label: 'Type', values: [text(svc.headless ? `${svc.type} (headless)` : svc.type)] },
  ];
  if (svc.type === 'ExternalName') {
    rows.push({ label: 'External name', values: [code(svc.externalName ?? '')] });
  } else {
    rows.push({
      label: 'ClusterIP',
      values: [
        svc.headless
          ? text('None: DNS answers with the pod IPs', 'muted')
          : code(svc.clusterIP ?? 'none'),
      ],
    });
  }
  const nodePorts = svc.ports.filter((p) => p.nodePort !== null);
  if (nodePorts.length > 0)
    rows.push({
      label: 'NodePort',
      values: nodePorts.map((p) => code(`${String(p.nodePort)}/${p.protocol} on every node`)),
    });
  if (svc.type === 'LoadBalancer')
    rows.push({
      label: 'LoadBalancer IP',
      values: [
        svc.loadBalancerIP === null
          ? text('pending: no address assigned', 'warn')
          : code(svc.loadBalancerIP),
      ],
    });
  if (svc.externalIPs.length > 0)
    rows.push({ label: 'External IPs', values: svc.externalIPs.map((ip) => code(ip)) });
  return rows;
}

function portItems(svc: ServiceView): InspectorItem[] {
  return svc.ports.map((p) => ({
    values: [
      ...(p.name === '' ? [] : [text(`${p.name}:`, 'muted')]),
      code(`${String(p.port)}/${p.protocol} → ${String(p.targetPort)}`),
    ],
    ...(p.nodePort === null ? {} : { details: [text(`NodePort ${String(p.nodePort)}`)] }),
  }));
}

/** One item per backend (a pod, or a bare address), with the port it serves for each port. */
function endpointItems(svc: ServiceView): InspectorItem[] {
  const groups = new Map<string, EndpointView[]>();
  for (const e of svc.endpoints) {
    const key = `${e.pod ?? ''}@${e.ip}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  return [...groups.values()].flatMap((group) => {
    const [first] = group;
    if (!first) return [];
    return [
      {
        values: [
          first.pod === null ? code(first.ip) : code(first.pod, `pod:${first.pod}`),
          first.ready ? text('ready', 'ok') : text('not ready', 'bad'),
        ],
        details: group.map((e) => code(`${e.ip}:${String(e.port)} for port ${e.servicePort}`)),
      },
    ];
  });
}

function noEndpointsReason(svc: ServiceView): string {
  if (svc.type === 'ExternalName') return 'None: an ExternalName Service is only a DNS alias.';
  if (svc.selector === null)
    return 'None: without a selector, endpoints come only from EndpointSlices you write.';
  return 'None: no pod matches the selector, so connections to it fail.';
}

function dnsRows(svc: ServiceView): InspectorRow[] {
  const name = serviceDnsName(svc.name, svc.namespace);
  const answer =
    svc.type === 'ExternalName'
      ? `CNAME ${svc.externalName ?? ''}`
      : svc.headless
        ? 'A records: the ready endpoints’ pod IPs'
        : `A ${svc.clusterIP ?? ''}`;
  const srv = svc.ports
    .filter((p) => p.name !== '')
    .map((p) =>
      code(
        `_${p.name}._${p.protocol.toLowerCase()}.${svc.name}.${svc.namespace}.svc.${CLUSTER_DOMAIN}`,
      ),
    );
  return [
    { label: 'Name', values: [code(name)], isWide: true },
    { label: 'Answer', values: [text(answer)] },
    {
      label: 'Short names',
      values: [
        code(svc.name),
        text(`in ${svc.namespace}`, 'muted'),
        code(`${svc.name}.${svc.namespace}`),
      ],
    },
    ...(srv.length === 0 ? [] : [{ label: 'SRV records', values: srv, isWide: true }]),
  ];
}

export function serviceDetails(view: SimulationView, svc: ServiceView): InspectorModel {
  const routes = view.ingresses.flatMap((ing) =>
    ing.paths
      .filter((p) => p.service === svc.key)
      .map((p) => ({
        values: [
          code(ing.key, `ingress:${ing.key}`),
          code(`${p.host ?? ''}${p.path}`),
          text(`port ${String(p.port)}`, 'muted'),
        ],
      })),
  );
  const sections: InspectorSection[] = [
    { title: 'Overview', rows: addressRows(svc) },
    { title: 'Ports', items: portItems(svc), empty: 'No ports.' },
    {
      title: 'Selector',
      chips: svc.selector === null ? [] : labelChips(svc.selector),
      empty: svc.selector === null ? 'No selector.' : 'Empty selector.',
    },
    { title: 'Endpoints', items: endpointItems(svc), empty: noEndpointsReason(svc) },
    { title: 'DNS', rows: dnsRows(svc) },
  ];
  if (routes.length > 0) sections.push({ title: 'Ingress routes', items: routes });
  return {
    id: `service:${svc.key}`,
    kind: 'Service',
    name: svc.name,
    namespace: svc.namespace,
    badges: [
      text(svc.type),
      ...(svc.headless ? [text('headless', 'muted')] : []),
      ...(svc.isSystem ? [text('system', 'muted')] : []),
    ],
    sections,
  };
}
