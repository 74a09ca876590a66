/** A pod's NetworkPolicy situation in plain words: which policies select it and what they allow. */
import { describeSelector } from './labels';
import type {
  CompiledPeer,
  CompiledPolicy,
  CompiledPort,
  CompiledRule,
  Direction,
} from './networkpolicy';
import { compiledPolicies, policySelects } from './networkpolicy';
import type { Cluster, SimPod } from './types';

export interface DirectionExplanation {
  readonly isolated: boolean;
  /** Policies isolating the pod in this direction. */
  readonly policies: readonly string[];
  /** One sentence per rule that allows something. */
  readonly rules: readonly {
    readonly policy: string;
    readonly rule: number;
    readonly text: string;
  }[];
  /** The whole direction in one or two sentences. */
  readonly summary: string;
}

export interface PodExplanation {
  readonly pod: string;
  readonly ip: string | null;
  readonly node: string | null;
  readonly labels: Readonly<Record<string, string>>;
  /** Every policy whose podSelector selects the pod, with the directions it isolates. */
  readonly selectedBy: readonly {
    readonly policy: string;
    readonly types: readonly ('Ingress' | 'Egress')[];
  }[];
  readonly ingress: DirectionExplanation;
  readonly egress: DirectionExplanation;
  readonly notes: readonly string[];
}

function describePort(p: CompiledPort): string {
  if (p.name !== undefined) return `${p.protocol} port named ${JSON.stringify(p.name)}`;
  if (p.port === undefined) return `any ${p.protocol} port`;
  if (p.endPort !== undefined) return `${p.protocol} ports ${String(p.port)}-${String(p.endPort)}`;
  return `${p.protocol}/${String(p.port)}`;
}

export function describePeer(peer: CompiledPeer, policyNs: string): string {
  if (peer.kind === 'ipBlock') {
    return `addresses in ${peer.text}${peer.exceptText.length > 0 ? ` except ${peer.exceptText.join(', ')}` : ''}`;
  }
  const pods =
    peer.podSelector === null || peer.podSelector.isEmpty
      ? 'all pods'
      : `pods with ${describeSelector(peer.podSelector)}`;
  if (peer.namespaceSelector === null) return `${pods} in namespace ${policyNs}`;
  if (peer.namespaceSelector.isEmpty) return `${pods} in every namespace`;
  return `${pods} in namespaces with ${describeSelector(peer.namespaceSelector)}`;
}

export function describeRule(rule: CompiledRule, namespace: string): string {
  const who =
    rule.peers === null
      ? rule.direction === 'ingress'
        ? 'any source'
        : 'any destination'
      : rule.peers.map((p) => describePeer(p, namespace)).join(', or ');
  const ports =
    rule.ports === null ? 'on any port' : `on ${rule.ports.map(describePort).join(', ')}`;
  return rule.direction === 'ingress' ? `from ${who} ${ports}` : `to ${who} ${ports}`;
}

function explainDirection(
  policies: readonly CompiledPolicy[],
  dir: Direction,
  pod: SimPod,
): DirectionExplanation {
  const isolating = policies.filter(
    (p) => (dir === 'ingress' ? p.affectsIngress : p.affectsEgress) && policySelects(p, pod),
  );
  const word = dir === 'ingress' ? 'Incoming' : 'Outgoing';
  if (isolating.length === 0) {
    return {
      isolated: false,
      policies: [],
      rules: [],
      summary: `${word} traffic is not restricted: no policy selecting this pod has ${dir === 'ingress' ? 'Ingress' : 'Egress'} in its policyTypes.`,
    };
  }
  const rules = isolating.flatMap((p) =>
    (dir === 'ingress' ? p.ingress : p.egress).map((r) => ({
      policy: p.key,
      rule: r.index,
      text: describeRule(r, p.namespace),
    })),
  );
  const names = isolating.map((p) => p.key).join(', ');
  const summary =
    rules.length === 0
      ? `${word} traffic is denied entirely: ${names} isolate${isolating.length === 1 ? 's' : ''} the pod and allow${isolating.length === 1 ? 's' : ''} nothing.`
      : `${word} traffic is allowed only ${rules.map((r) => r.text).join('; or ')} (isolated by ${names}).`;
  return { isolated: true, policies: isolating.map((p) => p.key), rules, summary };
}

export function explainPod(cluster: Cluster, pod: SimPod): PodExplanation {
  const policies = compiledPolicies(cluster);
  const notes: string[] = [];
  if (!cluster.settings.enforcesPolicy)
    notes.push(
      `The ${cluster.settings.cniPlugin} CNI does not enforce NetworkPolicy: every rule below is ignored and all traffic is allowed.`,
    );
  if (pod.hostNetwork)
    notes.push(
      "This pod uses the host network: NetworkPolicy does not select it; its traffic is the node's traffic.",
    );
  notes.push(
    "Traffic to itself is always allowed; a connection needs the source's egress and the destination's ingress to allow it.",
  );
  const selectedBy = policies
    .filter((p) => policySelects(p, pod))
    .map((p) => ({
      policy: p.key,
      types: [
        ...(p.affectsIngress ? ['Ingress' as const] : []),
        ...(p.affectsEgress ? ['Egress' as const] : []),
      ],
    }));
  return {
    pod: pod.key,
    ip: pod.ip,
    node: pod.nodeName,
    labels: pod.labels,
    selectedBy,
    ingress: explainDirection(policies, 'ingress', pod),
    egress: explainDirection(policies, 'egress', pod),
    notes,
  };
}
