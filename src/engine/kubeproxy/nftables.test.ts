import { describe, expect, it } from 'vitest';
import { scenarioOf } from '../testing/scenario';
import { renderNftables } from './nftables';
import { SMALL } from './testScenarios';

describe('renderNftables', () => {
  const s = scenarioOf(SMALL);

  it('prints the kube-proxy table of worker-1 as nft list table ip kube-proxy does', () => {
    expect(renderNftables(s.cluster, 'worker-1')).toBe(`table ip kube-proxy {
	comment "rules for kube-proxy"
	set cluster-ips {
		type ipv4_addr
		comment "Active ClusterIPs"
		elements = { 10.106.146.79, 10.96.0.1, 10.97.68.111, 10.107.16.171,
			     10.102.187.34, 10.96.0.10 }
	}

	set nodeport-ips {
		type ipv4_addr
		comment "IPs that accept NodePort traffic"
		elements = { 172.18.0.3 }
	}

	map no-endpoint-services {
		type ipv4_addr . inet_proto . inet_service : verdict
		comment "vmap to drop or reject packets to services with no endpoints"
		elements = { 10.106.146.79 . tcp . 80 comment "default/empty:http" : goto reject-chain }
	}

	map no-endpoint-nodeports {
		type inet_proto . inet_service : verdict
		comment "vmap to drop or reject packets to service nodeports with no endpoints"
	}

	map firewall-ips {
		type ipv4_addr . inet_proto . inet_service : verdict
		comment "destinations that are subject to LoadBalancerSourceRanges"
	}

	map service-ips {
		type ipv4_addr . inet_proto . inet_service : verdict
		comment "ClusterIP, ExternalIP and LoadBalancer IP traffic"
		elements = { 10.96.0.1 . tcp . 443 : goto service-2QRHZV4L-default/kubernetes/tcp/https,
			     10.97.68.111 . tcp . 80 : goto service-L47M5K73-default/solo/tcp/http,
			     10.107.16.171 . tcp . 8080 : goto service-KOAMWL4R-default/web-np/tcp/,
			     10.102.187.34 . tcp . 80 : goto service-SUSTUHLJ-default/web/tcp/http,
			     10.96.0.10 . udp . 53 : goto service-FY5PMXPG-kube-system/kube-dns/udp/dns,
			     10.96.0.10 . tcp . 53 : goto service-NWBZK7IH-kube-system/kube-dns/tcp/dns-tcp,
			     10.96.0.10 . tcp . 9153 : goto service-AS2KJYAD-kube-system/kube-dns/tcp/metrics }
	}

	map service-nodeports {
		type inet_proto . inet_service : verdict
		comment "NodePort traffic"
		elements = { tcp . 31000 : goto external-L47M5K73-default/solo/tcp/http,
			     tcp . 30080 : goto external-KOAMWL4R-default/web-np/tcp/ }
	}

	chain filter-prerouting-pre-dnat {
		type filter hook prerouting priority dstnat - 10; policy accept;
		ct state new jump firewall-check
	}

	chain filter-output-pre-dnat {
		type filter hook output priority dstnat - 10; policy accept;
		ct state new jump firewall-check
	}

	chain filter-input {
		type filter hook input priority filter; policy accept;
		ct state new jump nodeport-endpoints-check
		ct state new jump service-endpoints-check
	}

	chain filter-forward {
		type filter hook forward priority filter; policy accept;
		ct state new jump service-endpoints-check
		ct state new jump cluster-ips-check
	}

	chain filter-output {
		type filter hook output priority filter; policy accept;
		ct state new jump service-endpoints-check
		ct state new jump cluster-ips-check
	}

	chain nat-prerouting {
		type nat hook prerouting priority dstnat; policy accept;
		jump services
	}

	chain nat-output {
		type nat hook output priority dstnat; policy accept;
		jump services
	}

	chain nat-postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		jump masquerading
	}

	chain nodeport-endpoints-check {
		ip daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports
	}

	chain service-endpoints-check {
		ip daddr . meta l4proto . th dport vmap @no-endpoint-services
	}

	chain firewall-check {
		ip daddr . meta l4proto . th dport vmap @firewall-ips
	}

	chain services {
		ip daddr . meta l4proto . th dport vmap @service-ips
		ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports
	}

	chain masquerading {
		meta mark & 0x00004000 == 0x00000000 return
		meta mark set meta mark ^ 0x00004000
		masquerade fully-random
	}

	chain cluster-ips-check {
		ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"
		ip daddr 10.96.0.0/12 drop comment "Drop traffic to unallocated ClusterIPs"
	}

	chain mark-for-masquerade {
		meta mark set meta mark | 0x00004000
	}

	chain reject-chain {
		comment "helper for @no-endpoint-services / @no-endpoint-nodeports"
		reject
	}

	chain endpoint-KJBNWEXB-default/kubernetes/tcp/https__172.18.0.2/6443 {
		ip saddr 172.18.0.2 jump mark-for-masquerade
		meta l4proto tcp dnat to 172.18.0.2:6443
	}

	chain service-2QRHZV4L-default/kubernetes/tcp/https {
		ip daddr 10.96.0.1 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
		numgen random mod 1 vmap { 0 : goto endpoint-KJBNWEXB-default/kubernetes/tcp/https__172.18.0.2/6443 }
	}

	chain endpoint-IN6LIHT2-default/solo/tcp/http__10.244.1.3/5678 {
		ip saddr 10.244.1.3 jump mark-for-masquerade
		meta l4proto tcp dnat to 10.244.1.3:5678
	}

	chain service-L47M5K73-default/solo/tcp/http {
		ip daddr 10.97.68.111 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
		numgen random mod 1 vmap { 0 : goto endpoint-IN6LIHT2-default/solo/tcp/http__10.244.1.3/5678 }
	}

	chain local-L47M5K73-default/solo/tcp/http {
		numgen random mod 1 vmap { 0 : goto endpoint-IN6LIHT2-default/solo/tcp/http__10.244.1.3/5678 }
	}

	chain external-L47M5K73-default/solo/tcp/http {
		ip saddr 10.244.0.0/16 goto service-L47M5K73-default/solo/tcp/http comment "short-circuit pod traffic"
		fib saddr type local jump mark-for-masquerade comment "masquerade local traffic"
		fib saddr type local goto service-L47M5K73-default/solo/tcp/http comment "short-circuit local traffic"
		goto local-L47M5K73-default/solo/tcp/http
	}

	chain endpoint-USMTZCRG-default/web-np/tcp/__10.244.1.2/80 {
		ip saddr 10.244.1.2 jump mark-for-masquerade
		meta l4proto tcp dnat to 10.244.1.2:80
	}

	chain endpoint-QEW3QQDO-default/web-np/tcp/__10.244.2.2/80 {
		ip saddr 10.244.2.2 jump mark-for-masquerade
		meta l4proto tcp dnat to 10.244.2.2:80
	}

	chain service-KOAMWL4R-default/web-np/tcp/ {
		ip daddr 10.107.16.171 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
		numgen random mod 2 vmap { 0 : goto endpoint-USMTZCRG-default/web-np/tcp/__10.244.1.2/80, 1 : goto endpoint-QEW3QQDO-default/web-np/tcp/__10.244.2.2/80 }
	}

	chain external-KOAMWL4R-default/web-np/tcp/ {
		jump mark-for-masquerade
		goto service-KOAMWL4R-default/web-np/tcp/
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

	chain endpoint-2GKX576Q-kube-system/kube-dns/udp/dns__10.244.0.2/53 {
		ip saddr 10.244.0.2 jump mark-for-masquerade
		meta l4proto udp dnat to 10.244.0.2:53
	}

	chain endpoint-SHKW4FT7-kube-system/kube-dns/udp/dns__10.244.0.3/53 {
		ip saddr 10.244.0.3 jump mark-for-masquerade
		meta l4proto udp dnat to 10.244.0.3:53
	}

	chain service-FY5PMXPG-kube-system/kube-dns/udp/dns {
		ip daddr 10.96.0.10 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
		numgen random mod 2 vmap { 0 : goto endpoint-2GKX576Q-kube-system/kube-dns/udp/dns__10.244.0.2/53, 1 : goto endpoint-SHKW4FT7-kube-system/kube-dns/udp/dns__10.244.0.3/53 }
	}

	chain endpoint-BFW5VCWB-kube-system/kube-dns/tcp/dns-tcp__10.244.0.2/53 {
		ip saddr 10.244.0.2 jump mark-for-masquerade
		meta l4proto tcp dnat to 10.244.0.2:53
	}

	chain endpoint-BAVBYS25-kube-system/kube-dns/tcp/dns-tcp__10.244.0.3/53 {
		ip saddr 10.244.0.3 jump mark-for-masquerade
		meta l4proto tcp dnat to 10.244.0.3:53
	}

	chain service-NWBZK7IH-kube-system/kube-dns/tcp/dns-tcp {
		ip daddr 10.96.0.10 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
		numgen random mod 2 vmap { 0 : goto endpoint-BFW5VCWB-kube-system/kube-dns/tcp/dns-tcp__10.244.0.2/53, 1 : goto endpoint-BAVBYS25-kube-system/kube-dns/tcp/dns-tcp__10.244.0.3/53 }
	}

	chain endpoint-SUJXBOPR-kube-system/kube-dns/tcp/metrics__10.244.0.2/9153 {
		ip saddr 10.244.0.2 jump mark-for-masquerade
		meta l4proto tcp dnat to 10.244.0.2:9153
	}

	chain endpoint-G34R7BNP-kube-system/kube-dns/tcp/metrics__10.244.0.3/9153 {
		ip saddr 10.244.0.3 jump mark-for-masquerade
		meta l4proto tcp dnat to 10.244.0.3:9153
	}

	chain service-AS2KJYAD-kube-system/kube-dns/tcp/metrics {
		ip daddr 10.96.0.10 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
		numgen random mod 2 vmap { 0 : goto endpoint-SUJXBOPR-kube-system/kube-dns/tcp/metrics__10.244.0.2/9153, 1 : goto endpoint-G34R7BNP-kube-system/kube-dns/tcp/metrics__10.244.0.3/9153 }
	}
}
`);
  });

  it('drops etp Local traffic on worker-2, which has no local endpoint', () => {
    const w2 = renderNftables(s.cluster, 'worker-2');
    expect(w2).toContain('\t\telements = { tcp . 31000 comment "default/solo:http" : drop }');
    expect(w2).not.toContain('chain local-L47M5K73-default/solo/tcp/http');
    expect(w2).toContain('\t\telements = { 172.18.0.4 }');
  });

  it('adds affinity sets and checks for sessionAffinity ClientIP', () => {
    const sticky = scenarioOf(`${SMALL}---
apiVersion: v1
kind: Service
metadata: {name: sticky}
spec: {sessionAffinity: ClientIP, selector: {app: web}, ports: [{port: 80}]}
`);
    const text = renderNftables(sticky.cluster, 'worker-1');
    expect(text).toContain(`\tset affinity-3R4B2H53-default/sticky/tcp/__10.244.1.2/80 {
\t\ttype ipv4_addr
\t\tflags dynamic,timeout
\t\ttimeout 3h
\t}`);
    expect(text).toContain(
      '\t\tip saddr @affinity-3R4B2H53-default/sticky/tcp/__10.244.1.2/80 goto endpoint-3R4B2H53-default/sticky/tcp/__10.244.1.2/80\n',
    );
    expect(text).toContain(
      '\t\tupdate @affinity-3R4B2H53-default/sticky/tcp/__10.244.1.2/80 { ip saddr }\n',
    );
  });
});
