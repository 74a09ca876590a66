/**
 * "Allow this": the NetworkPolicy a user would write so that one pod may connect to another.
 * Policies are additive (https://kubernetes.io/docs/concepts/services-networking/network-policies/
 * #networkpolicy-resource), so the fix never edits an existing policy: it adds an allowing policy
 * on each side that denies now, and only there (an Ingress policy on a side that is not yet
 * isolated would isolate it and deny everyone else).
 */
import { podProcesses } from './containers';
import { describeSelector, compileSelector, identifyingLabels } from './labels';
import type { Labels } from './labels';
import { describeDenial, evaluateConnection } from './networkpolicy';
import type { DirectionVerdict } from './networkpolicy';
import type { Cluster, Protocol, SimPod } from './types';

export interface AllowProposal {
  /** Whether the connection is allowed now. */
  readonly allowed: boolean;
  /** The port checked, which sides deny and what the proposal adds, in words. */
  readonly text: string;
  /**
   * The NetworkPolicy that would allow it, or null when none is needed (or none can be written).
   * Two documents joined by `---\n` when both the source's egress and the destination's ingress
   * deny: one policy cannot select both pods.
   */
  readonly yaml: string | null;
}

/** The port to check: `null` port means the destination declares and listens on nothing. */
interface TargetPort {
  readonly port: number | null;
  readonly protocol: Protocol;
  /** Which port was checked and why, as a sentence. */
  readonly why: string;
}

/**
 * The destination's first declared containerPort; else the first port its processes listen on
 * (an nginx image listens on 80 without declaring it); else TCP/80 is checked and the proposal
 * has no `ports`, allowing every port, which the text says.
 */
function targetPort(pod: SimPod): TargetPort {
  const declared = pod.containers.flatMap((c) => c.ports)[0];
  if (declared)
    return {
      port: declared.containerPort,
      protocol: declared.protocol,
      why: `${declared.protocol}/${String(declared.containerPort)} is the first containerPort ${pod.key} declares.`,
    };
  const listener = pod.ip === null ? undefined : podProcesses(pod).listeners[0];
  if (listener)
    return {
      port: listener.port,
      protocol: listener.protocol,
      why: `${listener.protocol}/${String(listener.port)} is the first port ${pod.key} listens on (it declares no containerPort).`,
    };
  return {
    port: null,
    protocol: 'TCP',
    why: `${pod.key} declares no containerPort and listens on none, so TCP/80 is checked and a proposal would allow every port.`,
  };
}

const portText = (t: TargetPort): string => `${t.protocol}/${String(t.port ?? 80)}`;

/** A YAML scalar: plain when it cannot be read as anything but that string. */
function scalar(s: string): string {
  const plain =
    /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(s) && !/^(true|false|yes|no|on|off|y|n|null)$/i.test(s);
  return plain ? s : JSON.stringify(s);
}

function matchLabels(labels: Labels, indent: string): string[] {
  return [
    `${indent}matchLabels:`,
    ...Object.entries(labels).map(([k, v]) => `${indent}  ${scalar(k)}: ${scalar(v)}`),
  ];
}

/** How a policy names one end: by labels, or by address for a pod on the host network. */
type PeerSpec =
  | { readonly kind: 'pod'; readonly labels: Labels; readonly namespace: string | null }
  | { readonly kind: 'ip'; readonly cidr: string };

interface PolicySpec {
  readonly name: string;
  readonly namespace: string;
  readonly direction: 'Ingress' | 'Egress';
  readonly select: Labels;
  readonly peer: PeerSpec;
  readonly target: TargetPort;
}

function peerLines(peer: PeerSpec): string[] {
  if (peer.kind === 'ip') return ['    - ipBlock:', `        cidr: ${peer.cidr}`];
  const ns =
    peer.namespace === null
      ? []
      : [
          'namespaceSelector:',
          `  matchLabels:`,
          `    kubernetes.io/metadata.name: ${scalar(peer.namespace)}`,
        ];
  const lines = [...ns, 'podSelector:', ...matchLabels(peer.labels, '  ')];
  return lines.map((l, i) => (i === 0 ? `    - ${l}` : `      ${l}`));
}

/** One NetworkPolicy as a user writes it (kubectl's list style). */
function policyYaml(p: PolicySpec): string {
  const rules = p.direction === 'Ingress' ? 'ingress' : 'egress';
  const ports =
    p.target.port === null
      ? []
      : [
          '    ports:',
          `    - protocol: ${p.target.protocol}`,
          `      port: ${String(p.target.port)}`,
        ];
  return [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `  name: ${p.name}`,
    `  namespace: ${scalar(p.namespace)}`,
    'spec:',
    '  podSelector:',
    ...matchLabels(p.select, '    '),
    '  policyTypes:',
    `  - ${p.direction}`,
    `  ${rules}:`,
    `  - ${p.direction === 'Ingress' ? 'from' : 'to'}:`,
    ...peerLines(p.peer),
    ...ports,
    '',
  ].join('\n');
}

/** A DNS-1123 label: lower case alphanumerics and `-`, at most 63 characters. */
function dnsLabel(s: string, max = 63): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
}

/**
 * `base` + `tail`, or with `-2`, `-3`, … after it: the first name not taken in the namespace.
 * The base is cut short, never the tail or the counter.
 */
function uniqueName(base: string, tail: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const end = `${tail}${n === 1 ? '' : `-${String(n)}`}`;
    const name = `${dnsLabel(base, 63 - end.length)}${end}`;
    if (!taken.has(name)) return name;
  }
}

/** What a pod is called in a policy name: its controller (a Deployment), else itself. */
const baseName = (pod: SimPod): string => pod.owners[0]?.name ?? pod.name;

function describeSide(v: DirectionVerdict, who: string, dir: 'ingress' | 'egress'): string {
  if (!v.isolated) return v.reason ?? `${who}'s ${dir} is not isolated`;
  const rules = v.allowedBy.map((r) => `${r.policy} ${dir} rule ${String(r.rule)}`);
  return `${who}'s ${dir} is allowed by ${rules.join(', ')}`;
}

/** The peer that names `pod` from a policy in `policyNs`, or a reason it cannot be named. */
function peerFor(pod: SimPod, policyNs: string): PeerSpec | string {
  if (pod.hostNetwork) {
    // Selectors never match host traffic: it carries the node's address.
    return pod.ip === null
      ? `${pod.key} runs on the host network and has no address yet`
      : { kind: 'ip', cidr: `${pod.ip}/32` };
  }
  const labels = identifyingLabels(pod.labels);
  if (Object.keys(labels).length === 0) return noLabels(pod);
  return { kind: 'pod', labels, namespace: pod.namespace === policyNs ? null : pod.namespace };
}

function noLabels(pod: SimPod): string {
  return `${pod.key} has no labels a NetworkPolicy could select it by; add one (for example app: ${baseName(pod)}) and ask again`;
}

/**
 * Whether pod `from` (`ns/name`) may connect to pod `to` on `to`'s first declared containerPort
 * (else its first listening port, else TCP/80), and if not, the NetworkPolicy YAML that fixes each
 * side that denies: an Ingress policy in `to`'s namespace selecting `to` by its identifying labels
 * (controller-generated ones left out) that admits `from` (by labels, plus a namespaceSelector on
 * `kubernetes.io/metadata.name` across namespaces; by /32 ipBlock for a hostNetwork pod), and an
 * Egress policy in `from`'s namespace when `from`'s egress denies too. Names are
 * `allow-<from>-to-<to>` after the pods' controllers (`-egress` on the second policy), DNS-1123,
 * at most 63 characters, made unique in the namespace with `-2`, `-3`. Under a CNI that enforces
 * no policy (flannel) everything is allowed and the text says so.
 */
export function proposeAllowPolicy(cluster: Cluster, from: string, to: string): AllowProposal {
  const src = cluster.podByKey.get(from);
  const dst = cluster.podByKey.get(to);
  if (!src || !dst)
    return { allowed: false, text: `pod ${!src ? from : to} not found`, yaml: null };
  const target = targetPort(dst);
  const conn = `${from} → ${to} on ${portText(target)}`;
  const checked = target.why;
  if (!cluster.settings.enforcesPolicy)
    return {
      allowed: true,
      text: `${conn} is allowed: the ${cluster.settings.cniPlugin} CNI enforces no NetworkPolicy, so every pod reaches every pod whatever the policies say. ${checked}`,
      yaml: null,
    };
  const v = evaluateConnection(cluster, src, dst, target.port ?? 80, target.protocol);
  if (v.allowed) {
    const why =
      v.note ??
      `${describeSide(v.egress, from, 'egress')}, and ${describeSide(v.ingress, to, 'ingress')}`;
    return { allowed: true, text: `${conn} is already allowed: ${why}. ${checked}`, yaml: null };
  }
  const denies = (d: DirectionVerdict) => d.isolated && d.allowedBy.length === 0;
  const taken = (ns: string) =>
    new Set(cluster.policies.filter((p) => p.namespace === ns).map((p) => p.name));
  const base = `allow-${baseName(src)}-to-${baseName(dst)}`;
  const specs: PolicySpec[] = [];
  const problems: string[] = [];
  if (denies(v.ingress)) {
    const select = identifyingLabels(dst.labels);
    const peer = peerFor(src, dst.namespace);
    if (Object.keys(select).length === 0) problems.push(noLabels(dst));
    else if (typeof peer === 'string') problems.push(peer);
    else {
      const name = uniqueName(base, '', taken(dst.namespace));
      specs.push({ name, namespace: dst.namespace, direction: 'Ingress', select, peer, target });
    }
  }
  if (denies(v.egress)) {
    const select = identifyingLabels(src.labels);
    const peer = peerFor(dst, src.namespace);
    if (Object.keys(select).length === 0) problems.push(noLabels(src));
    else if (typeof peer === 'string') problems.push(peer);
    else {
      const names = taken(src.namespace);
      for (const s of specs) if (s.namespace === src.namespace) names.add(s.name);
      const name = uniqueName(base, specs.length > 0 ? '-egress' : '', names);
      specs.push({ name, namespace: src.namespace, direction: 'Egress', select, peer, target });
    }
  }
  const denied = `${conn} is denied: ${describeDenial(v, from, to)}.`;
  if (problems.length > 0)
    return { allowed: false, text: `${denied} ${problems.join('; ')}. ${checked}`, yaml: null };
  const adds = specs.map((s) => {
    const [subject, other] = s.direction === 'Ingress' ? [to, from] : [from, to];
    const verb = s.direction === 'Ingress' ? `admits ${other}` : `lets it reach ${other}`;
    const ports = s.target.port === null ? 'on every port' : `on ${portText(s.target)}`;
    return `${s.namespace}/${s.name}, an ${s.direction} policy selecting ${subject} (${describeSelector(compileSelector({ matchLabels: { ...s.select } }))}) that ${verb} ${ports}`;
  });
  return {
    allowed: false,
    text: `${denied} The proposal adds ${adds.join(', and ')}. ${checked}`,
    yaml: specs.map(policyYaml).join('---\n'),
  };
}
