/**
 * The selected canvas object in full, read from the simulation view: `inspectorModel(view,
 * 'pod:shop/web')` gives the sections the Inspector draws. Nothing here simulates; the worker
 * already did, and this only gathers what the view says about one object.
 */
import type {
  IngressView,
  NamespaceView,
  NodeView,
  PolicyView,
  SimulationView,
} from '../../worker/protocol';
import type { InspectorItem, InspectorModel, InspectorSection } from './inspectorTypes';
import { code, labelChips, text } from './inspectorTypes';
import { podDetails } from './podDetails';
import { emptyRulesMeaning, rulesFor } from './policyWords';
import { serviceDetails } from './serviceDetails';

/** The external client's address when the scenario does not set one (DESIGN: TEST-NET-3). */
const EXTERNAL_CLIENT_IP = '203.0.113.10';

function podItems(view: SimulationView, keys: readonly string[]): InspectorItem[] {
  return keys.map((key) => {
    const pod = view.pods.find((p) => p.key === key);
    return {
      values: [
        code(key, `pod:${key}`),
        pod?.ip ? code(pod.ip) : text(pod?.phase ?? 'unknown', 'warn'),
      ],
    };
  });
}

function enforcementNote(view: SimulationView): Pick<InspectorSection, 'note'> {
  return view.enforcesPolicy
    ? {}
    : {
        note: text(
          `${view.cniPlugin} does not enforce NetworkPolicy: this policy is accepted but changes nothing.`,
          'warn',
        ),
      };
}

function policyDetails(view: SimulationView, policy: PolicyView): InspectorModel {
  const ruleSections: InspectorSection[] = policy.types.map((dir) => {
    const rules = rulesFor(policy, dir);
    return {
      title: dir === 'Ingress' ? 'Allows in' : 'Allows out',
      items: rules.map((r) => ({ values: [text(r)] })),
      empty: emptyRulesMeaning(dir),
    };
  });
  return {
    id: `networkpolicy:${policy.key}`,
    kind: 'NetworkPolicy',
    name: policy.name,
    namespace: policy.namespace,
    badges: policy.types.map((t) => text(t)),
    sections: [
      {
        title: 'Overview',
        rows: [
          {
            label: 'Namespace',
            values: [code(policy.namespace, `namespace:${policy.namespace}`)],
          },
          { label: 'Policy types', values: [text(policy.types.join(', '))] },
        ],
        ...enforcementNote(view),
      },
      {
        title: `Selects ${String(policy.selects.length)} pod${policy.selects.length === 1 ? '' : 's'}`,
        items: podItems(view, policy.selects),
        empty: 'No pod matches its podSelector (yet).',
      },
      ...ruleSections,
    ],
  };
}

function ingressDetails(ing: IngressView): InspectorModel {
  return {
    id: `ingress:${ing.key}`,
    kind: 'Ingress',
    name: ing.name,
    namespace: ing.namespace,
    badges: [ing.served ? text('served', 'ok') : text('not served', 'bad')],
    sections: [
      {
        title: 'Overview',
        rows: [
          { label: 'Namespace', values: [code(ing.namespace, `namespace:${ing.namespace}`)] },
          {
            label: 'Class',
            values: [ing.className === null ? text('default class', 'muted') : code(ing.className)],
          },
          {
            label: 'Controller',
            values: [
              ing.served
                ? text('served by the ingress controller', 'ok')
                : text('no controller serves this class: its paths go nowhere', 'bad'),
            ],
          },
          ...(ing.tlsHosts.length === 0
            ? []
            : [{ label: 'TLS hosts', values: ing.tlsHosts.map((h) => code(h)) }]),
        ],
      },
      {
        title: 'Paths',
        items: ing.paths.map((p) => ({
          values: [
            code(p.pathType === 'defaultBackend' ? 'default backend' : `${p.host ?? ''}${p.path}`),
            text('→', 'muted'),
            code(`${p.service}:${String(p.port)}`, `service:${p.service}`),
          ],
          ...(p.pathType === 'defaultBackend'
            ? {}
            : {
                details: [
                  text(`${p.pathType} match on ${p.host === null ? 'any host' : p.host}`, 'muted'),
                ],
              }),
        })),
        empty: 'No paths.',
      },
    ],
  };
}

function nodeDetails(view: SimulationView, node: NodeView): InspectorModel {
  const pods = view.pods.filter((p) => p.node === node.name);
  // The scenario's own pods first, then the cluster's (CoreDNS, the ingress controller).
  const ordered = [...pods.filter((p) => !p.isSystem), ...pods.filter((p) => p.isSystem)];
  return {
    id: `node:${node.name}`,
    kind: 'Node',
    name: node.name,
    namespace: null,
    badges: [text(node.isControlPlane ? 'control plane' : 'worker')],
    sections: [
      {
        title: 'Overview',
        rows: [
          { label: 'Node IP', values: [code(node.ip)] },
          { label: 'Pod CIDR', values: [code(node.podCIDR)] },
        ],
      },
      {
        title: `Pods (${String(pods.length)})`,
        items: podItems(
          view,
          ordered.map((p) => p.key),
        ),
        empty: 'No pods run here.',
      },
    ],
  };
}

function namespaceDetails(view: SimulationView, ns: NamespaceView): InspectorModel {
  const refs = (
    list: readonly { readonly key: string; readonly namespace: string }[],
    prefix: string,
  ): InspectorItem[] =>
    list
      .filter((o) => o.namespace === ns.name)
      .map((o) => ({ values: [code(o.key, `${prefix}:${o.key}`)] }));
  return {
    id: `namespace:${ns.name}`,
    kind: 'Namespace',
    name: ns.name,
    namespace: null,
    badges: ns.declared ? [] : [text('implicit', 'muted')],
    sections: [
      { title: 'Labels', chips: labelChips(ns.labels), empty: 'No labels.' },
      {
        title: 'Pods',
        items: podItems(
          view,
          view.pods.filter((p) => p.namespace === ns.name).map((p) => p.key),
        ),
        empty: 'No pods.',
      },
      { title: 'Services', items: refs(view.services, 'service'), empty: 'No Services.' },
      {
        title: 'Network policies',
        items: refs(view.policies, 'networkpolicy'),
        empty: 'No NetworkPolicies: pods here accept any traffic.',
      },
    ],
  };
}

function externalDetails(view: SimulationView): InspectorModel {
  return {
    id: 'external:internet',
    kind: 'External client',
    name: 'internet',
    namespace: null,
    badges: [],
    sections: [
      {
        title: 'Overview',
        rows: [
          { label: 'Client IP', values: [code(EXTERNAL_CLIENT_IP)] },
          {
            label: 'Reaches',
            values: [text('Ingress hosts, LoadBalancer IPs and NodePorts on the node IPs')],
          },
        ],
      },
      {
        title: 'Ingresses',
        items: view.ingresses.map((i) => ({ values: [code(i.key, `ingress:${i.key}`)] })),
        empty: 'No Ingress: nothing routes HTTP in from outside.',
      },
    ],
  };
}

/** Splits `kind:rest` at the first colon (`pod:shop/web` → `pod`, `shop/web`). */
function parseId(id: string): { readonly kind: string; readonly key: string } {
  const at = id.indexOf(':');
  return at === -1 ? { kind: '', key: id } : { kind: id.slice(0, at), key: id.slice(at + 1) };
}

/** The Inspector's model for canvas id `selected`, or null when the view has no such object. */
export function inspectorModel(view: SimulationView, selected: string): InspectorModel | null {
  const { kind, key } = parseId(selected);
  switch (kind) {
    case 'pod': {
      const pod = view.pods.find((p) => p.key === key);
      return pod ? podDetails(view, pod) : null;
    }
    case 'service': {
      const svc = view.services.find((s) => s.key === key);
      return svc ? serviceDetails(view, svc) : null;
    }
    case 'networkpolicy': {
      const policy = view.policies.find((p) => p.key === key);
      return policy ? policyDetails(view, policy) : null;
    }
    case 'ingress': {
      const ing = view.ingresses.find((i) => i.key === key);
      return ing ? ingressDetails(ing) : null;
    }
    case 'node': {
      const node = view.nodes.find((n) => n.name === key);
      return node ? nodeDetails(view, node) : null;
    }
    case 'namespace': {
      const ns = view.namespaces.find((n) => n.name === key);
      return ns ? namespaceDetails(view, ns) : null;
    }
    case 'external':
      return externalDetails(view);
    default:
      return null;
  }
}
