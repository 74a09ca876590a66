import { describe, expect, it } from 'vitest';
import {
  iptablesEndpointChain,
  iptablesServiceChains,
  nftEndpointNames,
  nftServiceChains,
  servicePortName,
} from './chains';

// Expected names are the ones in kube-proxy's own tests (pkg/proxy/iptables/proxier_test.go
// TestOverallIPTablesRules, pkg/proxy/nftables/proxier_test.go TestOverallNFTablesRules) and
// the ones every real cluster shows for its built-in Services.
describe('iptables chain names', () => {
  it('hash ServicePortName + lower-case protocol like upstream', () => {
    expect(iptablesServiceChains('ns1/svc1:p80', 'TCP').svc).toBe('KUBE-SVC-XPGD46QRK7WJZT7O');
    expect(iptablesServiceChains('ns2/svc2:p80', 'TCP')).toEqual({
      svc: 'KUBE-SVC-GNZBNJ2PO5MGZ6GT',
      svl: 'KUBE-SVL-GNZBNJ2PO5MGZ6GT',
      ext: 'KUBE-EXT-GNZBNJ2PO5MGZ6GT',
      fw: 'KUBE-FW-GNZBNJ2PO5MGZ6GT',
    });
    expect(iptablesServiceChains('ns5/svc5:p80', 'TCP').fw).toBe('KUBE-FW-NUKIZ6OKUXPJNT4C');
  });
  it('hash ServicePortName + protocol + ip:port for KUBE-SEP', () => {
    expect(iptablesEndpointChain('ns1/svc1:p80', 'TCP', '10.180.0.1:80')).toBe(
      'KUBE-SEP-SXIVWICOYRO3J4NJ',
    );
    expect(iptablesEndpointChain('ns4/svc4:p80', 'TCP', '10.180.0.4:80')).toBe(
      'KUBE-SEP-UKSFD7AGPMPPLUHC',
    );
    expect(iptablesEndpointChain('ns4/svc4:p80', 'TCP', '10.180.0.5:80')).toBe(
      'KUBE-SEP-C6EBXVWJJZMIWKLZ',
    );
  });
  it('gives the built-in Services the names seen on every cluster', () => {
    expect(iptablesServiceChains('default/kubernetes:https', 'TCP').svc).toBe(
      'KUBE-SVC-NPX46M4PTMTKRN6Y',
    );
    expect(iptablesServiceChains('kube-system/kube-dns:dns', 'UDP').svc).toBe(
      'KUBE-SVC-TCOU7JCQXEZGVUNU',
    );
    expect(iptablesServiceChains('kube-system/kube-dns:dns-tcp', 'TCP').svc).toBe(
      'KUBE-SVC-ERIFXISQEP7F7OF4',
    );
    expect(iptablesServiceChains('kube-system/kube-dns:metrics', 'TCP').svc).toBe(
      'KUBE-SVC-JD5MR3NA4I4DYORP',
    );
  });
  it('leaves the port name out of ServicePortName when it is empty', () => {
    expect(servicePortName('default', 'nginx', '')).toBe('default/nginx');
    expect(servicePortName('default', 'nginx', 'http')).toBe('default/nginx:http');
  });
});

describe('nftables chain names', () => {
  it('prefix an 8-character hash to ns/name/protocol/port', () => {
    expect(nftServiceChains('ns1', 'svc1', 'p80', 'TCP').service).toBe(
      'service-ULMVA6XW-ns1/svc1/tcp/p80',
    );
    expect(nftServiceChains('ns2', 'svc2', 'p80', 'TCP').external).toBe(
      'external-42NFTM6N-ns2/svc2/tcp/p80',
    );
    expect(nftServiceChains('ns5', 'svc5', 'p80', 'TCP').firewall).toBe(
      'firewall-HVFWP5L3-ns5/svc5/tcp/p80',
    );
  });
  it('name endpoint chains and affinity sets after ip/port', () => {
    expect(nftEndpointNames('ns1', 'svc1', 'p80', 'TCP', '10.180.0.1', 80).chain).toBe(
      'endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80',
    );
    expect(nftEndpointNames('ns4', 'svc4', 'p80', 'TCP', '10.180.0.5', 80).chain).toBe(
      'endpoint-5RFCDDV7-ns4/svc4/tcp/p80__10.180.0.5/80',
    );
    expect(nftEndpointNames('ns5', 'svc5', 'p80', 'TCP', '10.180.0.3', 80).affinitySet).toBe(
      'affinity-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80',
    );
  });
});
