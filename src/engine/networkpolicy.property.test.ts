/**
 * Property tests: random clusters and NetworkPolicies, rendered to YAML so the real parser and
 * cluster build run, must give the same answer from the engine (bitset `computeMatrix` and pairwise
 * `evaluateConnection`) as from the naive reference. Plus invariants that hold whatever the
 * reference says: allow rules only add connections, document order does not matter, and the same
 * input always gives the same cluster and matrix.
 *
 * Generated objects are valid as the API server would accept them (no empty peers, endPort only
 * after a numeric port, except inside cidr, unique port names per pod).
 */
import fc from 'fast-check';
import type { NetworkPolicyPeer, NetworkPolicyPort } from 'kubernetes-types/networking/v1';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { computeMatrix } from './matrix';
import { evaluateConnection } from './networkpolicy';
import { naiveMatrix } from './reference/naivePolicy';
import { loadScenario } from './scenario';
import type { Cluster, Protocol } from './types';

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
const NS_NAMES = ['alpha', 'beta', 'gamma', 'delta'];
const POD_VOCAB = { app: ['web', 'db', 'api'], role: ['front', 'back'], tier: ['gold', 'tin'] };
const NS_VOCAB = {
  team: ['red', 'blue'],
  env: ['prod', 'dev'],
  'kubernetes.io/metadata.name': NS_NAMES,
};
const PORT_NAMES = ['http', 'web', 'dns', 'metrics'];
const PORT_NUMBERS = [53, 80, 81, 443, 8080];
const QUERY_PORTS = [53, 80, 81, 82, 443, 8080, 8081];
/** Per-node pod ranges of the default cluster (one /24 each, in node order). */
const NODE_RANGES: Readonly<Record<string, string>> = {
  'control-plane': '10.244.0',
  'worker-1': '10.244.1',
  'worker-2': '10.244.2',
};
const CIDRS = ['0.0.0.0/0', '10.244.0.0/16', '10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24'];
const MORE_CIDRS = [
  '172.18.0.0/16',
  '10.244.1.0/28',
  '10.244.2.2/32',
  '172.18.0.3/32',
  '10.244.1.2/31',
];
const EXCEPTS = [
  ...CIDRS.slice(1),
  '10.244.1.0/28',
  '10.244.1.16/28',
  '10.244.1.2/32',
  '10.244.1.3/32',
  '10.244.2.2/32',
  '10.244.2.3/32',
  '10.244.2.0/30',
  '172.18.0.3/32',
  '172.18.0.4/32',
  '172.18.0.2/31',
];

type Labels = Record<string, string>;
type Obj = Record<string, unknown>;

interface GenPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
}

interface GenPod {
  readonly name: string;
  readonly ns: number;
  readonly labels: Labels;
  readonly hostNetwork: boolean;
  readonly ports: readonly GenPort[];
  readonly nodeName?: string;
  readonly ipOffset?: number;
}

interface GenPolicy {
  readonly ns: number;
  readonly spec: Obj;
}

type CniPlugin = 'canal' | 'calico' | 'cilium' | 'flannel';

interface GenScenario {
  /** Absent: no ClusterSettings document (canal). */
  readonly cni?: CniPlugin;
  readonly namespaces: readonly Labels[];
  readonly pods: readonly GenPod[];
  readonly policies: readonly GenPolicy[];
  readonly port: number;
  readonly protocol: Protocol;
}

// ---- CIDR helpers (test-only, for generating valid except lists) -------------------------------

function cidrRange(cidr: string): [number, number] {
  const [ip, bits] = cidr.split('/');
  const base = ip!.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(base / size) * size;
  return [start, start + size - 1];
}

function strictlyInside(inner: string, outer: string): boolean {
  const [a, b] = cidrRange(inner);
  const [c, d] = cidrRange(outer);
  return a >= c && b <= d && b - a < d - c;
}

// ---- Arbitraries ------------------------------------------------------------------------------

function labelsArb(vocab: Readonly<Record<string, readonly string[]>>): fc.Arbitrary<Labels> {
  const entries = Object.entries(vocab).map(([k, vs]) => [k, fc.constantFrom(...vs)] as const);
  return fc.record(Object.fromEntries(entries), { requiredKeys: [] }) as fc.Arbitrary<Labels>;
}

function selectorArb(vocab: Readonly<Record<string, readonly string[]>>): fc.Arbitrary<Obj> {
  const keys = Object.keys(vocab);
  const requirement = fc.constantFrom(...keys).chain((key) =>
    fc.oneof(
      fc.record({
        key: fc.constant(key),
        operator: fc.constantFrom('In', 'NotIn'),
        values: fc.subarray([...vocab[key]!], { minLength: 1 }),
      }),
      fc.record({ key: fc.constant(key), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
    ),
  );
  return fc.record(
    {
      matchLabels: labelsArb(vocab),
      matchExpressions: fc.array(requirement, { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: [] },
  );
}

const ipBlockArb: fc.Arbitrary<Obj> = fc.constantFrom(...CIDRS, ...MORE_CIDRS).chain((cidr) => {
  const inside = EXCEPTS.filter((e) => strictlyInside(e, cidr));
  const except = inside.length > 0 ? fc.subarray(inside, { maxLength: 2 }) : fc.constant([]);
  return fc.record({ cidr: fc.constant(cidr), except }, { requiredKeys: ['cidr'] });
});

const peerArb: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ podSelector: selectorArb(POD_VOCAB) }) },
  { weight: 2, arbitrary: fc.record({ namespaceSelector: selectorArb(NS_VOCAB) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      podSelector: selectorArb(POD_VOCAB),
      namespaceSelector: selectorArb(NS_VOCAB),
    }),
  },
  { weight: 2, arbitrary: fc.record({ ipBlock: ipBlockArb }) },
) as fc.Arbitrary<NetworkPolicyPeer>;

const portArb: fc.Arbitrary<NetworkPolicyPort> = fc
  .record(
    {
      protocol: fc.constantFrom(...PROTOCOLS),
      port: fc.oneof(fc.constantFrom(...PORT_NUMBERS), fc.constantFrom(...PORT_NAMES)),
      span: fc.integer({ min: 0, max: 400 }),
    },
    { requiredKeys: [] },
  )
  .map(({ protocol, port, span }) => ({
    ...(protocol !== undefined ? { protocol } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(typeof port === 'number' && span !== undefined ? { endPort: port + span } : {}),
  }));

function ruleArb(peersKey: 'from' | 'to'): fc.Arbitrary<Obj> {
  return fc.record(
    {
      [peersKey]: fc.array(peerArb, { maxLength: 3 }),
      ports: fc.array(portArb, { maxLength: 3 }),
    },
    { requiredKeys: [] },
  );
}

const policySpecArb: fc.Arbitrary<Obj> = fc.record(
  {
    podSelector: fc.oneof(fc.constant({}), selectorArb(POD_VOCAB)),
    policyTypes: fc.constantFrom(
      [],
      ['Ingress'],
      ['Egress'],
      ['Ingress', 'Egress'],
      ['Egress', 'Ingress'],
    ),
    ingress: fc.array(ruleArb('from'), { maxLength: 3 }),
    egress: fc.array(ruleArb('to'), { maxLength: 3 }),
  },
  { requiredKeys: ['podSelector'] },
);

const podPortsArb: fc.Arbitrary<GenPort[]> = fc
  .uniqueArray(
    fc.record({
      containerPort: fc.constantFrom(...PORT_NUMBERS),
      protocol: fc.constantFrom(...PROTOCOLS),
    }),
    { selector: (p) => `${p.containerPort}/${p.protocol}`, maxLength: 3 },
  )
  .chain((ports) =>
    fc.tuple(
      fc.constant(ports),
      fc.array(fc.option(fc.constantFrom(...PORT_NAMES)), { minLength: 3, maxLength: 3 }),
    ),
  )
  .map(([ports, names]) =>
    // Port names are unique within a pod (the API rejects duplicates): later repeats go unnamed.
    ports.map((p, i) => {
      const name = names[i];
      return name && !names.slice(0, i).includes(name) ? { ...p, name } : p;
    }),
  );

function podArb(nsCount: number): fc.Arbitrary<Omit<GenPod, 'name'>> {
  return fc.record(
    {
      ns: fc.nat({ max: nsCount - 1 }),
      labels: labelsArb(POD_VOCAB),
      hostNetwork: fc.nat({ max: 9 }).map((n) => n === 0),
      ports: podPortsArb,
      // worker-9 does not exist: the pod stays Pending, without an IP, outside the matrix.
      nodeName: fc.constantFrom('worker-1', 'worker-2', 'control-plane', 'worker-9'),
      ipOffset: fc.integer({ min: 2, max: 40 }),
    },
    { requiredKeys: ['ns', 'labels', 'hostNetwork', 'ports'] },
  );
}

function clusterArb(minPods: number, maxPods: number): fc.Arbitrary<GenScenario> {
  return fc.integer({ min: 2, max: 4 }).chain((nsCount) =>
    fc.record({
      cni: fc.oneof(
        { weight: 6, arbitrary: fc.constant(undefined) },
        { weight: 3, arbitrary: fc.constantFrom<CniPlugin>('canal', 'calico', 'cilium') },
        { weight: 1, arbitrary: fc.constant<CniPlugin>('flannel') },
      ),
      namespaces: fc.array(labelsArb({ team: NS_VOCAB.team, env: NS_VOCAB.env }), {
        minLength: nsCount,
        maxLength: nsCount,
      }),
      pods: fc
        .array(podArb(nsCount), { minLength: minPods, maxLength: maxPods })
        .map((pods) => pods.map((p, i) => ({ ...p, name: `p${i}` }))),
      policies: fc.array(fc.record({ ns: fc.nat({ max: nsCount - 1 }), spec: policySpecArb }), {
        minLength: 1,
        maxLength: 5,
      }),
      port: fc.constantFrom(...QUERY_PORTS),
      protocol: fc.constantFrom(...PROTOCOLS),
    }),
  );
}

const scenarioArb = clusterArb(2, 12);
/** Past 32 and 64 pods, so bitset rows span several words. */
const largeScenarioArb = clusterArb(33, 80);

// ---- Rendering ----------------------------------------------------------------------------------

function podIp(p: GenPod): string | undefined {
  if (p.hostNetwork || p.nodeName === undefined || p.ipOffset === undefined) return undefined;
  // Pods pinned to a node that does not exist stay Pending: they get no address to pin.
  const range = NODE_RANGES[p.nodeName];
  return range === undefined ? undefined : `${range}.${String(p.ipOffset)}`;
}

/** One YAML document per object, in a stable order (namespaces, pods, policies). */
function renderDocs(s: GenScenario): string[] {
  const seenIps = new Set<string>();
  const namespaces = s.namespaces.map((labels, i) =>
    stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS_NAMES[i], labels } }),
  );
  const pods = s.pods.map((p) => {
    // Pinned IPs stay unique (a second pod asking for a taken address just gets one allocated).
    const ip = podIp(p);
    const pinnedIp = ip !== undefined && !seenIps.has(ip) ? ip : undefined;
    if (pinnedIp !== undefined) seenIps.add(pinnedIp);
    const containers = [0, 1]
      .map((c) => ({
        name: `c${c}`,
        image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
        ports: p.ports.filter((_, i) => i % 2 === c),
      }))
      .filter((c, i) => i === 0 || c.ports.length > 0)
      .map((c) => (c.ports.length > 0 && !p.hostNetwork ? c : { name: c.name, image: c.image }));
    return stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: p.name, namespace: NS_NAMES[p.ns], labels: p.labels },
      spec: {
        ...(p.nodeName !== undefined ? { nodeName: p.nodeName } : {}),
        ...(p.hostNetwork ? { hostNetwork: true } : {}),
        containers,
      },
      ...(pinnedIp !== undefined ? { status: { podIP: pinnedIp } } : {}),
    });
  });
  const policies = s.policies.map((p, i) =>
    stringify({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `np${i}`, namespace: NS_NAMES[p.ns] },
      spec: p.spec,
    }),
  );
  const settings =
    s.cni === undefined
      ? []
      : [
          stringify({
            apiVersion: 'k8snet.dev/v1alpha1',
            kind: 'ClusterSettings',
            metadata: { name: 'cluster' },
            spec: { cni: { plugin: s.cni } },
          }),
        ];
  return [...settings, ...namespaces, ...pods, ...policies];
}

function load(docs: readonly string[]): Cluster {
  const { cluster, diagnostics } = loadScenario([
    { file: 'random.yaml', content: docs.join('---\n') },
  ]);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new Error(`generated YAML rejected: ${JSON.stringify(errors)}\n${docs.join('---\n')}`);
  return cluster;
}

/** `from → to` of every allowed pair, over pods with an IP: comparable across builds. */
function engineAllowed(cluster: Cluster, port: number, protocol: Protocol): Set<string> {
  const m = computeMatrix(cluster, { port, protocol, includeSystem: true });
  const out = new Set<string>();
  m.pods.forEach((f, i) => {
    m.pods.forEach((t, j) => {
      if (m.isAllowed(i, j)) out.add(`${f.key} → ${t.key}`);
    });
  });
  return out;
}

function referenceAllowed(cluster: Cluster, port: number, protocol: Protocol): Set<string> {
  const pods = cluster.pods.filter((p) => p.ip !== null);
  const grid = naiveMatrix(cluster, port, protocol);
  const out = new Set<string>();
  pods.forEach((f, i) => {
    pods.forEach((t, j) => {
      if (grid[i]![j]) out.add(`${f.key} → ${t.key}`);
    });
  });
  return out;
}

function sorted(set: ReadonlySet<string>): string[] {
  return [...set].sort();
}

// ---- Properties ---------------------------------------------------------------------------------

/** Engine and reference agree on every pair, both through the matrix and pair by pair. */
function checkAgainstReference(s: GenScenario): void {
  const docs = renderDocs(s);
  const cluster = load(docs);
  const reference = referenceAllowed(cluster, s.port, s.protocol);
  const context = `${s.protocol}/${s.port}\n${docs.join('---\n')}`;
  expect(sorted(engineAllowed(cluster, s.port, s.protocol)), context).toEqual(sorted(reference));
  const pairwise = new Set<string>();
  const pods = cluster.pods.filter((p) => p.ip !== null);
  for (const f of pods) {
    for (const t of pods) {
      if (evaluateConnection(cluster, f, t, s.port, s.protocol).allowed)
        pairwise.add(`${f.key} → ${t.key}`);
    }
  }
  expect(sorted(pairwise), `evaluateConnection, ${context}`).toEqual(sorted(reference));
  // A namespace-restricted matrix (user pods only, the default) is the same table, cut down.
  const namespaces = NS_NAMES.filter((_, i) => i % 2 === s.port % 2);
  const cut = computeMatrix(cluster, { port: s.port, protocol: s.protocol, namespaces });
  const inCut = (key: string) => cut.pods.some((p) => p.key === key);
  expect(cut.pods.every((p) => !p.isSystem && namespaces.includes(p.namespace))).toBe(true);
  expect(cut.pods.map((p) => p.key)).toEqual(
    pods.filter((p) => !p.isSystem && namespaces.includes(p.namespace)).map((p) => p.key),
  );
  const cutAllowed = cut.pods.flatMap((f, i) =>
    cut.pods.filter((_, j) => cut.isAllowed(i, j)).map((t) => `${f.key} → ${t.key}`),
  );
  expect(cutAllowed.sort(), `namespaces ${namespaces.join(',')}, ${context}`).toEqual(
    sorted(reference).filter((x) => x.split(' → ').every(inCut)),
  );
}

/** NP_RUNS=5000 for a longer hunt; the default keeps the file to a few seconds. */
const RUNS = { numRuns: Number(process.env['NP_RUNS'] ?? 200) };
const FEWER_RUNS = { numRuns: Math.ceil(RUNS.numRuns / 2) };

describe('NetworkPolicy engine vs naive reference (random clusters)', () => {
  it('computeMatrix and evaluateConnection equal naiveMatrix', () => {
    fc.assert(fc.property(scenarioArb, checkAgainstReference), RUNS);
  });

  it('agrees on large clusters too (bitset rows over several words)', () => {
    fc.assert(fc.property(largeScenarioArb, checkAgainstReference), {
      numRuns: Number(process.env['NP_RUNS_LARGE'] ?? 15),
    });
  });
});

// ---- Invariants -------------------------------------------------------------------------------

interface AddAllow {
  readonly policy: number;
  readonly rule: number;
  readonly direction: 'ingress' | 'egress';
  readonly kind: 'all' | 'rule' | 'peer' | 'port';
  readonly ingressRule: Obj;
  readonly egressRule: Obj;
  readonly peer: NetworkPolicyPeer;
  readonly port: NetworkPolicyPort;
}

const addAllowArb: fc.Arbitrary<AddAllow> = fc.record({
  policy: fc.nat(),
  rule: fc.nat(),
  direction: fc.constantFrom('ingress', 'egress'),
  kind: fc.constantFrom('all', 'rule', 'peer', 'port'),
  ingressRule: ruleArb('from'),
  egressRule: ruleArb('to'),
  peer: peerArb,
  port: portArb,
});

/** The types a policy affects once the API server has defaulted them. */
function effectiveTypes(spec: Obj): string[] {
  const types = spec['policyTypes'] as string[] | undefined;
  if (types !== undefined && types.length > 0) return types;
  const egress = spec['egress'] as unknown[] | undefined;
  return egress !== undefined && egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/**
 * Add something that can only allow more: a rule (`{}` or random) to a direction the policy
 * already affects (so defaulted policyTypes do not change), or a peer or port to a rule whose
 * list is non-empty (adding to an empty list would narrow "everything" to one entry).
 */
function addAllow(s: GenScenario, m: AddAllow): GenScenario {
  const index = m.policy % s.policies.length;
  const target = s.policies[index]!;
  const types = effectiveTypes(target.spec);
  const wanted = m.direction === 'ingress' ? 'Ingress' : 'Egress';
  const dir = types.includes(wanted)
    ? m.direction
    : types.includes('Ingress')
      ? 'ingress'
      : 'egress';
  const peersKey = dir === 'ingress' ? 'from' : 'to';
  const rules = [...((target.spec[dir] as Obj[] | undefined) ?? [])];
  const chosen = rules.length > 0 ? rules[m.rule % rules.length]! : undefined;
  const chosenAt = m.rule % Math.max(1, rules.length);
  const list = (key: string) => (chosen?.[key] as unknown[] | undefined) ?? [];
  if (m.kind === 'peer' && list(peersKey).length > 0) {
    rules[chosenAt] = { ...chosen, [peersKey]: [...list(peersKey), m.peer] };
  } else if (m.kind === 'port' && list('ports').length > 0) {
    rules[chosenAt] = { ...chosen, ports: [...list('ports'), m.port] };
  } else if (m.kind === 'rule') {
    rules.push(dir === 'ingress' ? m.ingressRule : m.egressRule);
  } else {
    rules.push({});
  }
  const policies = s.policies.map((p, i) =>
    i === index ? { ...p, spec: { ...p.spec, [dir]: rules } } : p,
  );
  return { ...s, policies };
}

/** Every pod placed and (off the host network) addressed by hand, so nothing depends on order. */
function pinAll(s: GenScenario): GenScenario {
  const pods = s.pods.map((p, i) => ({
    ...p,
    nodeName: p.nodeName ?? (i % 2 === 0 ? 'worker-1' : 'worker-2'),
    ipOffset: 100 + i,
  }));
  return { ...s, pods };
}

function isSubset(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  return [...a].filter((x) => !b.has(x));
}

describe('NetworkPolicy invariants (random clusters)', () => {
  it('adding an allow rule, peer or port never removes a connection', () => {
    fc.assert(
      fc.property(scenarioArb, addAllowArb, (s, m) => {
        const before = load(renderDocs(s));
        const afterDocs = renderDocs(addAllow(s, m));
        const after = load(afterDocs);
        const context = `${s.protocol}/${s.port}\n${afterDocs.join('---\n')}`;
        const engineAfter = engineAllowed(after, s.port, s.protocol);
        const referenceAfter = referenceAllowed(after, s.port, s.protocol);
        expect(isSubset(engineAllowed(before, s.port, s.protocol), engineAfter), context).toEqual(
          [],
        );
        expect(
          isSubset(referenceAllowed(before, s.port, s.protocol), referenceAfter),
          context,
        ).toEqual([]);
        expect(sorted(engineAfter), context).toEqual(sorted(referenceAfter));
      }),
      RUNS,
    );
  });

  it('the order of YAML documents does not change the matrix', () => {
    const orderArb = fc.array(fc.nat(), { minLength: 32, maxLength: 32 });
    fc.assert(
      fc.property(scenarioArb, orderArb, (generated, order) => {
        const s = pinAll(generated);
        const docs = renderDocs(s);
        const shuffled = docs
          .map((d, i) => ({ d, k: order[i] ?? 0, i }))
          .sort((a, b) => a.k - b.k || a.i - b.i)
          .map((x) => x.d);
        const a = load(docs);
        const b = load(shuffled);
        const context = shuffled.join('---\n');
        expect(sorted(engineAllowed(b, s.port, s.protocol)), context).toEqual(
          sorted(engineAllowed(a, s.port, s.protocol)),
        );
        expect(sorted(referenceAllowed(b, s.port, s.protocol)), context).toEqual(
          sorted(referenceAllowed(a, s.port, s.protocol)),
        );
      }),
      FEWER_RUNS,
    );
  });

  it('the same input gives the same pods, IPs and matrix, whatever was asked before', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(...QUERY_PORTS), (s, otherPort) => {
        const docs = renderDocs(s);
        const first = load(docs);
        const firstAnswer = sorted(engineAllowed(first, s.port, s.protocol));
        const second = load(docs);
        engineAllowed(second, otherPort, 'UDP');
        const placement = (c: Cluster) => c.pods.map((p) => [p.key, p.nodeName, p.ip, p.phase]);
        expect(placement(second)).toEqual(placement(first));
        expect(sorted(engineAllowed(second, s.port, s.protocol))).toEqual(firstAnswer);
        expect(sorted(engineAllowed(first, s.port, s.protocol))).toEqual(firstAnswer);
      }),
      FEWER_RUNS,
    );
  });

  it('the generator reaches the interesting cases (seeded sample)', () => {
    const counts = { mixed: 0, hostNetwork: 0, pending: 0, namedPortRule: 0, ipBlockRule: 0 };
    for (const s of fc.sample(scenarioArb, { numRuns: 100, seed: 7 })) {
      const cluster = load(renderDocs(s));
      const pods = cluster.pods.filter((p) => p.ip !== null && !p.isSystem);
      const allowed = referenceAllowed(cluster, s.port, s.protocol);
      const pairs = pods.flatMap((f) =>
        pods.filter((t) => t !== f).map((t) => `${f.key} → ${t.key}`),
      );
      if (pairs.some((x) => allowed.has(x)) && pairs.some((x) => !allowed.has(x))) counts.mixed++;
      if (pods.some((p) => p.hostNetwork)) counts.hostNetwork++;
      if (cluster.pods.some((p) => p.ip === null)) counts.pending++;
      for (const f of pods) {
        for (const t of pods) {
          const v = evaluateConnection(cluster, f, t, s.port, s.protocol);
          for (const [dir, verdict] of [
            ['ingress', v.ingress],
            ['egress', v.egress],
          ] as const) {
            if (!verdict.isolated) continue;
            for (const by of verdict.allowedBy) {
              const spec = cluster.policies.find((p) => p.key === by.policy)!.spec;
              const rule = (dir === 'ingress' ? spec.ingress : spec.egress)![by.rule]!;
              const peers = 'from' in rule ? rule.from : 'to' in rule ? rule.to : undefined;
              if ((rule.ports ?? []).some((p) => typeof p.port === 'string'))
                counts.namedPortRule++;
              if ((peers ?? []).some((p) => p.ipBlock !== undefined)) counts.ipBlockRule++;
            }
          }
        }
      }
    }
    expect(counts.mixed).toBeGreaterThanOrEqual(30);
    expect(counts.hostNetwork).toBeGreaterThanOrEqual(10);
    expect(counts.pending).toBeGreaterThanOrEqual(5);
    expect(counts.namedPortRule).toBeGreaterThan(0);
    expect(counts.ipBlockRule).toBeGreaterThan(0);
  });
});
