import { describe, expect, it } from 'vitest';
import { placement, scenarioOf } from './testing/scenario';

const pod = (name: string, extra = '') => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers: [{name: c, image: nginx}]
${extra}
`;

describe('default cluster', () => {
  const s = scenarioOf(pod('a'));
  it('has a kind-like control plane and two workers with /24 pod ranges', () => {
    expect(
      s.cluster.nodes.map(
        (n) => `${n.name} ${n.ip} ${n.podCIDR} ${n.taints.map((t) => t.key).join()}`,
      ),
    ).toEqual([
      'control-plane 172.18.0.2 10.244.0.0/24 node-role.kubernetes.io/control-plane',
      'worker-1 172.18.0.3 10.244.1.0/24 ',
      'worker-2 172.18.0.4 10.244.2.0/24 ',
    ]);
  });
  it('runs two CoreDNS pods on the control plane', () => {
    const dns = s.cluster.pods.filter((p) => p.isSystem);
    expect(
      dns.map(
        (p) => `${p.namespace} ${p.labels['k8s-app'] ?? ''} ${p.nodeName ?? ''} ${p.ip ?? ''}`,
      ),
    ).toEqual([
      'kube-system kube-dns control-plane 10.244.0.2',
      'kube-system kube-dns control-plane 10.244.0.3',
    ]);
    expect(dns[0]?.name).toMatch(
      /^coredns-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/,
    );
  });
  it('labels every namespace with kubernetes.io/metadata.name', () => {
    expect(
      s.cluster.namespaces.map((n) => `${n.name}=${n.labels['kubernetes.io/metadata.name'] ?? ''}`),
    ).toEqual([
      'default=default',
      'kube-system=kube-system',
      'kube-public=kube-public',
      'kube-node-lease=kube-node-lease',
    ]);
  });
  it('schedules a plain pod on a worker, never on the tainted control plane', () => {
    expect(placement(s)).toEqual(['default/a worker-1 10.244.1.2']);
  });
});

describe('controllers', () => {
  it('expands a Deployment into a ReplicaSet-named set of pods with pod-template-hash', () => {
    const s = scenarioOf(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx}]}
`);
    const pods = s.cluster.pods.filter((p) => !p.isSystem);
    expect(pods).toHaveLength(3);
    const hash = pods[0]!.labels['pod-template-hash']!;
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
    for (const p of pods) {
      expect(p.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.owners).toEqual([
        { kind: 'Deployment', name: 'web' },
        { kind: 'ReplicaSet', name: `web-${hash}` },
      ]);
    }
    // Spread across the two workers: 2 + 1.
    expect(pods.map((p) => p.nodeName)).toEqual(['worker-1', 'worker-2', 'worker-1']);
    expect(pods.map((p) => p.ip)).toEqual(['10.244.1.2', '10.244.2.2', '10.244.1.3']);
  });

  it('gives the same names and IPs for the same input, and new ones for a changed template', () => {
    const yaml = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: ${image}}]}
`;
    expect(placement(scenarioOf(yaml('nginx')))).toEqual(placement(scenarioOf(yaml('nginx'))));
    expect(placement(scenarioOf(yaml('nginx')))[0]).not.toEqual(
      placement(scenarioOf(yaml('httpd')))[0],
    );
  });

  it('names StatefulSet pods by ordinal and DaemonSet pods once per schedulable node', () => {
    const s = scenarioOf(`apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec:
  replicas: 2
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg, image: postgres}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: a, image: busybox}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  template:
    spec: {restartPolicy: Never, containers: [{name: j, image: busybox}]}
`);
    const names = s.cluster.pods
      .filter((p) => !p.isSystem)
      .map((p) => `${p.key} ${p.nodeName ?? ''}`);
    expect(names.slice(0, 2)).toEqual(['data/db-0 worker-1', 'data/db-1 worker-2']);
    expect(names.slice(2, 4).map((n) => n.replace(/-[a-z0-9]{5} /, '-* '))).toEqual([
      'default/agent-* worker-1',
      'default/agent-* worker-2',
    ]);
    expect(names[4]).toMatch(/^default\/once-[a-z0-9]{5} worker-/);
    const db0 = s.cluster.podByKey.get('data/db-0');
    expect(db0?.labels['statefulset.kubernetes.io/pod-name']).toBe('db-0');
  });

  it('runs a DaemonSet that tolerates the control-plane taint on all three nodes', () => {
    const s = scenarioOf(`apiVersion: apps/v1
kind: DaemonSet
metadata: {name: proxy, namespace: kube-system}
spec:
  selector: {matchLabels: {app: proxy}}
  template:
    metadata: {labels: {app: proxy}}
    spec:
      hostNetwork: true
      tolerations: [{operator: Exists}]
      containers: [{name: p, image: kube-proxy}]
`);
    expect(
      s.cluster.pods
        .filter((p) => !p.isSystem)
        .map((p) => `${p.nodeName ?? ''} ${p.ip ?? ''} ${String(p.hostNetwork)}`),
    ).toEqual([
      'control-plane 172.18.0.2 true',
      'worker-1 172.18.0.3 true',
      'worker-2 172.18.0.4 true',
    ]);
  });
});

describe('scheduler', () => {
  it('honours nodeName, nodeSelector and required node affinity', () => {
    const s = scenarioOf(
      pod('pinned', '  nodeName: worker-2') +
        pod('sel', '  nodeSelector: {kubernetes.io/hostname: worker-2}') +
        pod(
          'aff',
          `  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions: [{key: kubernetes.io/hostname, operator: NotIn, values: [worker-1]}]`,
        ),
    );
    expect(placement(s)).toEqual([
      'default/pinned worker-2 10.244.2.2',
      'default/sel worker-2 10.244.2.3',
      'default/aff worker-2 10.244.2.4',
    ]);
  });

  it('places a pod on the control plane only if it tolerates the taint', () => {
    const s = scenarioOf(
      pod(
        'cp',
        `  nodeSelector: {node-role.kubernetes.io/control-plane: ""}
  tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]`,
      ) + pod('nocp', '  nodeSelector: {node-role.kubernetes.io/control-plane: ""}'),
    );
    expect(placement(s)).toEqual(['default/cp control-plane 10.244.0.4', 'default/nocp - -']);
    const pending = s.cluster.podByKey.get('default/nocp');
    expect(pending?.phase).toBe('Pending');
    expect(pending?.pendingReason).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taints, 2 node(s) didn't match Pod's node affinity/selector",
    );
    expect(s.diagnostics.find((d) => d.code === 'unschedulable')?.line).toBe(14);
  });

  it('keeps status.podIP and gives hostNetwork pods their node IP', () => {
    const s = scenarioOf(
      pod('fixed', '  nodeName: worker-1\nstatus: {podIP: 10.244.1.2}') +
        pod('next', '  nodeName: worker-1') +
        pod('host', '  nodeName: worker-2\n  hostNetwork: true'),
    );
    expect(placement(s)).toEqual([
      'default/fixed worker-1 10.244.1.2',
      'default/next worker-1 10.244.1.3',
      'default/host worker-2 172.18.0.4',
    ]);
  });

  it('uses declared Node objects with their addresses, pod ranges and taints', () => {
    const s = scenarioOf(`apiVersion: v1
kind: Node
metadata: {name: n1, labels: {disk: ssd}}
spec: {podCIDR: 10.244.7.0/24}
status: {addresses: [{type: InternalIP, address: 192.168.1.10}]}
---
apiVersion: v1
kind: Node
metadata: {name: n2}
spec: {unschedulable: true}
${pod('a', '  nodeSelector: {disk: ssd}')}`);
    expect(s.cluster.nodes.map((n) => `${n.name} ${n.ip} ${n.podCIDR}`)).toEqual([
      'n1 192.168.1.10 10.244.7.0/24',
      'n2 172.18.0.2 10.244.1.0/24',
    ]);
    // No control plane here: CoreDNS lands on n1 first (n2 is cordoned) and takes .2 and .3.
    expect(placement(s)).toEqual(['default/a n1 10.244.7.4']);
  });
});
