import { describe, expect, it } from 'vitest';
import { scenarioOf } from '../testing/scenario';
import { renderIptables } from './iptables';
import { comment, recent, saveString, statistic } from './iptablesSave';
import { SMALL } from './testScenarios';

describe('iptables-save formatting', () => {
  it('prints the statistic probability as the kernel stores it (11 decimals)', () => {
    expect(statistic(2)).toBe('-m statistic --mode random --probability 0.50000000000');
    expect(statistic(3)).toBe('-m statistic --mode random --probability 0.33333333349');
    expect(statistic(4)).toBe('-m statistic --mode random --probability 0.25000000000');
    expect(statistic(5)).toBe('-m statistic --mode random --probability 0.20000000019');
  });
  it('quotes comments unless they are bare words', () => {
    expect(saveString('ns1/svc1:p80')).toBe('"ns1/svc1:p80"');
    expect(saveString('KUBE-SEP-X')).toBe('KUBE-SEP-X');
    expect(comment('say "hi"')).toBe('-m comment --comment "say \\"hi\\""');
  });
  it('prints -m recent as libxt_recent saves it', () => {
    expect(recent('rcheck', 'KUBE-SEP-A', 10800)).toBe(
      '-m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-A --mask 255.255.255.255 --rsource',
    );
    expect(recent('set', 'KUBE-SEP-A', 10800)).toBe(
      '-m recent --set --name KUBE-SEP-A --mask 255.255.255.255 --rsource',
    );
  });
});

describe('renderIptables', () => {
  const s = scenarioOf(SMALL);

  it('prints the filter and nat tables of worker-1 as iptables-save does', () => {
    expect(renderIptables(s.cluster, 'worker-1', { tables: ['filter', 'nat'] })).toBe(`*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:KUBE-EXTERNAL-SERVICES - [0:0]
:KUBE-FIREWALL - [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-PROXY-CANARY - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]
:KUBE-SERVICES - [0:0]
-A INPUT -j KUBE-FIREWALL
-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS
-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES
-A OUTPUT -j KUBE-FIREWALL
-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A KUBE-SERVICES -d 10.106.146.79/32 -p tcp -m comment --comment "default/empty:http has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-EXT-4UDSYVHJNXWHWIRT - [0:0]
:KUBE-EXT-KTRLE4AQBKCGHQRV - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-PROXY-CANARY - [0:0]
:KUBE-SEP-6E7XQMQ4RAYOWTTM - [0:0]
:KUBE-SEP-BPS63RB7JJCK4AZK - [0:0]
:KUBE-SEP-HVSKXHXZVMKL6WPG - [0:0]
:KUBE-SEP-IT2ZTR26TO4XFPTO - [0:0]
:KUBE-SEP-MMTBQO3B5GI2KXRH - [0:0]
:KUBE-SEP-MODFGJMBXTNUPWPX - [0:0]
:KUBE-SEP-N4G2XR5TDX7PQE7P - [0:0]
:KUBE-SEP-PBQ62IOVWGYEN623 - [0:0]
:KUBE-SEP-V2PECCYPB6X2GSCW - [0:0]
:KUBE-SEP-YIL6JZP7A3QYXJU2 - [0:0]
:KUBE-SEP-ZP3FB6NMPNCO4VBJ - [0:0]
:KUBE-SEP-ZXMNUKOKXUTL2MK2 - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-4UDSYVHJNXWHWIRT - [0:0]
:KUBE-SVC-CDGGSHYLG3RE2FKL - [0:0]
:KUBE-SVC-ERIFXISQEP7F7OF4 - [0:0]
:KUBE-SVC-JD5MR3NA4I4DYORP - [0:0]
:KUBE-SVC-KTRLE4AQBKCGHQRV - [0:0]
:KUBE-SVC-NPX46M4PTMTKRN6Y - [0:0]
:KUBE-SVC-TCOU7JCQXEZGVUNU - [0:0]
:KUBE-SVL-KTRLE4AQBKCGHQRV - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-EXT-4UDSYVHJNXWHWIRT -m comment --comment "masquerade traffic for default/web-np external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-4UDSYVHJNXWHWIRT -j KUBE-SVC-4UDSYVHJNXWHWIRT
-A KUBE-EXT-KTRLE4AQBKCGHQRV -s 10.244.0.0/16 -m comment --comment "pod traffic for default/solo:http external destinations" -j KUBE-SVC-KTRLE4AQBKCGHQRV
-A KUBE-EXT-KTRLE4AQBKCGHQRV -m comment --comment "masquerade LOCAL traffic for default/solo:http external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ
-A KUBE-EXT-KTRLE4AQBKCGHQRV -m comment --comment "route LOCAL traffic for default/solo:http external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-KTRLE4AQBKCGHQRV
-A KUBE-EXT-KTRLE4AQBKCGHQRV -j KUBE-SVL-KTRLE4AQBKCGHQRV
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m comment --comment "default/solo:http" -m tcp --dport 31000 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-KTRLE4AQBKCGHQRV
-A KUBE-NODEPORTS -p tcp -m comment --comment "default/solo:http" -m tcp --dport 31000 -j KUBE-EXT-KTRLE4AQBKCGHQRV
-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m comment --comment "default/web-np" -m tcp --dport 30080 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-4UDSYVHJNXWHWIRT
-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web-np" -m tcp --dport 30080 -j KUBE-EXT-4UDSYVHJNXWHWIRT
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-SEP-6E7XQMQ4RAYOWTTM -s 10.244.0.3/32 -m comment --comment "kube-system/kube-dns:dns" -j KUBE-MARK-MASQ
-A KUBE-SEP-6E7XQMQ4RAYOWTTM -p udp -m comment --comment "kube-system/kube-dns:dns" -m udp -j DNAT --to-destination 10.244.0.3:53
-A KUBE-SEP-BPS63RB7JJCK4AZK -s 10.244.1.2/32 -m comment --comment "default/web-np" -j KUBE-MARK-MASQ
-A KUBE-SEP-BPS63RB7JJCK4AZK -p tcp -m comment --comment "default/web-np" -m tcp -j DNAT --to-destination 10.244.1.2:80
-A KUBE-SEP-HVSKXHXZVMKL6WPG -s 10.244.2.2/32 -m comment --comment "default/web-np" -j KUBE-MARK-MASQ
-A KUBE-SEP-HVSKXHXZVMKL6WPG -p tcp -m comment --comment "default/web-np" -m tcp -j DNAT --to-destination 10.244.2.2:80
-A KUBE-SEP-IT2ZTR26TO4XFPTO -s 10.244.0.2/32 -m comment --comment "kube-system/kube-dns:dns-tcp" -j KUBE-MARK-MASQ
-A KUBE-SEP-IT2ZTR26TO4XFPTO -p tcp -m comment --comment "kube-system/kube-dns:dns-tcp" -m tcp -j DNAT --to-destination 10.244.0.2:53
-A KUBE-SEP-MMTBQO3B5GI2KXRH -s 10.244.1.3/32 -m comment --comment "default/solo:http" -j KUBE-MARK-MASQ
-A KUBE-SEP-MMTBQO3B5GI2KXRH -p tcp -m comment --comment "default/solo:http" -m tcp -j DNAT --to-destination 10.244.1.3:5678
-A KUBE-SEP-MODFGJMBXTNUPWPX -s 10.244.2.2/32 -m comment --comment "default/web:http" -j KUBE-MARK-MASQ
-A KUBE-SEP-MODFGJMBXTNUPWPX -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination 10.244.2.2:80
-A KUBE-SEP-N4G2XR5TDX7PQE7P -s 10.244.0.2/32 -m comment --comment "kube-system/kube-dns:metrics" -j KUBE-MARK-MASQ
-A KUBE-SEP-N4G2XR5TDX7PQE7P -p tcp -m comment --comment "kube-system/kube-dns:metrics" -m tcp -j DNAT --to-destination 10.244.0.2:9153
-A KUBE-SEP-PBQ62IOVWGYEN623 -s 10.244.1.2/32 -m comment --comment "default/web:http" -j KUBE-MARK-MASQ
-A KUBE-SEP-PBQ62IOVWGYEN623 -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination 10.244.1.2:80
-A KUBE-SEP-V2PECCYPB6X2GSCW -s 172.18.0.2/32 -m comment --comment "default/kubernetes:https" -j KUBE-MARK-MASQ
-A KUBE-SEP-V2PECCYPB6X2GSCW -p tcp -m comment --comment "default/kubernetes:https" -m tcp -j DNAT --to-destination 172.18.0.2:6443
-A KUBE-SEP-YIL6JZP7A3QYXJU2 -s 10.244.0.2/32 -m comment --comment "kube-system/kube-dns:dns" -j KUBE-MARK-MASQ
-A KUBE-SEP-YIL6JZP7A3QYXJU2 -p udp -m comment --comment "kube-system/kube-dns:dns" -m udp -j DNAT --to-destination 10.244.0.2:53
-A KUBE-SEP-ZP3FB6NMPNCO4VBJ -s 10.244.0.3/32 -m comment --comment "kube-system/kube-dns:metrics" -j KUBE-MARK-MASQ
-A KUBE-SEP-ZP3FB6NMPNCO4VBJ -p tcp -m comment --comment "kube-system/kube-dns:metrics" -m tcp -j DNAT --to-destination 10.244.0.3:9153
-A KUBE-SEP-ZXMNUKOKXUTL2MK2 -s 10.244.0.3/32 -m comment --comment "kube-system/kube-dns:dns-tcp" -j KUBE-MARK-MASQ
-A KUBE-SEP-ZXMNUKOKXUTL2MK2 -p tcp -m comment --comment "kube-system/kube-dns:dns-tcp" -m tcp -j DNAT --to-destination 10.244.0.3:53
-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y
-A KUBE-SERVICES -d 10.97.68.111/32 -p tcp -m comment --comment "default/solo:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-KTRLE4AQBKCGHQRV
-A KUBE-SERVICES -d 10.107.16.171/32 -p tcp -m comment --comment "default/web-np cluster IP" -m tcp --dport 8080 -j KUBE-SVC-4UDSYVHJNXWHWIRT
-A KUBE-SERVICES -d 10.102.187.34/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-CDGGSHYLG3RE2FKL
-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU
-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m comment --comment "kube-system/kube-dns:dns-tcp cluster IP" -m tcp --dport 53 -j KUBE-SVC-ERIFXISQEP7F7OF4
-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m comment --comment "kube-system/kube-dns:metrics cluster IP" -m tcp --dport 9153 -j KUBE-SVC-JD5MR3NA4I4DYORP
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-SVC-4UDSYVHJNXWHWIRT ! -s 10.244.0.0/16 -d 10.107.16.171/32 -p tcp -m comment --comment "default/web-np cluster IP" -m tcp --dport 8080 -j KUBE-MARK-MASQ
-A KUBE-SVC-4UDSYVHJNXWHWIRT -m comment --comment "default/web-np -> 10.244.1.2:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-BPS63RB7JJCK4AZK
-A KUBE-SVC-4UDSYVHJNXWHWIRT -m comment --comment "default/web-np -> 10.244.2.2:80" -j KUBE-SEP-HVSKXHXZVMKL6WPG
-A KUBE-SVC-CDGGSHYLG3RE2FKL ! -s 10.244.0.0/16 -d 10.102.187.34/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ
-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http -> 10.244.1.2:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-PBQ62IOVWGYEN623
-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http -> 10.244.2.2:80" -j KUBE-SEP-MODFGJMBXTNUPWPX
-A KUBE-SVC-ERIFXISQEP7F7OF4 ! -s 10.244.0.0/16 -d 10.96.0.10/32 -p tcp -m comment --comment "kube-system/kube-dns:dns-tcp cluster IP" -m tcp --dport 53 -j KUBE-MARK-MASQ
-A KUBE-SVC-ERIFXISQEP7F7OF4 -m comment --comment "kube-system/kube-dns:dns-tcp -> 10.244.0.2:53" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-IT2ZTR26TO4XFPTO
-A KUBE-SVC-ERIFXISQEP7F7OF4 -m comment --comment "kube-system/kube-dns:dns-tcp -> 10.244.0.3:53" -j KUBE-SEP-ZXMNUKOKXUTL2MK2
-A KUBE-SVC-JD5MR3NA4I4DYORP ! -s 10.244.0.0/16 -d 10.96.0.10/32 -p tcp -m comment --comment "kube-system/kube-dns:metrics cluster IP" -m tcp --dport 9153 -j KUBE-MARK-MASQ
-A KUBE-SVC-JD5MR3NA4I4DYORP -m comment --comment "kube-system/kube-dns:metrics -> 10.244.0.2:9153" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-N4G2XR5TDX7PQE7P
-A KUBE-SVC-JD5MR3NA4I4DYORP -m comment --comment "kube-system/kube-dns:metrics -> 10.244.0.3:9153" -j KUBE-SEP-ZP3FB6NMPNCO4VBJ
-A KUBE-SVC-KTRLE4AQBKCGHQRV ! -s 10.244.0.0/16 -d 10.97.68.111/32 -p tcp -m comment --comment "default/solo:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ
-A KUBE-SVC-KTRLE4AQBKCGHQRV -m comment --comment "default/solo:http -> 10.244.1.3:5678" -j KUBE-SEP-MMTBQO3B5GI2KXRH
-A KUBE-SVC-NPX46M4PTMTKRN6Y ! -s 10.244.0.0/16 -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-MARK-MASQ
-A KUBE-SVC-NPX46M4PTMTKRN6Y -m comment --comment "default/kubernetes:https -> 172.18.0.2:6443" -j KUBE-SEP-V2PECCYPB6X2GSCW
-A KUBE-SVC-TCOU7JCQXEZGVUNU ! -s 10.244.0.0/16 -d 10.96.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-MARK-MASQ
-A KUBE-SVC-TCOU7JCQXEZGVUNU -m comment --comment "kube-system/kube-dns:dns -> 10.244.0.2:53" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-YIL6JZP7A3QYXJU2
-A KUBE-SVC-TCOU7JCQXEZGVUNU -m comment --comment "kube-system/kube-dns:dns -> 10.244.0.3:53" -j KUBE-SEP-6E7XQMQ4RAYOWTTM
-A KUBE-SVL-KTRLE4AQBKCGHQRV -m comment --comment "default/solo:http -> 10.244.1.3:5678" -j KUBE-SEP-MMTBQO3B5GI2KXRH
COMMIT
`);
  });

  it('prints only the nat table by default, as iptables-save -t nat', () => {
    const nat = renderIptables(s.cluster, 'worker-1');
    expect(nat.startsWith('*nat\n:PREROUTING ACCEPT [0:0]\n')).toBe(true);
    expect(nat).not.toContain('*filter');
    expect(nat.endsWith('COMMIT\n')).toBe(true);
  });

  it('drops etp Local traffic on a node without a local endpoint (worker-2)', () => {
    const w2 = renderIptables(s.cluster, 'worker-2', { tables: ['filter', 'nat'] }).split('\n');
    expect(w2).toContain(
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/solo:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 31000 -j DROP',
    );
    // No KUBE-SVL chain, and KUBE-EXT keeps only the short-circuit rules for pods and the node.
    expect(w2.filter((l) => l.includes('KUBE-SVL-'))).toEqual([]);
    expect(w2.filter((l) => l.startsWith('-A KUBE-EXT-KTRLE4AQBKCGHQRV'))).toEqual([
      '-A KUBE-EXT-KTRLE4AQBKCGHQRV -s 10.244.0.0/16 -m comment --comment "pod traffic for default/solo:http external destinations" -j KUBE-SVC-KTRLE4AQBKCGHQRV',
      '-A KUBE-EXT-KTRLE4AQBKCGHQRV -m comment --comment "masquerade LOCAL traffic for default/solo:http external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-KTRLE4AQBKCGHQRV -m comment --comment "route LOCAL traffic for default/solo:http external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-KTRLE4AQBKCGHQRV',
    ]);
  });

  it('writes ClientIP affinity with -m recent and 1/3 probabilities for three endpoints', () => {
    const sticky = scenarioOf(`${SMALL.replace('replicas: 2', 'replicas: 3')}---
apiVersion: v1
kind: Service
metadata: {name: sticky}
spec: {sessionAffinity: ClientIP, selector: {app: web}, ports: [{port: 80}]}
`);
    const lines = renderIptables(sticky.cluster, 'worker-1')
      .split('\n')
      .filter((l) => l.includes('default/sticky') && /KUBE-(SVC|SEP)-/.test(l.split(' ')[1] ?? ''));
    expect(lines.filter((l) => l.includes('--rcheck'))).toHaveLength(3);
    expect(lines.filter((l) => l.includes('-m recent --set'))).toHaveLength(3);
    expect(
      lines
        .filter((l) => l.includes('--probability'))
        .map((l) => /--probability (\S+)/.exec(l)?.[1]),
    ).toEqual(['0.33333333349', '0.50000000000']);
  });

  it('drops per-endpoint comments past 1000 endpoints (large cluster mode)', () => {
    const services = ['a', 'b', 'c']
      .map(
        (n) => `---
apiVersion: v1
kind: Service
metadata: {name: ${n}}
spec: {selector: {app: many}, ports: [{port: 80}]}
`,
      )
      .join('');
    const big = scenarioOf(`apiVersion: apps/v1
kind: Deployment
metadata: {name: many}
spec:
  replicas: 340
  selector: {matchLabels: {app: many}}
  template:
    metadata: {labels: {app: many}}
    spec: {containers: [{name: c, image: nginx}]}
${services}`);
    const nat = renderIptables(big.cluster, 'worker-1').split('\n');
    const sep = nat.filter((l) => l.startsWith('-A KUBE-SEP-'));
    expect(sep.length).toBeGreaterThan(2000);
    expect(sep.filter((l) => l.includes('--comment'))).toEqual([]);
    expect(nat.filter((l) => /^-A KUBE-SVC-\S+ -m comment/.test(l))).toEqual([]);
    // Service-level rules keep theirs.
    const vip = big.cluster.serviceByKey.get('default/a')?.clusterIP ?? '';
    expect(
      nat.filter((l) =>
        l.startsWith(
          `-A KUBE-SERVICES -d ${vip}/32 -p tcp -m comment --comment "default/a cluster IP"`,
        ),
      ),
    ).toHaveLength(1);
  });
});
