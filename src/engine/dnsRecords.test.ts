import { describe, expect, it } from 'vitest';
import { clusterRecords, formatRecord, internetRecords } from './dnsRecords';
import type { RecordType } from './dnsRecords';
import { scenarioOf } from './testing/scenario';

const SHOP = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx, ports: [{name: http, containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  clusterIP: 10.96.100.80
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}, {name: metrics, port: 9100, protocol: UDP}]
---
apiVersion: v1
kind: Service
metadata: {name: peers, namespace: shop}
spec: {clusterIP: None, selector: {app: web}, ports: [{name: http, port: 8080, targetPort: 80}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg, image: postgres, ports: [{name: pg, containerPort: 5432}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec: {clusterIP: None, selector: {app: db}, ports: [{name: pg, port: 5432}]}
---
apiVersion: v1
kind: Service
metadata: {name: bare, namespace: shop}
spec: {clusterIP: None, selector: {app: web}}
---
apiVersion: v1
kind: Pod
metadata: {name: warming, namespace: shop, labels: {app: cache}, annotations: {k8snet.dev/ready: "false"}}
spec: {containers: [{name: c, image: redis, ports: [{containerPort: 6379}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: cache, namespace: shop}
spec: {clusterIP: None, selector: {app: cache}, ports: [{port: 6379}]}
---
apiVersion: v1
kind: Service
metadata: {name: cache-all, namespace: shop}
spec: {clusterIP: None, publishNotReadyAddresses: true, selector: {app: cache}, ports: [{port: 6379}]}
---
apiVersion: v1
kind: Service
metadata: {name: ext, namespace: shop}
spec: {type: ExternalName, externalName: api.example.com}
---
apiVersion: v1
kind: Service
metadata: {name: alias, namespace: shop}
spec: {type: ExternalName, externalName: web.shop.svc.cluster.local}
---
apiVersion: v1
kind: Service
metadata: {name: byip, namespace: shop}
spec: {type: ExternalName, externalName: 192.0.2.7}
---
apiVersion: v1
kind: Service
metadata: {name: dead, namespace: shop}
spec: {type: ExternalName, externalName: nothing.invalid}
`;

const { cluster } = scenarioOf(SHOP);

function ip(key: string): string {
  const found = cluster.podByKey.get(key)?.ip;
  if (!found) throw new Error(`no pod ${key}`);
  return found;
}
const dash = (key: string) => ip(key).replaceAll('.', '-');
const webPods = cluster.pods.filter((p) => p.labels.app === 'web').map((p) => p.key);
const [web1 = '', web2 = ''] = webPods;

/** `RCODE` then the answer section, then `+ additional` lines, as dig would print them. */
function dig(name: string, type: RecordType = 'A'): string[] {
  const a = clusterRecords(cluster, name, type);
  return [
    a.rcode,
    ...a.answer.map(formatRecord),
    ...a.additional.map((r) => `+ ${formatRecord(r)}`),
  ];
}

describe('Service A records', () => {
  it('answers a ClusterIP Service with its ClusterIP, any case, with or without the dot', () => {
    expect(dig('web.shop.svc.cluster.local')).toEqual([
      'NOERROR',
      'web.shop.svc.cluster.local. 30 IN A 10.96.100.80',
    ]);
    expect(dig('WEB.Shop.svc.cluster.local.')).toEqual(dig('web.shop.svc.cluster.local'));
    expect(dig('kubernetes.default.svc.cluster.local')).toEqual([
      'NOERROR',
      'kubernetes.default.svc.cluster.local. 30 IN A 10.96.0.1',
    ]);
    expect(dig('kube-dns.kube-system.svc.cluster.local')).toEqual([
      'NOERROR',
      'kube-dns.kube-system.svc.cluster.local. 30 IN A 10.96.0.10',
    ]);
  });

  it('answers a headless Service with its ready endpoints only', () => {
    expect(dig('peers.shop.svc.cluster.local')).toEqual([
      'NOERROR',
      `peers.shop.svc.cluster.local. 30 IN A ${ip(web1)}`,
      `peers.shop.svc.cluster.local. 30 IN A ${ip(web2)}`,
    ]);
    // The only pod is not ready: no A records, NXDOMAIN (spec 2.4.1) ...
    expect(dig('cache.shop.svc.cluster.local')).toEqual(['NXDOMAIN']);
    // ... unless the Service publishes not-ready addresses.
    expect(dig('cache-all.shop.svc.cluster.local')).toEqual([
      'NOERROR',
      `cache-all.shop.svc.cluster.local. 30 IN A ${ip('shop/warming')}`,
    ]);
  });

  it('answers a headless Service without ports (A records, no SRV)', () => {
    expect(dig('bare.shop.svc.cluster.local')).toEqual([
      'NOERROR',
      `bare.shop.svc.cluster.local. 30 IN A ${ip(web1)}`,
      `bare.shop.svc.cluster.local. 30 IN A ${ip(web2)}`,
    ]);
    expect(dig(`${dash(web2)}.bare.shop.svc.cluster.local`)).toEqual([
      'NOERROR',
      `${dash(web2)}.bare.shop.svc.cluster.local. 30 IN A ${ip(web2)}`,
    ]);
    expect(dig('bare.shop.svc.cluster.local', 'SRV')).toEqual(['NOERROR']);
  });
});

describe('endpoint records', () => {
  it('names StatefulSet pods behind their headless Service by hostname', () => {
    expect(dig('db-1.db.shop.svc.cluster.local')).toEqual([
      'NOERROR',
      `db-1.db.shop.svc.cluster.local. 30 IN A ${ip('shop/db-1')}`,
    ]);
    expect(dig('db-3.db.shop.svc.cluster.local')).toEqual(['NXDOMAIN']);
  });

  it('names other endpoints by their dashed IP, also behind a ClusterIP Service', () => {
    expect(dig(`${dash(web1)}.peers.shop.svc.cluster.local`)).toEqual([
      'NOERROR',
      `${dash(web1)}.peers.shop.svc.cluster.local. 30 IN A ${ip(web1)}`,
    ]);
    expect(dig(`${dash(web1)}.web.shop.svc.cluster.local`)).toEqual([
      'NOERROR',
      `${dash(web1)}.web.shop.svc.cluster.local. 30 IN A ${ip(web1)}`,
    ]);
  });
});

describe('SRV records', () => {
  it('points a ClusterIP Service port at the Service name, with the service port', () => {
    expect(dig('_http._tcp.web.shop.svc.cluster.local', 'SRV')).toEqual([
      'NOERROR',
      '_http._tcp.web.shop.svc.cluster.local. 30 IN SRV 0 100 80 web.shop.svc.cluster.local.',
      '+ web.shop.svc.cluster.local. 30 IN A 10.96.100.80',
    ]);
    expect(dig('_metrics._udp.web.shop.svc.cluster.local', 'SRV')[1]).toBe(
      '_metrics._udp.web.shop.svc.cluster.local. 30 IN SRV 0 100 9100 web.shop.svc.cluster.local.',
    );
    expect(dig('_metrics._tcp.web.shop.svc.cluster.local', 'SRV')).toEqual(['NXDOMAIN']);
    expect(dig('_nope._tcp.web.shop.svc.cluster.local', 'SRV')).toEqual(['NXDOMAIN']);
  });

  it('has one target per ready endpoint of a headless Service, on the endpoint port', () => {
    expect(dig('_pg._tcp.db.shop.svc.cluster.local', 'SRV')).toEqual([
      'NOERROR',
      ...['db-0', 'db-1', 'db-2'].map(
        (p) =>
          `_pg._tcp.db.shop.svc.cluster.local. 30 IN SRV 0 33 5432 ${p}.db.shop.svc.cluster.local.`,
      ),
      ...['db-0', 'db-1', 'db-2'].map(
        (p) => `+ ${p}.db.shop.svc.cluster.local. 30 IN A ${ip(`shop/${p}`)}`,
      ),
    ]);
    // Service port 8080, targetPort 80: the SRV record carries the endpoint's port.
    expect(dig('_http._tcp.peers.shop.svc.cluster.local', 'SRV').slice(1, 3)).toEqual([
      `_http._tcp.peers.shop.svc.cluster.local. 30 IN SRV 0 50 80 ${dash(web1)}.peers.shop.svc.cluster.local.`,
      `_http._tcp.peers.shop.svc.cluster.local. 30 IN SRV 0 50 80 ${dash(web2)}.peers.shop.svc.cluster.local.`,
    ]);
  });
});

describe('ExternalName', () => {
  it('is a CNAME followed through the upstream resolver', () => {
    expect(dig('ext.shop.svc.cluster.local', 'CNAME')).toEqual([
      'NOERROR',
      'ext.shop.svc.cluster.local. 30 IN CNAME api.example.com.',
    ]);
    const a = clusterRecords(cluster, 'ext.shop.svc.cluster.local', 'A');
    expect(a.answer.map(formatRecord)).toEqual([
      'ext.shop.svc.cluster.local. 30 IN CNAME api.example.com.',
      'api.example.com. 300 IN A 198.51.100.233',
    ]);
    expect(a.upstream).toBe(true);
  });

  it('resolves an in-cluster target inside the cluster', () => {
    const a = clusterRecords(cluster, 'alias.shop.svc.cluster.local', 'A');
    expect(a.answer.map(formatRecord)).toEqual([
      'alias.shop.svc.cluster.local. 30 IN CNAME web.shop.svc.cluster.local.',
      'web.shop.svc.cluster.local. 30 IN A 10.96.100.80',
    ]);
    expect(a.upstream).toBe(false);
  });

  it('keeps the CNAME when the target does not exist, and rejects an IP or a port', () => {
    expect(dig('dead.shop.svc.cluster.local')).toEqual([
      'NOERROR',
      'dead.shop.svc.cluster.local. 30 IN CNAME nothing.invalid.',
    ]);
    expect(dig('byip.shop.svc.cluster.local')).toEqual(['NXDOMAIN']);
    expect(dig('_http._tcp.ext.shop.svc.cluster.local', 'SRV')).toEqual(['NXDOMAIN']);
  });
});

describe('pod records (pods insecure)', () => {
  it('answers any dashed IP in an existing namespace', () => {
    expect(dig(`${dash(web1)}.shop.pod.cluster.local`)).toEqual([
      'NOERROR',
      `${dash(web1)}.shop.pod.cluster.local. 30 IN A ${ip(web1)}`,
    ]);
    // Not verified against pods: kube-dns' deprecated behaviour, which the spec keeps (2.6).
    expect(dig('1-2-3-4.default.pod.cluster.local')).toEqual([
      'NOERROR',
      '1-2-3-4.default.pod.cluster.local. 30 IN A 1.2.3.4',
    ]);
  });

  it('is NXDOMAIN for a missing namespace or a name that is no IP', () => {
    expect(dig('1-2-3-4.nope.pod.cluster.local')).toEqual(['NXDOMAIN']);
    expect(dig('10-244-1.shop.pod.cluster.local')).toEqual(['NXDOMAIN']);
    expect(dig('300-1-1-1.shop.pod.cluster.local')).toEqual(['NXDOMAIN']);
    expect(dig('web-0.shop.pod.cluster.local')).toEqual(['NXDOMAIN']);
  });
});

describe('NXDOMAIN and NODATA', () => {
  it('is NODATA for names that exist without addresses (zone apex, svc, namespace)', () => {
    for (const n of [
      'cluster.local',
      'svc.cluster.local',
      'shop.svc.cluster.local',
      'shop.pod.cluster.local',
    ])
      expect(dig(n), n).toEqual(['NOERROR']);
  });

  it('is NXDOMAIN for a cluster name that matches nothing', () => {
    for (const n of [
      'nope.shop.svc.cluster.local',
      'web.nope.svc.cluster.local',
      'nope.svc.cluster.local',
      'web.shop.cluster.local',
      'a.b.c.web.shop.svc.cluster.local',
      'x.y.web.shop.svc.cluster.local',
    ])
      expect(dig(n), n).toEqual(['NXDOMAIN']);
  });
});

describe('PTR records', () => {
  it('maps a ClusterIP to its Service', () => {
    expect(dig('80.100.96.10.in-addr.arpa', 'PTR')).toEqual([
      'NOERROR',
      '80.100.96.10.in-addr.arpa. 30 IN PTR web.shop.svc.cluster.local.',
    ]);
  });

  it('maps an endpoint IP to each Service it backs', () => {
    const rev = (key: string) => `${ip(key).split('.').reverse().join('.')}.in-addr.arpa`;
    expect(dig(rev('shop/db-0'), 'PTR')).toEqual([
      'NOERROR',
      `${rev('shop/db-0')}. 30 IN PTR db-0.db.shop.svc.cluster.local.`,
    ]);
    expect(dig(rev(web1), 'PTR')).toEqual([
      'NOERROR',
      `${rev(web1)}. 30 IN PTR ${dash(web1)}.web.shop.svc.cluster.local.`,
      `${rev(web1)}. 30 IN PTR ${dash(web1)}.peers.shop.svc.cluster.local.`,
      `${rev(web1)}. 30 IN PTR ${dash(web1)}.bare.shop.svc.cluster.local.`,
    ]);
  });

  it('falls through to the upstream resolver for unknown addresses', () => {
    const a = clusterRecords(cluster, '99.99.244.10.in-addr.arpa', 'PTR');
    expect([a.rcode, a.upstream]).toEqual(['NXDOMAIN', true]);
  });
});

describe('the simulated internet', () => {
  const a = (n: string) => {
    const r = internetRecords(n, 'A');
    return r.rcode === 'NOERROR' ? (r.answer[0]?.data ?? 'NODATA') : r.rcode;
  };

  it('gives public names a stable TEST-NET-2 address derived from the name', () => {
    expect(a('example.com')).toBe('198.51.100.141');
    expect(a('EXAMPLE.com.')).toBe('198.51.100.141');
    expect(a('api.example.com')).toBe('198.51.100.233');
    expect(clusterRecords(cluster, 'example.com', 'A').answer.map(formatRecord)).toEqual([
      'example.com. 300 IN A 198.51.100.141',
    ]);
  });

  it('is NXDOMAIN for reserved, local, single-label and malformed names', () => {
    for (const n of [
      'foo.test',
      'foo.example',
      'x.invalid',
      'printer.local',
      'web',
      'a..com',
      '-x.com',
      'api.dev',
      'web.shop.svc.cluster.local',
    ])
      expect(a(n), n).toBe('NXDOMAIN');
    expect(clusterRecords(cluster, 'foo.test', 'A')).toMatchObject({
      rcode: 'NXDOMAIN',
      upstream: true,
    });
  });

  it('has no SRV records and answers Ingress hosts with the controller address', () => {
    expect(internetRecords('example.com', 'SRV')).toMatchObject({ rcode: 'NOERROR', answer: [] });
    const ingressHosts = (n: string) => (n === 'shop.test' ? '172.18.255.200' : null);
    expect(internetRecords('shop.test', 'A', { ingressHosts }).answer.map(formatRecord)).toEqual([
      'shop.test. 300 IN A 172.18.255.200',
    ]);
  });
});

describe('another cluster domain', () => {
  const custom = scenarioOf(`apiVersion: k8snet.dev/v1alpha1
kind: ClusterSettings
metadata: {name: cluster}
spec: {clusterDomain: corp.internal}
`).cluster;
  it('serves records under it and forwards cluster.local upstream', () => {
    expect(
      clusterRecords(custom, 'kubernetes.default.svc.corp.internal', 'A').answer.map(formatRecord),
    ).toEqual(['kubernetes.default.svc.corp.internal. 30 IN A 10.96.0.1']);
    expect(clusterRecords(custom, 'kubernetes.default.svc.cluster.local', 'A')).toMatchObject({
      rcode: 'NXDOMAIN',
      upstream: true,
    });
  });
});
