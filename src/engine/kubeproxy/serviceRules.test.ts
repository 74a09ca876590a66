import { describe, expect, it } from 'vitest';
import type { KubeProxyMode } from '../../model/manifest';
import { scenarioOf } from '../testing/scenario';
import { renderIptables } from './iptables';
import { renderIpvs } from './ipvs';
import { renderNftables } from './nftables';
import { serviceRules } from './serviceRules';
import { SMALL } from './testScenarios';

/** SMALL plus the Services kube-proxy skips: an ExternalName and a headless one. */
const WITH_UNPROXIED = `${SMALL}---
apiVersion: v1
kind: Service
metadata: {name: ext}
spec: {type: ExternalName, externalName: example.com}
---
apiVersion: v1
kind: Service
metadata: {name: hl}
spec: {clusterIP: None, selector: {app: web}, ports: [{port: 80}]}
`;

const s = scenarioOf(WITH_UNPROXIED);

function textOf(service: string, mode: KubeProxyMode, node = 'worker-1'): string {
  const found = serviceRules(s.cluster, service, node, mode);
  if (found.rules === null) throw new Error(`no rules for ${service}: ${found.note}`);
  return found.rules.text;
}

/** Whether `part`'s lines appear in `whole` in the same order. */
function isSubsequence(part: string, whole: string): boolean {
  const lines = whole.split('\n');
  let at = 0;
  for (const line of part.split('\n').filter((l) => l !== '')) {
    at = lines.indexOf(line, at);
    if (at < 0) return false;
    at += 1;
  }
  return true;
}

describe('serviceRules (iptables)', () => {
  it('prints a ClusterIP Service with two endpoints as iptables-save does', () => {
    expect(textOf('default/web', 'iptables')).toBe(`*nat
:KUBE-SEP-MODFGJMBXTNUPWPX - [0:0]
:KUBE-SEP-PBQ62IOVWGYEN623 - [0:0]
:KUBE-SVC-CDGGSHYLG3RE2FKL - [0:0]
-A KUBE-SEP-MODFGJMBXTNUPWPX -s 10.244.2.2/32 -m comment --comment "default/web:http" -j KUBE-MARK-MASQ
-A KUBE-SEP-MODFGJMBXTNUPWPX -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination 10.244.2.2:80
-A KUBE-SEP-PBQ62IOVWGYEN623 -s 10.244.1.2/32 -m comment --comment "default/web:http" -j KUBE-MARK-MASQ
-A KUBE-SEP-PBQ62IOVWGYEN623 -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination 10.244.1.2:80
-A KUBE-SERVICES -d 10.102.187.34/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-CDGGSHYLG3RE2FKL
-A KUBE-SVC-CDGGSHYLG3RE2FKL ! -s 10.244.0.0/16 -d 10.102.187.34/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ
-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http -> 10.244.1.2:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-PBQ62IOVWGYEN623
-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http -> 10.244.2.2:80" -j KUBE-SEP-MODFGJMBXTNUPWPX
COMMIT
`);
  });

  it('leaves out every other Service, even one whose name starts the same', () => {
    const web = textOf('default/web', 'iptables');
    expect(web).not.toContain('web-np');
    expect(web).not.toContain('10.107.16.171');
    expect(web).not.toContain('kube-dns');
    expect(web).not.toContain('KUBE-NODEPORTS');
    expect(web).not.toContain('*filter');
  });

  it('adds the NodePort jumps and the KUBE-EXT chain of a NodePort Service', () => {
    const lines = textOf('default/web-np', 'iptables').split('\n');
    expect(lines).toContain(':KUBE-EXT-4UDSYVHJNXWHWIRT - [0:0]');
    expect(lines).toContain(
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web-np" -m tcp --dport 30080 -j KUBE-EXT-4UDSYVHJNXWHWIRT',
    );
    expect(lines).toContain(
      '-A KUBE-EXT-4UDSYVHJNXWHWIRT -m comment --comment "masquerade traffic for default/web-np external destinations" -j KUBE-MARK-MASQ',
    );
    expect(lines).toContain('-A KUBE-EXT-4UDSYVHJNXWHWIRT -j KUBE-SVC-4UDSYVHJNXWHWIRT');
    expect(lines).toContain(
      '-A KUBE-SEP-HVSKXHXZVMKL6WPG -p tcp -m comment --comment "default/web-np" -m tcp -j DNAT --to-destination 10.244.2.2:80',
    );
    expect(lines.filter((l) => l.includes('default/web:http'))).toEqual([]);
  });

  it('shows the REJECT in the filter table for a Service without endpoints', () => {
    const found = serviceRules(s.cluster, 'default/empty', 'worker-1', 'iptables');
    expect(found.rules?.text).toBe(`*filter
-A KUBE-SERVICES -d 10.106.146.79/32 -p tcp -m comment --comment "default/empty:http has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable
COMMIT
`);
    expect(found.note).toBe(
      'default/empty has no ready endpoints: kube-proxy rejects its traffic with a REJECT rule in the filter table.',
    );
  });

  it('drops external traffic on a node without a local endpoint (externalTrafficPolicy Local)', () => {
    const text = textOf('default/solo', 'iptables', 'worker-2');
    expect(text).toContain(
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/solo:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 31000 -j DROP',
    );
    expect(text).not.toContain(':KUBE-SVL-');
  });
});

describe('serviceRules (nftables)', () => {
  it('prints the Service’s map elements and chains as nft list table does', () => {
    expect(textOf('default/web', 'nftables')).toBe(`table ip kube-proxy {
	comment "rules for kube-proxy"
	set cluster-ips {
		type ipv4_addr
		comment "Active ClusterIPs"
		elements = { 10.102.187.34 }
	}

	map service-ips {
		type ipv4_addr . inet_proto . inet_service : verdict
		comment "ClusterIP, ExternalIP and LoadBalancer IP traffic"
		elements = { 10.102.187.34 . tcp . 80 : goto service-SUSTUHLJ-default/web/tcp/http }
	}

	chain endpoint-WZUVD3EN-default/web/tcp/http__10.244.1.2/80 {
		ip saddr 10.244.1.2 jump mark-for-masquerade
		meta l4proto tcp dnat to 10.244.1.2:80
	}

	chain endpoint-KLDTO2PW-default/web/tcp/http__10.244.2.2/80 {
		ip saddr 10.244.2.2 jump mark-for-masquerade
		meta l4proto tcp dnat to 10.244.2.2:80
	}

	chain service-SUSTUHLJ-default/web/tcp/http {
		ip daddr 10.102.187.34 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
		numgen random mod 2 vmap { 0 : goto endpoint-WZUVD3EN-default/web/tcp/http__10.244.1.2/80, 1 : goto endpoint-KLDTO2PW-default/web/tcp/http__10.244.2.2/80 }
	}
}
`);
  });

  it('adds the service-nodeports element and the external chain of a NodePort Service', () => {
    const text = textOf('default/web-np', 'nftables');
    expect(text).toContain('map service-nodeports {');
    expect(text).toContain(
      'elements = { tcp . 30080 : goto external-KOAMWL4R-default/web-np/tcp/ }',
    );
    expect(text).toContain('\tchain external-KOAMWL4R-default/web-np/tcp/ {');
    expect(text).not.toContain('31000');
    expect(text).not.toContain('default/web/tcp/http');
  });

  it('shows the no-endpoint-services element of a Service without endpoints', () => {
    expect(textOf('default/empty', 'nftables')).toContain(
      'elements = { 10.106.146.79 . tcp . 80 comment "default/empty:http" : goto reject-chain }',
    );
  });
});

describe('serviceRules (ipvs)', () => {
  it('prints the Service’s virtual servers and real servers under ipvsadm’s header', () => {
    const found = serviceRules(s.cluster, 'default/web-np', 'worker-1', 'ipvs');
    expect(found.rules?.text).toBe(`IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
TCP  10.107.16.171:8080 rr
  -> 10.244.1.2:80                Masq    1      0          0
  -> 10.244.2.2:80                Masq    1      0          0
TCP  172.18.0.3:30080 rr
  -> 10.244.1.2:80                Masq    1      0          0
  -> 10.244.2.2:80                Masq    1      0          0
`);
    expect(found.note).toContain('IPVS mode is deprecated upstream');
  });
});

describe('serviceRules without rules', () => {
  it('explains that an ExternalName Service is DNS only', () => {
    expect(serviceRules(s.cluster, 'default/ext', 'worker-1', 'iptables')).toEqual({
      rules: null,
      note: 'default/ext is an ExternalName Service: cluster DNS answers its name with a CNAME to example.com, and kube-proxy writes no rules for it.',
    });
  });

  it('explains that a headless Service has no ClusterIP and no rules', () => {
    const found = serviceRules(s.cluster, 'default/hl', null, null);
    expect(found.rules).toBeNull();
    expect(found.note).toContain('default/hl is headless (clusterIP: None)');
  });

  it('says so for an unknown Service or node', () => {
    expect(serviceRules(s.cluster, 'default/nope', null, null)).toEqual({
      rules: null,
      note: 'There is no Service default/nope in the cluster.',
    });
    expect(serviceRules(s.cluster, 'default/web', 'worker-9', null)).toEqual({
      rules: null,
      note: 'There is no node worker-9 in the cluster (nodes: control-plane, worker-1, worker-2).',
    });
  });
});

describe('serviceRules defaults', () => {
  it('uses the first node and the cluster’s own kube-proxy mode', () => {
    const found = serviceRules(s.cluster, 'default/web', null, null);
    expect(found.rules).toMatchObject({
      service: 'default/web',
      node: 'control-plane',
      mode: 'iptables',
      nodes: ['control-plane', 'worker-1', 'worker-2'],
    });
    const nft = scenarioOf(`${SMALL}---
apiVersion: k8snet.dev/v1alpha1
kind: ClusterSettings
metadata: {name: cluster}
spec: {kubeProxy: {mode: nftables}}
`);
    const rules = serviceRules(nft.cluster, 'default/web', null, null).rules;
    expect(rules?.mode).toBe('nftables');
    expect(rules?.text).toContain('meta l4proto tcp dnat to 10.244.1.2:80');
  });

  it('prints only lines of the full output, in its order, for every Service and node', () => {
    for (const service of s.cluster.services) {
      for (const node of s.cluster.nodes) {
        const ipt = serviceRules(s.cluster, service.key, node.name, 'iptables').rules;
        if (ipt === null) continue;
        const full = renderIptables(s.cluster, node.name, { tables: ['nat', 'filter'] });
        expect(isSubsequence(ipt.text, full), `${service.key} on ${node.name}`).toBe(true);
        const ipvs = textOf(service.key, 'ipvs', node.name);
        expect(isSubsequence(ipvs, renderIpvs(s.cluster, node.name))).toBe(true);
        // nft wraps set elements by how many there are, so compare the chains' rules only.
        const nftRules = textOf(service.key, 'nftables', node.name)
          .split('\n')
          .filter((l) => l.startsWith('\t\t') && !/^\t\t(type|comment|elements) /.test(l));
        const nftFull = renderNftables(s.cluster, node.name);
        expect(isSubsequence(nftRules.join('\n'), nftFull)).toBe(true);
      }
    }
  });
});
