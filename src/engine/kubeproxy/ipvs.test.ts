import { describe, expect, it } from 'vitest';
import { scenarioOf } from '../testing/scenario';
import { renderIpvs } from './ipvs';
import { SMALL } from './testScenarios';

describe('renderIpvs', () => {
  const s = scenarioOf(SMALL);

  it('prints worker-1’s virtual servers as ipvsadm -Ln does', () => {
    expect(renderIpvs(s.cluster, 'worker-1')).toBe(`IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
TCP  10.96.0.1:443 rr
  -> 172.18.0.2:6443              Masq    1      0          0
TCP  10.96.0.10:53 rr
  -> 10.244.0.2:53                Masq    1      0          0
  -> 10.244.0.3:53                Masq    1      0          0
TCP  10.96.0.10:9153 rr
  -> 10.244.0.2:9153              Masq    1      0          0
  -> 10.244.0.3:9153              Masq    1      0          0
TCP  10.97.68.111:80 rr
  -> 10.244.1.3:5678              Masq    1      0          0
TCP  10.102.187.34:80 rr
  -> 10.244.1.2:80                Masq    1      0          0
  -> 10.244.2.2:80                Masq    1      0          0
TCP  10.106.146.79:80 rr
TCP  10.107.16.171:8080 rr
  -> 10.244.1.2:80                Masq    1      0          0
  -> 10.244.2.2:80                Masq    1      0          0
TCP  172.18.0.3:30080 rr
  -> 10.244.1.2:80                Masq    1      0          0
  -> 10.244.2.2:80                Masq    1      0          0
TCP  172.18.0.3:31000 rr
  -> 10.244.1.3:5678              Masq    1      0          0
UDP  10.96.0.10:53 rr
  -> 10.244.0.2:53                Masq    1      0          0
  -> 10.244.0.3:53                Masq    1      0          0
`);
  });

  it('leaves an etp Local NodePort without real servers on a node with no local endpoint', () => {
    const w2 = renderIpvs(s.cluster, 'worker-2').split('\n');
    const at = w2.indexOf('TCP  172.18.0.4:31000 rr');
    expect(at).toBeGreaterThan(0);
    expect(w2[at + 1]?.startsWith('  ->')).toBe(false);
  });

  it('marks ClientIP affinity as persistent, with LoadBalancer and externalIPs servers', () => {
    const lb = scenarioOf(`${SMALL}---
apiVersion: v1
kind: Service
metadata: {name: sticky}
spec: {type: LoadBalancer, sessionAffinity: ClientIP, externalIPs: [198.51.100.7], selector: {app: web}, ports: [{name: http, port: 80, nodePort: 30040}]}
`);
    const lines = renderIpvs(lb.cluster, 'worker-2').split('\n');
    expect(lines.filter((l) => l.endsWith('persistent 10800'))).toEqual([
      'TCP  10.104.228.127:80 rr persistent 10800',
      'TCP  172.18.0.4:30040 rr persistent 10800',
      'TCP  172.18.255.200:80 rr persistent 10800',
      'TCP  198.51.100.7:80 rr persistent 10800',
    ]);
  });
});
