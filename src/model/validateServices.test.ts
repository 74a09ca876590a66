import { describe, expect, it } from 'vitest';
import { lint } from './testing/lint';

describe('Service ports', () => {
  it('checks numbers, names, nodePorts and duplicates', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          type: NodePort
          selector: {app: web}
          ports:
          - {port: 80, targetPort: http_port, nodePort: 8080}
          - {port: 80, name: web}
          - {port: 0, name: web, targetPort: 70000}
          - {port: 443, name: HTTPS, targetPort: "8443", protocol: TCP}
          - {port: 444, name: tls, nodePort: 31000, targetPort: 8443}
      `),
    ).toEqual([
      'f.yaml:8:5: error: spec.ports[0]: Service ports must be named when there is more than one; add name: (e.g. "http", "metrics") to each',
      'f.yaml:8:28: error: spec.ports[0].targetPort: invalid targetPort name "http_port": an IANA service name may contain only lowercase a-z, 0-9 and "-" (e.g. "http", "metrics", "grpc-api")',
      'f.yaml:8:49: warning: spec.ports[0].nodePort: nodePort 8080 is outside the default range 30000-32767; the API server rejects it unless --service-node-port-range allows it (omit nodePort to get one assigned)',
      'f.yaml:9:12: error: spec.ports[1].port: duplicate port 80/TCP: already defined at spec.ports[0]; each port/protocol pair may appear once',
      'f.yaml:10:12: error: spec.ports[2].port: port 0 is out of range: must be between 1 and 65535',
      'f.yaml:10:21: error: spec.ports[2].name: duplicate port name "web": already used at spec.ports[1].name; port names must be unique',
      'f.yaml:10:38: error: spec.ports[2].targetPort: targetPort 70000 is out of range: must be between 1 and 65535',
      'f.yaml:11:23: error: spec.ports[3].name: invalid port name "HTTPS": must be a lowercase RFC 1123 label: at most 63 characters, only a-z, 0-9 and "-", starting and ending with a letter or digit (e.g. "https")',
      'f.yaml:11:42: error: spec.ports[3].targetPort: invalid targetPort name "8443": an IANA service name must contain at least one letter (a-z); to use port number 8443, remove the quotes',
    ]);
  });

  it('allows nodePort only on NodePort and LoadBalancer Services and needs a port', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          ports: [{port: 80, nodePort: 30080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: empty}
        spec:
          selector: {app: web}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: headless}
        spec:
          clusterIP: None
          selector: {app: db}
      `),
    ).toEqual([
      'f.yaml:5:32: error: spec.ports[0].nodePort: nodePort may only be set when type is NodePort or LoadBalancer (this Service is ClusterIP); remove it or change the type',
      'f.yaml:10:1: error: spec.ports: a Service needs at least one port (e.g. ports: [{port: 80, targetPort: 8080}]), unless it is headless (clusterIP: None)',
    ]);
  });
});

describe('Service addresses and types', () => {
  it('checks cluster, external and load-balancer IPs', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          clusterIP: 10.96.0.500
          clusterIPs: [10.96.0.10]
          externalIPs: [192.0.2.10, 1.2.3]
          loadBalancerIP: lb
          loadBalancerSourceRanges: [0.0.0.0/0, 10.0.0.0]
          sessionAffinity: ClientIP
          sessionAffinityConfig: {clientIP: {timeoutSeconds: 0}}
          ports: [{port: 80}]
      `),
    ).toEqual([
      'f.yaml:5:14: error: spec.clusterIP: invalid clusterIP "10.96.0.500": is not a valid IPv4 address (four numbers 0-255, like 10.0.0.1) or IPv6 address',
      'f.yaml:6:16: error: spec.clusterIPs[0]: clusterIPs[0] must equal clusterIP (10.96.0.500); drop one of them',
      'f.yaml:7:29: error: spec.externalIPs[1]: invalid externalIP "1.2.3": is not a valid IPv4 address (four numbers 0-255, like 10.0.0.1) or IPv6 address',
      'f.yaml:8:19: error: spec.loadBalancerIP: invalid loadBalancerIP "lb": is not a valid IPv4 address (four numbers 0-255, like 10.0.0.1) or IPv6 address',
      'f.yaml:9:41: error: spec.loadBalancerSourceRanges[1]: invalid source range "10.0.0.0": is missing the prefix length; write it as address/prefix (e.g. 10.0.0.0/32 for a single address)',
      'f.yaml:11:54: error: spec.sessionAffinityConfig.clientIP.timeoutSeconds: timeoutSeconds must be between 1 and 86400 (one day), got 0',
    ]);
  });

  it('knows what each type allows', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Service
        metadata: {name: ext}
        spec:
          type: ExternalName
          selector: {app: x}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: lb}
        spec:
          type: LoadBalancer
          clusterIP: None
          ports: [{port: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: local}
        spec:
          type: Nodeport
          externalTrafficPolicy: Local
          externalName: db.example.com
          ports: [{port: 80}]
      `),
    ).toEqual([
      'f.yaml:4:1: error: spec.externalName: a Service of type ExternalName needs spec.externalName, the DNS name it aliases (e.g. externalName: db.example.com)',
      'f.yaml:6:13: warning: spec.selector: selector is ignored for ExternalName Services: DNS answers with a CNAME and no endpoints are made; remove it, or use type ClusterIP to select pods',
      'f.yaml:13:14: error: spec.clusterIP: clusterIP: None (headless) is only valid for type ClusterIP, not LoadBalancer; remove clusterIP or change the type',
      'f.yaml:20:9: error: spec.type: unsupported value "Nodeport": must be one of "ClusterIP", "NodePort", "LoadBalancer", "ExternalName" (did you mean "NodePort"?)',
      'f.yaml:21:26: warning: spec.externalTrafficPolicy: externalTrafficPolicy only affects traffic from outside the cluster (NodePort, LoadBalancer or externalIPs); it has no effect on a Nodeport Service',
      'f.yaml:22:17: warning: spec.externalName: externalName is only used by type ExternalName; this Service is Nodeport',
    ]);
  });

  it('accepts a well-formed ExternalName and a dual-stack headless Service', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Service
        metadata: {name: db}
        spec: {type: ExternalName, externalName: db.example.com.}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: peers}
        spec:
          clusterIP: None
          clusterIPs: [None]
          ipFamilyPolicy: PreferDualStack
          ipFamilies: [IPv4, IPv6]
          ports: [{name: gossip, port: 7946, protocol: UDP}, {name: raft, port: 7946}]
      `),
    ).toEqual([]);
  });
});

describe('Endpoints and EndpointSlices', () => {
  it('checks endpoint addresses and port names', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Endpoints
        metadata: {name: legacy}
        subsets:
        - addresses: [{ip: 10.244.1.5}, {ip: 10.244.1}, {ip: 127.0.0.1}]
          ports: [{port: 80}, {port: 81}]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata: {name: web-abc}
        addressType: IPv4
        endpoints:
        - addresses: ["fd00::1"]
        - addresses: []
        ports: [{port: 80, name: http}, {port: 81, name: http}]
      `),
    ).toEqual([
      'f.yaml:5:38: error: subsets[0].addresses[1].ip: invalid endpoint IP "10.244.1": is not a valid IPv4 address (four numbers 0-255, like 10.0.0.1) or IPv6 address',
      'f.yaml:5:54: error: subsets[0].addresses[2].ip: endpoint IP 127.0.0.1 is loopback; endpoints must be pod or node addresses',
      'f.yaml:6:11: error: subsets[0].ports[0]: Endpoints ports must be named when there is more than one; add name: (e.g. "http", "metrics") to each',
      'f.yaml:6:23: error: subsets[0].ports[1]: Endpoints ports must be named when there is more than one; add name: (e.g. "http", "metrics") to each',
      'f.yaml:10:1: warning: metadata: EndpointSlice has no kubernetes.io/service-name label, so no Service uses it; add labels: {kubernetes.io/service-name: <service name>}',
      'f.yaml:13:15: error: endpoints[0].addresses[0]: invalid IPv4 address "fd00::1": must be an IPv4 address',
      'f.yaml:14:14: error: endpoints[1].addresses: an endpoint needs 1 to 100 addresses, got 0',
      'f.yaml:15:50: error: ports[1].name: duplicate port name "http": already used at ports[0].name; port names must be unique',
    ]);
  });
});
