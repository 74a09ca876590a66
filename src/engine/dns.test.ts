import { describe, expect, it } from 'vitest';
import type { DnsLookup, LookupOptions, PodDnsSettings } from './dns';
import { lookup, podHostname, resolvConf } from './dns';
import { scenarioOf } from './testing/scenario';

const SHOP = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx, ports: [{name: http, containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {clusterIP: 10.96.100.80, selector: {app: web}, ports: [{name: http, port: 80}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  serviceName: db
  replicas: 2
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
metadata: {name: ext, namespace: shop}
spec: {type: ExternalName, externalName: api.example.com}
---
apiVersion: v1
kind: Service
metadata: {name: dead, namespace: shop}
spec: {type: ExternalName, externalName: nothing.invalid}
`;

const { cluster } = scenarioOf(SHOP);
const pod: PodDnsSettings = { hostNetwork: false };
const ip = (key: string) => cluster.podByKey.get(key)?.ip ?? '';

function conf(settings: PodDnsSettings, ns = 'shop'): string {
  return resolvConf(cluster, settings, ns).text;
}

/** `fqdn RCODE` per query sent, then `=> addresses` or `!! failure`. */
function trace(l: DnsLookup): string[] {
  const end = l.answer ? `=> ${l.answer.addresses.join(' ')}` : `!! ${l.failure ?? ''}`;
  return [...l.tried.map((q) => `${q.fqdn} ${q.rcode}${q.answer.length ? '' : ' (empty)'}`), end];
}

function fromShop(name: string, settings = pod, options: LookupOptions = {}): DnsLookup {
  return lookup(cluster, { namespace: 'shop', settings }, name, 'A', options);
}

const CLUSTER_FIRST =
  'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n';
const NODE = 'nameserver 172.18.0.1\noptions ndots:0\n';

describe('resolv.conf', () => {
  it('ClusterFirst (the default): kube-dns, the namespace search path, ndots:5', () => {
    expect(conf(pod)).toBe(CLUSTER_FIRST);
    expect(conf({ dnsPolicy: 'ClusterFirst', hostNetwork: false })).toBe(CLUSTER_FIRST);
    expect(resolvConf(cluster, pod, 'default')).toMatchObject({
      nameservers: ['10.96.0.10'],
      searches: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
      options: [{ name: 'ndots', value: '5' }],
      base: 'cluster',
      warnings: [],
    });
  });

  it("Default: the node's file (kind: docker's DNS at the gateway, ndots:0)", () => {
    expect(conf({ dnsPolicy: 'Default', hostNetwork: false })).toBe(NODE);
  });

  it('hostNetwork: ClusterFirst falls back to Default; ClusterFirstWithHostNet keeps the cluster DNS', () => {
    expect(resolvConf(cluster, { hostNetwork: true }, 'shop')).toMatchObject({
      base: 'node',
      text: NODE,
    });
    expect(conf({ dnsPolicy: 'ClusterFirstWithHostNet', hostNetwork: true })).toBe(CLUSTER_FIRST);
  });

  it('None: only dnsConfig', () => {
    expect(
      conf({
        dnsPolicy: 'None',
        hostNetwork: false,
        dnsConfig: {
          nameservers: ['1.1.1.1'],
          searches: ['corp.example.com'],
          options: [{ name: 'ndots', value: '2' }],
        },
      }),
    ).toBe('search corp.example.com\nnameserver 1.1.1.1\noptions ndots:2\n');
    // Empty: containerd copies the node's file.
    expect(conf({ dnsPolicy: 'None', hostNetwork: false })).toBe(NODE);
  });

  it('merges dnsConfig: appended without duplicates, options overriding by name', () => {
    expect(
      conf({
        hostNetwork: false,
        dnsConfig: {
          searches: ['svc.cluster.local', 'corp.example.com'],
          options: [
            { name: 'ndots', value: '2' },
            { name: 'edns0' },
            { name: 'timeout', value: '' },
          ],
        },
      }),
    ).toBe(
      'search shop.svc.cluster.local svc.cluster.local cluster.local corp.example.com\nnameserver 10.96.0.10\noptions ndots:2 edns0 timeout\n',
    );
    expect(
      conf({
        dnsPolicy: 'Default',
        hostNetwork: false,
        dnsConfig: {
          options: [
            { name: 'ndots', value: '1' },
            { name: 'attempts', value: '3' },
          ],
        },
      }),
    ).toBe('nameserver 172.18.0.1\noptions ndots:1 attempts:3\n');
  });

  it("applies kubelet's limits: 3 nameservers, 32 search domains of at most 253 characters", () => {
    const r = resolvConf(
      cluster,
      {
        hostNetwork: false,
        dnsConfig: { nameservers: ['10.96.0.10', '1.1.1.1', '8.8.8.8', '9.9.9.9'] },
      },
      'shop',
    );
    expect(r.nameservers).toEqual(['10.96.0.10', '1.1.1.1', '8.8.8.8']);
    expect(r.warnings).toEqual([
      'Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: 10.96.0.10 1.1.1.1 8.8.8.8',
    ]);
    const many = Array.from({ length: 31 }, (_, i) => `d${String(i)}.example.com`);
    const long = `${'a'.repeat(250)}.com`;
    const s = resolvConf(
      cluster,
      { hostNetwork: false, dnsConfig: { searches: [long, ...many] } },
      'shop',
    );
    // Cut to 32 first, then the 254-character domain dropped: 31 remain.
    expect(s.searches).toHaveLength(31);
    expect(s.searches.slice(2, 5)).toEqual(['cluster.local', 'd0.example.com', 'd1.example.com']);
    expect(s.searches.at(-1)).toBe('d27.example.com');
    expect(s.warnings[0]).toMatch(
      /^Search Line limits were exceeded, some search paths have been omitted/,
    );
  });

  it('follows the cluster domain', () => {
    const custom = scenarioOf(
      'apiVersion: k8snet.dev/v1alpha1\nkind: ClusterSettings\nmetadata: {name: cluster}\nspec: {clusterDomain: corp.internal}\n',
    ).cluster;
    expect(resolvConf(custom, pod, 'default').text).toBe(
      'search default.svc.corp.internal svc.corp.internal corp.internal\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });
});

describe('podHostname', () => {
  it('is the pod name, or hostname, with an FQDN under its subdomain', () => {
    const sts: PodDnsSettings = { hostNetwork: false, hostname: 'db-0', subdomain: 'db' };
    expect(podHostname(cluster, 'db-0', sts, 'shop')).toEqual({
      hostname: 'db-0',
      fqdn: 'db-0.db.shop.svc.cluster.local',
    });
    expect(podHostname(cluster, 'client', pod, 'shop')).toEqual({ hostname: 'client', fqdn: null });
    expect(podHostname(cluster, `${'a'.repeat(62)}-xyz`, pod, 'shop').hostname).toBe(
      'a'.repeat(62),
    );
  });
});

describe('the search list (glibc)', () => {
  it('tries the namespace first for a short name', () => {
    expect(trace(fromShop('web'))).toEqual([
      'web.shop.svc.cluster.local NOERROR',
      '=> 10.96.100.80',
    ]);
    const l = fromShop('web');
    expect([l.server, l.isClusterDns, l.upstream]).toEqual(['10.96.0.10', true, false]);
  });

  it('walks the list for name.namespace and longer relative names', () => {
    expect(trace(fromShop('web.shop'))).toEqual([
      'web.shop.shop.svc.cluster.local NXDOMAIN (empty)',
      'web.shop.svc.cluster.local NOERROR',
      '=> 10.96.100.80',
    ]);
    expect(trace(fromShop('web.shop.svc.cluster.local'))).toEqual([
      'web.shop.svc.cluster.local.shop.svc.cluster.local NXDOMAIN (empty)',
      'web.shop.svc.cluster.local.svc.cluster.local NXDOMAIN (empty)',
      'web.shop.svc.cluster.local.cluster.local NXDOMAIN (empty)',
      'web.shop.svc.cluster.local NOERROR',
      '=> 10.96.100.80',
    ]);
  });

  it('sends one query for an absolute name', () => {
    expect(trace(fromShop('web.shop.svc.cluster.local.'))).toEqual([
      'web.shop.svc.cluster.local NOERROR',
      '=> 10.96.100.80',
    ]);
    expect(trace(fromShop('example.com.'))).toEqual(['example.com NOERROR', '=> 198.51.100.141']);
  });

  it('sends an external name through the whole list before going upstream', () => {
    const l = fromShop('example.com');
    expect(trace(l)).toEqual([
      'example.com.shop.svc.cluster.local NXDOMAIN (empty)',
      'example.com.svc.cluster.local NXDOMAIN (empty)',
      'example.com.cluster.local NXDOMAIN (empty)',
      'example.com NOERROR',
      '=> 198.51.100.141',
    ]);
    expect(l.tried.map((q) => q.upstream)).toEqual([false, false, false, true]);
    expect(l.upstream).toBe(true);
  });

  it('reaches other namespaces and StatefulSet pods', () => {
    expect(trace(lookup(cluster, { namespace: 'default', settings: pod }, 'web.shop'))).toEqual([
      'web.shop.default.svc.cluster.local NXDOMAIN (empty)',
      'web.shop.svc.cluster.local NOERROR',
      '=> 10.96.100.80',
    ]);
    expect(trace(fromShop('db-1.db'))).toEqual([
      'db-1.db.shop.svc.cluster.local NOERROR',
      `=> ${ip('shop/db-1')}`,
    ]);
    expect(fromShop('db').answer?.addresses).toEqual([ip('shop/db-0'), ip('shop/db-1')]);
    const dashed = ip('shop/db-0').replaceAll('.', '-');
    expect(trace(fromShop(`${dashed}.shop.pod`)).slice(-2)).toEqual([
      `${dashed}.shop.pod.cluster.local NOERROR`,
      `=> ${ip('shop/db-0')}`,
    ]);
  });

  it('ends in NXDOMAIN for a name nothing has, after going upstream', () => {
    const l = fromShop('nope');
    expect(trace(l)).toEqual([
      'nope.shop.svc.cluster.local NXDOMAIN (empty)',
      'nope.svc.cluster.local NXDOMAIN (empty)',
      'nope.cluster.local NXDOMAIN (empty)',
      'nope NXDOMAIN (empty)',
      '!! nope: NXDOMAIN for every name tried',
    ]);
    expect([l.answer, l.upstream]).toEqual([null, true]);
  });
});

describe('musl', () => {
  const musl: LookupOptions = { resolver: 'musl' };
  it('stops at NODATA where glibc goes on', () => {
    const from = { namespace: 'default', settings: pod };
    expect(trace(lookup(cluster, from, 'shop'))).toEqual([
      'shop.default.svc.cluster.local NXDOMAIN (empty)',
      'shop.svc.cluster.local NOERROR (empty)',
      'shop.cluster.local NXDOMAIN (empty)',
      'shop NXDOMAIN (empty)',
      '!! shop: no A record (NODATA)',
    ]);
    expect(trace(lookup(cluster, from, 'shop', 'A', musl))).toEqual([
      'shop.default.svc.cluster.local NXDOMAIN (empty)',
      'shop.svc.cluster.local NOERROR (empty)',
      '!! shop.svc.cluster.local has no A record',
    ]);
  });

  it('never searches a name with ndots dots or more; glibc searches after the as-is query', () => {
    const ndots1: PodDnsSettings = {
      hostNetwork: false,
      dnsConfig: { options: [{ name: 'ndots', value: '1' }] },
    };
    expect(trace(fromShop('web.shop', ndots1, musl))).toEqual([
      'web.shop NXDOMAIN (empty)',
      '!! web.shop: NXDOMAIN for every name tried',
    ]);
    expect(trace(fromShop('web.shop', ndots1))).toEqual([
      'web.shop NXDOMAIN (empty)',
      'web.shop.shop.svc.cluster.local NXDOMAIN (empty)',
      'web.shop.svc.cluster.local NOERROR',
      '=> 10.96.100.80',
    ]);
  });
});

describe('ExternalName', () => {
  it('follows the CNAME through the upstream resolver', () => {
    const l = fromShop('ext');
    expect(l.tried.map((q) => q.answer.length)).toEqual([2]);
    expect(l.answer).toEqual({
      fqdn: 'ext.shop.svc.cluster.local',
      addresses: ['198.51.100.233'],
      cnameChain: ['api.example.com'],
      srv: [],
    });
    expect(l.upstream).toBe(true);
  });

  it('fails with the CNAME when the target does not resolve', () => {
    expect(trace(fromShop('dead'))).toEqual([
      'dead.shop.svc.cluster.local NOERROR',
      '!! dead.shop.svc.cluster.local has no A record (CNAME nothing.invalid)',
    ]);
  });
});

describe('SRV lookups', () => {
  it('returns targets, ports and their addresses', () => {
    const l = lookup(cluster, { namespace: 'shop', settings: pod }, '_pg._tcp.db', 'SRV');
    expect(l.answer).toEqual({
      fqdn: '_pg._tcp.db.shop.svc.cluster.local',
      addresses: [ip('shop/db-0'), ip('shop/db-1')],
      cnameChain: [],
      srv: [
        { port: 5432, target: 'db-0.db.shop.svc.cluster.local' },
        { port: 5432, target: 'db-1.db.shop.svc.cluster.local' },
      ],
    });
  });
});

describe('other resolvers', () => {
  it("dnsPolicy Default asks the node's resolver, which knows no cluster names", () => {
    const settings: PodDnsSettings = { dnsPolicy: 'Default', hostNetwork: false };
    const l = fromShop('web', settings);
    expect(trace(l)).toEqual(['web NXDOMAIN (empty)', '!! web: NXDOMAIN for every name tried']);
    expect([l.server, l.isClusterDns]).toEqual(['172.18.0.1', false]);
    expect(trace(fromShop('example.com', settings))).toEqual([
      'example.com NOERROR',
      '=> 198.51.100.141',
    ]);
  });

  it('the external client uses a public resolver, which answers Ingress hosts', () => {
    const ingressHosts = (n: string) =>
      n === 'shop.test' || n.endsWith('.apps.test') ? '172.18.255.200' : null;
    const l = lookup(cluster, 'external', 'shop.test', 'A', { ingressHosts });
    expect(trace(l)).toEqual(['shop.test NOERROR', '=> 172.18.255.200']);
    expect([l.server, l.isClusterDns]).toEqual(['192.0.2.53', false]);
    expect(
      lookup(cluster, 'external', 'a.apps.test', 'A', { ingressHosts }).answer?.addresses,
    ).toEqual(['172.18.255.200']);
    expect(trace(lookup(cluster, 'external', 'web.shop.svc.cluster.local'))).toEqual([
      'web.shop.svc.cluster.local NXDOMAIN (empty)',
      '!! web.shop.svc.cluster.local: NXDOMAIN for every name tried',
    ]);
  });

  it('needs no query for IP literals and localhost, nor with no nameserver', () => {
    expect(trace(fromShop('10.96.100.80'))).toEqual(['=> 10.96.100.80']);
    expect(trace(fromShop('localhost'))).toEqual(['=> 127.0.0.1']);
    const noServer: PodDnsSettings = {
      dnsPolicy: 'None',
      hostNetwork: false,
      dnsConfig: { searches: ['x.com'] },
    };
    expect(trace(fromShop('web', noServer))).toEqual(['!! resolv.conf has no nameserver']);
  });

  it('times out when kube-dns has no ready endpoints, or the nameserver is no DNS server', () => {
    const broken = scenarioOf(`apiVersion: v1
kind: Service
metadata: {name: kube-dns, namespace: kube-system}
spec: {clusterIP: 10.96.0.10, selector: {k8s-app: nothing}, ports: [{name: dns, port: 53, protocol: UDP}]}
`).cluster;
    expect(trace(lookup(broken, { namespace: 'default', settings: pod }, 'kubernetes'))).toEqual([
      '!! connection timed out; no servers could be reached (no ready CoreDNS pod behind 10.96.0.10)',
    ]);
    const elsewhere: PodDnsSettings = {
      dnsPolicy: 'None',
      hostNetwork: false,
      dnsConfig: { nameservers: ['10.96.0.53'] },
    };
    expect(
      trace(lookup(cluster, { namespace: 'default', settings: elsewhere }, 'kubernetes')),
    ).toEqual([
      '!! connection timed out; no servers could be reached (nothing serves DNS at 10.96.0.53)',
    ]);
  });
});
