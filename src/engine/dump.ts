/**
 * Reading what `kubectl get -o yaml` prints. A dump of a live cluster holds both a controller and
 * the objects it made (Deployment → ReplicaSet → Pods, each naming its owner in
 * metadata.ownerReferences), and pods bound to the dumped cluster's nodes (spec.nodeName plus a
 * `status`). Applied as they are, every pod would exist twice and sit Pending on nodes the
 * playground does not have; here the owners make their objects, as the controllers would, and
 * the nodes the dumped pods ran on become the cluster's nodes.
 */
import type { Diagnostic } from '../model/diagnostics';
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import type { Manifest } from '../model/manifest';

/** The object's controlling owner (ownerReferences[].controller), else its first owner. */
function ownerOf(m: Manifest): OwnerReference | undefined {
  const meta = (m.object as { metadata?: ObjectMeta }).metadata;
  const refs = meta?.ownerReferences ?? [];
  return refs.find((r) => r.controller === true) ?? refs[0];
}

/** What a dump's ownerReferences say about the scenario. */
export interface DumpOwnership {
  /** Controllers whose objects are in the scenario already: they create nothing more. */
  readonly supplied: ReadonlySet<Manifest>;
  /** For an object made by owners in the scenario: their chain, outermost first. */
  readonly ownersOf: (m: Manifest) => readonly { kind: string; name: string }[];
}

/**
 * A dump holds each controller and what it made. The made objects are kept as they are (their
 * names, IPs and nodes are the real cluster's), and their owners create nothing more, so no pod
 * exists twice; each pod still shows the controllers that own it.
 */
export function dumpOwnership(manifests: readonly Manifest[], out: Diagnostic[]): DumpOwnership {
  const byKey = new Map(manifests.map((m) => [`${m.kind}/${m.namespace}/${m.name}`, m]));
  const presentOwner = (m: Manifest): Manifest | undefined => {
    const owner = ownerOf(m);
    return owner && byKey.get(`${owner.kind}/${m.namespace}/${owner.name}`);
  };
  const supplied = new Set<Manifest>();
  for (const m of manifests) {
    const owner = presentOwner(m);
    if (!owner || supplied.has(owner)) continue;
    supplied.add(owner);
    out.push({
      ...owner.source.positions.value('metadata.name'),
      severity: 'info',
      path: 'metadata.name',
      code: 'dumped-children',
      message: `${owner.kind} ${owner.namespace}/${owner.name}: what it made is in the scenario too (${m.kind} ${m.name}, from a kubectl dump), so the playground keeps those objects as they are instead of creating new ones`,
    });
  }
  const ownersOf = (m: Manifest) => {
    const chain: { kind: string; name: string }[] = [];
    const seen = new Set<Manifest>([m]);
    for (let owner = presentOwner(m); owner && !seen.has(owner); owner = presentOwner(owner)) {
      seen.add(owner);
      chain.unshift({ kind: owner.kind, name: owner.name });
    }
    return chain;
  };
  return { supplied, ownersOf };
}

interface DumpedStatus {
  readonly phase?: string;
  readonly hostIP?: string;
  readonly podIP?: string;
}

/** The status the API server wrote, if the object was read from a live cluster. */
function dumpedStatus(m: Manifest): DumpedStatus | undefined {
  const status = (m.object as { status?: DumpedStatus }).status;
  return status?.phase !== undefined || status?.hostIP !== undefined ? status : undefined;
}

/** A node a dumped pod ran on, with what the dump says of it. */
export interface DumpedNode {
  readonly name: string;
  /** status.hostIP of a pod on it. */
  readonly ip?: string;
  /** The /24 of a (non-hostNetwork) pod's status.podIP: the node's pod range on that cluster. */
  readonly podCIDR?: string;
  /** Named like a control-plane node (kind's `…-control-plane`, older `…-master`). */
  readonly isControlPlane: boolean;
}

/**
 * The nodes a dump's pods ran on (spec.nodeName of pods read from a live cluster), control-plane
 * nodes first, then by name. Hand-written pods pinned to a missing node are not counted: for them
 * "no such node, the pod stays Pending" is the right answer.
 */
export function dumpedNodes(manifests: readonly Manifest[]): DumpedNode[] {
  const byName = new Map<string, { ip?: string; podCIDR?: string }>();
  for (const m of manifests) {
    const status = m.kind === 'Pod' ? dumpedStatus(m) : undefined;
    const spec = (m.object as { spec?: { nodeName?: string; hostNetwork?: boolean } }).spec;
    if (!status || !spec?.nodeName) continue;
    const node = byName.get(spec.nodeName) ?? {};
    if (status.hostIP && !node.ip) node.ip = status.hostIP;
    const octets = /^(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(status.podIP ?? '');
    if (octets && spec.hostNetwork !== true && !node.podCIDR)
      node.podCIDR = `${octets[1] ?? ''}.${octets[2] ?? ''}.${octets[3] ?? ''}.0/24`;
    byName.set(spec.nodeName, node);
  }
  return [...byName.entries()]
    .map(([name, d]) => ({ name, ...d, isControlPlane: /control-plane|master/.test(name) }))
    .sort(
      (a, b) =>
        Number(b.isControlPlane) - Number(a.isControlPlane) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
}
