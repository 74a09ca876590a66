/**
 * Scenario tests built on the five tutorials our users learn from (`../shared/tutorials`): their
 * manifests (see testing/tutorials.ts) and kubectl sessions as probes. Where a tutorial is wrong
 * about what happens, the test asserts what a real cluster does, and says why.
 */
import { describe, expect, it } from 'vitest';
import { containerLogs, readFile } from '../containers';
import type { Hop } from '../hops';
import { lines, placement, scenarioOf } from '../testing/scenario';
import {
  kubectlExposePod,
  kubectlRun,
  TUTORIAL_000_POD,
  TUTORIAL_000_VERBATIM,
  TUTORIAL_001_DENY_ALL,
  TUTORIAL_001_INGRESS,
  TUTORIAL_001_POD,
  TUTORIAL_001_SERVICE,
  TUTORIAL_002_LOCALHOST,
  TUTORIAL_002_SHARED_VOLUME,
  TUTORIAL_004_APPS,
  yamlDocs,
} from '../testing/tutorials';
import type { Cluster } from '../types';
import { probe } from './probe';

const SERVICE_CIDR_IP = /^10\.(9[6-9]|10\d|11[01])\.\d{1,3}\.\d{1,3}$/;

/** Everything a hop says about where it is, for "never mentions node X" checks. */
function mentions(h: Hop): string {
  return `${h.at} ${h.node ?? ''} ${h.device} ${h.text}`;
}

/** Hops of the connection itself, without the DNS lookup's own traffic. */
function connectionHops(hops: readonly Hop[]): Hop[] {
  return hops.filter((h) => h.kind !== 'dns' && !h.text.startsWith('[DNS]'));
}

function clusterIP(c: Cluster, key: string): string {
  const ip = c.serviceByKey.get(key)?.clusterIP;
  if (ip === null || ip === undefined) throw new Error(`no ClusterIP for ${key}`);
  return ip;
}

describe('tutorial-000: a multi-container pod shares localhost', () => {
  it('the YAML as printed on the page does not parse (its indentation was lost)', () => {
    const s = scenarioOf(TUTORIAL_000_VERBATIM);
    expect(s.cluster.pods.filter((p) => !p.isSystem)).toEqual([]);
    expect(lines(s, 'error')[0]).toBe(
      'test.yaml:12:12: error: YAML syntax error: Unexpected block-seq-ind on same line with key',
    );
  });

  const s = scenarioOf(TUTORIAL_000_POD);
  const c = s.cluster;
  const pod = c.podByKey.get('default/multi-container-pod')!;

  it('applies cleanly once re-indented and runs both containers in one pod', () => {
    expect(lines(s, 'error')).toEqual([]);
    expect(placement(s)).toEqual(['default/multi-container-pod worker-1 10.244.1.2']);
    expect(pod.containers.map((x) => `${x.name} ${x.image}`)).toEqual([
      'container-1 nginx:alpine',
      'container-2 busybox',
    ]);
  });

  it("container-2's index.html is in its own filesystem, not nginx's (no shared volume)", () => {
    const path = '/usr/share/nginx/html/index.html';
    expect(readFile(pod, 'container-2', path)).toBe('Hello from Container 2\n');
    expect(readFile(pod, 'container-1', path)).toContain('<title>Welcome to nginx!</title>');
    // `kubectl logs … -c container-2`: the loop writes to a file, so the log is empty.
    expect(containerLogs(pod, 'container-2')).toBe('');
  });

  it('curl http://localhost from container-2 gets the stock nginx page, not the sidecar text', () => {
    const r = probe(c, { from: 'default/multi-container-pod:container-2', to: 'http://localhost' });
    expect(r.verdict).toBe('delivered');
    expect(r.from).toEqual({ name: 'default/multi-container-pod', ip: '10.244.1.2' });
    expect(r.backend).toEqual({ pod: 'default/multi-container-pod', ip: '127.0.0.1' });
    expect(r.seenSource).toBe('127.0.0.1');
    expect(r.resolved).toBeNull();
    expect(r.response?.status).toBe(200);
    expect(r.response?.body).toContain('Welcome to nginx!');
    expect(r.response?.body).not.toContain('Hello from Container 2');
    expect(r.explanation).toContain('no shared volume');
    expect(r.hops.map((h) => `${h.kind} ${h.at} ${h.device}`)).toEqual([
      'interface pod:default/multi-container-pod lo',
      'deliver pod:default/multi-container-pod nginx',
    ]);
  });

  it('the same page on plain `localhost` (port 80 by default)', () => {
    const r = probe(c, { from: 'default/multi-container-pod:container-2', to: 'localhost' });
    expect(r.verdict).toBe('delivered');
    expect(r.port).toBe(80);
    expect(r.response?.body).toContain('Welcome to nginx!');
  });
});

describe('tutorial-001: ubuntu + httpd, a Service, an Ingress and deny-all', () => {
  const c = scenarioOf(yamlDocs(TUTORIAL_001_POD, TUTORIAL_001_SERVICE)).cluster;

  it('`curl localhost:80` from c00 reaches httpd in c01: "It works!"', () => {
    const r = probe(c, { from: 'default/testpod:c00', to: 'http://localhost:80' });
    expect(r.verdict).toBe('delivered');
    expect(r.backend).toEqual({ pod: 'default/testpod', ip: '127.0.0.1' });
    expect(r.response).toEqual({
      status: 200,
      body: '<html><body><h1>It works!</h1></body></html>\n',
    });
    expect(r.explanation).toContain('httpd in container c01');
    expect(r.hops.at(-1)?.device).toBe('httpd');
  });

  it('`kubectl logs testpod -c c00` shows the echo loop', () => {
    expect(containerLogs(c.podByKey.get('default/testpod')!, 'c00')).toBe('Hello-Bhupinder\n');
  });

  it('demoservice selects `name: deployment`, which no pod has: no endpoints', () => {
    const s = scenarioOf(yamlDocs(TUTORIAL_001_POD, TUTORIAL_001_SERVICE));
    expect(lines(s, 'warning')).toEqual([
      'test.yaml:24:5: warning: spec.selector: Service selects no pods in namespace default (selector name=deployment); it will have no endpoints — check the labels of your pods (kubectl get pods -n default -l name=deployment)',
    ]);
    expect(c.endpoints.get('default/demoservice')?.ports[0]?.serving).toEqual([]);
  });

  it('`curl <ClusterIP>:80` is rejected by kube-proxy (no endpoints), not answered', () => {
    const ip = clusterIP(c, 'default/demoservice');
    expect(ip).toMatch(SERVICE_CIDR_IP);
    const r = probe(c, { from: 'default/testpod:c00', to: ip, port: 80 });
    expect(r.verdict).toBe('no-endpoints');
    expect(r.backend).toBeNull();
    expect(r.response).toBeNull();
    expect(r.hops.at(-1)).toMatchObject({ kind: 'drop', at: 'service:default/demoservice' });
  });

  it('by name, demoservice resolves to its ClusterIP and still has no endpoints', () => {
    const r = probe(c, { from: 'default/testpod:c00', to: 'demoservice' });
    expect(r.verdict).toBe('no-endpoints');
    expect(r.resolved).toEqual({
      name: 'demoservice.default.svc.cluster.local',
      ip: clusterIP(c, 'default/demoservice'),
      cname: null,
    });
  });

  it('its Ingress uses fields networking.k8s.io/v1 removed: validation rejects it', () => {
    const s = scenarioOf(TUTORIAL_001_INGRESS);
    expect(lines(s, 'error')).toEqual([
      'test.yaml:14:9: error: spec.rules[0].http.paths[0].pathType: missing required field "pathType" in HTTPIngressPath',
      'test.yaml:16:11: error: spec.rules[0].http.paths[0].backend.serviceName: serviceName and servicePort were removed in networking.k8s.io/v1; write the backend as service: {name: service-test, port: {number: 80}}',
    ]);
    expect(lines(s, 'warning')).toEqual([
      'test.yaml:6:5: warning: metadata.annotations["kubernetes.io/ingress.class"]: the kubernetes.io/ingress.class annotation is deprecated; use spec.ingressClassName instead',
    ]);
  });

  describe('with deny-all in default', () => {
    const denied = scenarioOf(
      yamlDocs(TUTORIAL_001_POD, TUTORIAL_001_SERVICE, TUTORIAL_001_DENY_ALL),
    ).cluster;

    it('localhost between the containers still works: policy never sees loopback', () => {
      const r = probe(denied, { from: 'default/testpod:c00', to: 'localhost', port: 80 });
      expect(r.verdict).toBe('delivered');
      expect(r.response?.body).toContain('It works!');
      expect(r.hops.some((h) => h.kind === 'policy')).toBe(false);
    });

    it('the DNS query for demoservice is blocked by the egress deny', () => {
      const r = probe(denied, { from: 'default/testpod:c00', to: 'demoservice' });
      expect(r.verdict).toBe('denied');
      expect(r.resolved).toBeNull();
      expect(r.explanation).toContain('the DNS query to 10.96.0.10:53/UDP was blocked');
      expect(r.explanation).toContain('default/deny-all');
      const deny = r.hops.find((h) => h.verdict === 'denied');
      expect(deny).toMatchObject({
        kind: 'policy',
        node: 'worker-1',
        packet: { dst: expect.stringMatching(/^10\.244\.0\.[23]:53$/) as unknown, protocol: 'UDP' },
      });
      expect(r.hops.at(-1)).toBe(deny);
    });
  });
});

describe('tutorial-002: shared volume versus localhost', () => {
  it('with the shared emptyDir, nginx serves what the debian container wrote', () => {
    const c = scenarioOf(TUTORIAL_002_SHARED_VOLUME).cluster;
    const pod = c.podByKey.get('default/two-containers')!;
    expect(readFile(pod, 'nginx-container', '/usr/share/nginx/html/index.html')).toBe(
      'Hello from the debian container\n',
    );
    const r = probe(c, {
      from: 'default/two-containers:debian-container',
      to: 'http://localhost/',
    });
    expect(r.verdict).toBe('delivered');
    expect(r.response).toEqual({ status: 200, body: 'Hello from the debian container\n' });
    expect(r.explanation).toContain('emptyDir volume shared-data');
  });

  const c = scenarioOf(TUTORIAL_002_LOCALHOST).cluster;

  it('without a volume, curl http://localhost from debian gets the page nginx holds', () => {
    const r = probe(c, { from: 'default/two-containers:debian-container', to: 'http://localhost' });
    expect(r.verdict).toBe('delivered');
    expect(r.backend).toEqual({ pod: 'default/two-containers', ip: '127.0.0.1' });
    expect(r.response).toEqual({ status: 200, body: 'Hello from the nginx container\n' });
  });

  it("the tutorial's `curl https://localhost` is refused: stock nginx has no TLS listener", () => {
    const r = probe(c, {
      from: 'default/two-containers:debian-container',
      to: 'https://localhost',
    });
    expect(r.verdict).toBe('refused');
    expect(r.port).toBe(443);
    expect(r.response).toBeNull();
    expect(r.explanation).toBe(
      'nothing in default/two-containers listens on localhost:443/TCP: connection refused',
    );
  });
});

describe('tutorial-003: pod-a and pod-b talk by IP, then through a Service', () => {
  describe('across nodes (where the scheduler puts them)', () => {
    const s = scenarioOf(yamlDocs(kubectlRun('pod-a', 'nginx'), kubectlRun('pod-b', 'nginx')));
    const c = s.cluster;

    it('`kubectl get pods -o wide`: one pod per worker', () => {
      expect(placement(s)).toEqual([
        'default/pod-a worker-1 10.244.1.2',
        'default/pod-b worker-2 10.244.2.2',
      ]);
    });

    it('`kubectl exec pod-a -- curl http://<pod-b-ip>`: no NAT, VXLAN between the nodes', () => {
      const r = probe(c, { from: 'default/pod-a', to: 'http://10.244.2.2' });
      expect(r.verdict).toBe('delivered');
      expect(r.backend).toEqual({ pod: 'default/pod-b', ip: '10.244.2.2' });
      expect(r.seenSource).toBe('10.244.1.2');
      expect(r.response?.body).toContain('Welcome to nginx!');
      expect(r.hops.filter((h) => h.kind === 'nat')).toEqual([]);
      // The inner packet keeps both pod IPs from start to end.
      for (const h of r.hops) expect(h.packet.src).toMatch(/^10\.244\.1\.2:\d+$/);
      for (const h of r.hops) expect(h.packet.dst).toBe('10.244.2.2:80');
      expect(r.hops.find((h) => h.kind === 'encap')).toMatchObject({
        at: 'node:worker-1',
        device: 'flannel.1',
        outer: { src: '172.18.0.3:8472', dst: '172.18.0.4:8472', protocol: 'UDP' },
      });
      expect(r.hops.find((h) => h.kind === 'decap')).toMatchObject({
        at: 'node:worker-2',
        device: 'flannel.1',
      });
      expect(r.hops.at(-1)).toMatchObject({ kind: 'deliver', at: 'pod:default/pod-b' });
    });
  });

  describe('on one node', () => {
    const c = scenarioOf(
      yamlDocs(kubectlRun('pod-a', 'nginx', 'worker-1'), kubectlRun('pod-b', 'nginx', 'worker-1')),
    ).cluster;

    it('the same-node path goes over cni0 and never mentions another node', () => {
      const r = probe(c, { from: 'default/pod-a', to: 'http://10.244.1.3' });
      expect(r.verdict).toBe('delivered');
      expect(r.backend).toEqual({ pod: 'default/pod-b', ip: '10.244.1.3' });
      expect(r.seenSource).toBe('10.244.1.2');
      expect(r.hops.some((h) => h.kind === 'bridge' && h.device === 'cni0')).toBe(true);
      expect(r.hops.some((h) => h.kind === 'encap' || h.kind === 'wire')).toBe(false);
      for (const h of r.hops) {
        expect(mentions(h)).not.toMatch(/worker-2|control-plane|flannel\.1|172\.18\./);
        expect(h.node).toBe('worker-1');
      }
    });
  });

  describe('`kubectl expose pod pod-b --port=80 --target-port=80 --name=pod-b-service`', () => {
    const c = scenarioOf(
      yamlDocs(
        kubectlRun('pod-a', 'nginx'),
        kubectlRun('pod-b', 'nginx'),
        kubectlExposePod('pod-b', { name: 'pod-b-service', port: 80, targetPort: 80 }),
      ),
    ).cluster;
    const vip = clusterIP(c, 'default/pod-b-service');

    it('selects pod-b by its `run` label', () => {
      expect(vip).toMatch(SERVICE_CIDR_IP);
      expect(
        c.endpoints
          .get('default/pod-b-service')
          ?.ports[0]?.serving.map(
            (e) => `${e.endpoint.pod ?? ''} ${e.endpoint.ip}:${String(e.port)}`,
          ),
      ).toEqual(['default/pod-b 10.244.2.2:80']);
    });

    it('`curl http://pod-b-service`: search list, cluster DNS, ClusterIP DNAT to pod-b', () => {
      const r = probe(c, { from: 'default/pod-a', to: 'http://pod-b-service' });
      expect(r.verdict).toBe('delivered');
      expect(r.resolved).toEqual({
        name: 'pod-b-service.default.svc.cluster.local',
        ip: vip,
        cname: null,
      });
      const dns = r.hops.find((h) => h.kind === 'dns');
      expect(dns?.text).toBe(
        'asks 10.96.0.10 (UDP 53) for pod-b-service, as resolv.conf says (search list, ndots:5)',
      );
      expect(r.hops.find((h) => h.device === 'CoreDNS')?.text).toBe(
        'queries in order: pod-b-service.default.svc.cluster.local (NOERROR)',
      );
      expect(dns?.packet).toMatchObject({ dst: '10.96.0.10:53', protocol: 'UDP' });
      const nat = connectionHops(r.hops).find((h) => h.kind === 'nat');
      expect(nat?.at).toBe('service:default/pod-b-service');
      expect(nat?.device).toContain('KUBE-SVC-');
      expect(nat?.packet).toMatchObject({ dst: '10.244.2.2:80' });
      expect(r.backend).toEqual({ pod: 'default/pod-b', ip: '10.244.2.2' });
      expect(r.backends).toEqual([{ pod: 'default/pod-b', ip: '10.244.2.2' }]);
      expect(r.seenSource).toBe('10.244.1.2');
      expect(r.response?.status).toBe(200);
      expect(r.response?.body).toContain('Welcome to nginx!');
    });
  });
});

describe('tutorial-004: Service types, DNS, Ingress and nodes', () => {
  const s = scenarioOf(TUTORIAL_004_APPS);
  const c = s.cluster;

  it('builds without findings; pods spread over the workers', () => {
    expect(lines(s)).toEqual([]);
    expect(placement(s).map((l) => l.replace(/-[a-z0-9]{10}-[a-z0-9]{5} /, '-… '))).toEqual([
      'default/web-… worker-1 10.244.1.2',
      'default/web-… worker-2 10.244.2.2',
      'default/api-… worker-1 10.244.1.3',
      'default/api-… worker-2 10.244.2.3',
      'default/client worker-1 10.244.1.4',
      'default/node-agent worker-2 172.18.0.4',
    ]);
  });

  it('my-service.default.svc.cluster.local resolves to the ClusterIP and reaches a web pod', () => {
    const r = probe(c, {
      from: 'default/client',
      to: 'http://my-service.default.svc.cluster.local',
    });
    expect(r.verdict).toBe('delivered');
    expect(r.resolved).toEqual({
      name: 'my-service.default.svc.cluster.local',
      ip: clusterIP(c, 'default/my-service'),
      cname: null,
    });
    expect(r.backend?.pod).toMatch(/^default\/web-/);
    expect(r.backends.map((b) => b.ip).sort()).toEqual(['10.244.1.2', '10.244.2.2']);
    expect(r.seenSource).toBe('10.244.1.4');
    expect(r.response?.body).toContain('Welcome to nginx!');
  });

  it('ClusterIP: not reachable from outside the cluster', () => {
    const r = probe(c, { from: 'external', to: 'service:default/my-service' });
    expect(r.verdict).toBe('unreachable');
    expect(r.explanation).toContain('make it a NodePort or LoadBalancer Service');
  });

  it('NodePort: from outside only on a node IP, where the source is SNATed (etp Cluster)', () => {
    const viaService = probe(c, { from: 'external', to: 'service:default/web-nodeport' });
    expect(viaService.verdict).toBe('unreachable');
    expect(viaService.explanation).toContain('node:worker-1 on its nodePort 30080');

    const r = probe(c, { from: 'external', to: 'node:worker-2', port: 30080 });
    expect(r.verdict).toBe('delivered');
    expect(r.from).toEqual({ name: 'external', ip: '203.0.113.10' });
    expect(r.backend?.pod).toMatch(/^default\/web-/);
    expect(r.seenSource).toBe('172.18.0.4');
    expect(r.hops.find((h) => h.kind === 'wire')?.packet).toEqual({
      src: expect.stringMatching(/^203\.0\.113\.10:/) as unknown,
      dst: '172.18.0.4:30080',
      protocol: 'TCP',
    });
    expect(r.response?.body).toContain('Welcome to nginx!');
  });

  it('LoadBalancer: the MetalLB-style address after the ingress controller takes .200', () => {
    expect(c.serviceByKey.get('ingress-nginx/ingress-nginx-controller')?.loadBalancerIP).toBe(
      '172.18.255.200',
    );
    expect(c.serviceByKey.get('default/web-lb')?.loadBalancerIP).toBe('172.18.255.201');
    const r = probe(c, { from: 'external', to: 'service:default/web-lb' });
    expect(r.verdict).toBe('delivered');
    expect(r.hops.find((h) => h.kind === 'wire')?.packet.dst).toBe('172.18.255.201:80');
    expect(r.backend?.pod).toMatch(/^default\/web-/);
    expect(r.response?.body).toContain('Welcome to nginx!');
  });

  it('ExternalName: a CNAME to the outside name, no proxying, masqueraded to the node IP', () => {
    const r = probe(c, { from: 'default/client', to: 'http://search' });
    expect(r.verdict).toBe('delivered');
    expect(r.resolved).toMatchObject({
      name: 'search.default.svc.cluster.local',
      cname: 'www.example.com',
    });
    expect(r.backends).toEqual([]);
    expect(r.backend?.pod).toBeNull();
    expect(r.backend?.ip).toBe(r.resolved?.ip);
    expect(r.seenSource).toBe('172.18.0.3');
    expect(connectionHops(r.hops).some((h) => h.device.includes('KUBE-SVC-'))).toBe(false);
  });

  it('Ingress routes /api to the api Service; the backend sees the controller pod', () => {
    const r = probe(c, { from: 'external', to: 'http://app.example.com/api' });
    expect(r.verdict).toBe('delivered');
    expect(r.resolved).toEqual({ name: 'app.example.com', ip: '172.18.255.200', cname: null });
    expect(r.backend?.pod).toMatch(/^default\/api-/);
    expect(r.seenSource).toBe('10.244.0.4');
    expect(r.response).toEqual({ status: 200, body: 'hello from api\n' });
    expect(r.hops.find((h) => h.kind === 'proxy')).toMatchObject({
      at: expect.stringMatching(/^pod:ingress-nginx\/ingress-nginx-controller-/) as unknown,
      device: 'nginx (ingress controller)',
    });
  });

  it('/web reaches nginx with the path unchanged, so nginx answers 404', () => {
    const r = probe(c, { from: 'external', to: 'http://app.example.com/web' });
    expect(r.verdict).toBe('delivered');
    expect(r.backend?.pod).toMatch(/^default\/web-/);
    expect(r.response?.status).toBe(404);
    expect(r.explanation).toContain('rewrite-target');
  });

  it('a path no rule matches gets the controller default backend 404', () => {
    const r = probe(c, { from: 'external', to: 'http://app.example.com/other' });
    expect(r.verdict).toBe('delivered');
    expect(r.backend?.pod).toMatch(/^ingress-nginx\/ingress-nginx-controller-/);
    expect(r.response?.status).toBe(404);
    expect(r.response?.body).toContain('404 Not Found');
  });

  it('a node reaches pods by their IP across the overlay', () => {
    const r = probe(c, { from: 'default/node-agent', to: 'http://10.244.1.2' });
    expect(r.verdict).toBe('delivered');
    expect(r.from).toEqual({ name: 'default/node-agent', ip: '172.18.0.4' });
    expect(r.backend).toEqual({
      pod: expect.stringMatching(/^default\/web-/) as unknown,
      ip: '10.244.1.2',
    });
    expect(r.hops.find((h) => h.kind === 'encap')?.outer).toEqual({
      src: '172.18.0.4:8472',
      dst: '172.18.0.3:8472',
      protocol: 'UDP',
    });
  });

  it('a hostNetwork pod with dnsPolicy ClusterFirst uses the node resolver: no cluster names', () => {
    const r = probe(c, { from: 'default/node-agent', to: 'my-service' });
    expect(r.verdict).toBe('nxdomain');
    expect(r.resolved).toEqual({ name: 'my-service', ip: null, cname: null });
  });
});
