import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics';
import { parseManifests } from './parseManifests';
import { dedent, lint } from './testing/lint';

describe('NetworkPolicy peers and CIDRs', () => {
  it('checks ipBlock CIDRs and that each except lies strictly inside cidr', () => {
    expect(
      lint(`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: np}
        spec:
          podSelector: {}
          ingress:
          - from:
            - ipBlock: {cidr: 10.0.0.0/33}
            - ipBlock:
                cidr: 10.0.0.1/16
                except: [10.1.0.0/24, 10.0.0.0/16, "fd00::/64", 10.0.5.0, 10.0.7.0/24]
            - ipBlock: {cidr: "2001:db8::/32", except: ["2001:db8:1::/48"]}
            - ipBlock: {cidr: 300.0.0.0/8}
      `),
    ).toEqual([
      'f.yaml:8:23: error: spec.ingress[0].from[0].ipBlock.cidr: invalid cidr "10.0.0.0/33": has an invalid prefix length "33": must be 0-32 for IPv4',
      'f.yaml:10:15: warning: spec.ingress[0].from[1].ipBlock.cidr: cidr "10.0.0.1/16" has bits set after the /16 prefix; it means 10.0.0.0/16, so write that',
      'f.yaml:11:18: error: spec.ingress[0].from[1].ipBlock.except[0]: except 10.1.0.0/24 must be a strict subset of cidr 10.0.0.1/16 (inside it and with a longer prefix)',
      'f.yaml:11:31: error: spec.ingress[0].from[1].ipBlock.except[1]: except 10.0.0.0/16 must be a strict subset of cidr 10.0.0.1/16 (inside it and with a longer prefix)',
      'f.yaml:11:44: error: spec.ingress[0].from[1].ipBlock.except[2]: except fd00::/64 must be a strict subset of cidr 10.0.0.1/16 (inside it and with a longer prefix)',
      'f.yaml:11:57: error: spec.ingress[0].from[1].ipBlock.except[3]: invalid except CIDR "10.0.5.0": is missing the prefix length; write it as address/prefix (e.g. 10.0.5.0/32 for a single address)',
      'f.yaml:13:23: error: spec.ingress[0].from[3].ipBlock.cidr: invalid cidr "300.0.0.0/8": has an address that is not a valid IPv4 address (four numbers 0-255, like 10.0.0.1) or IPv6 address',
    ]);
  });

  it('needs a peer and keeps ipBlock apart from selectors', () => {
    expect(
      lint(`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: np}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Ingress, Egress]
          ingress:
          - from:
            - {}
            - ipBlock: {cidr: 10.0.0.0/8}
              podSelector: {matchLabels: {app: web}}
            - namespaceSelector: {matchLabels: {team: a}}
              podSelector: {matchLabels: {app: web}}
          egress:
          - to: [{podSelector: {matchLabels: {"app.kubernetes.io/name": "web!"}}}]
      `),
    ).toEqual([
      'f.yaml:9:7: error: spec.ingress[0].from[0]: must specify a peer: podSelector, namespaceSelector and/or ipBlock (to allow everyone, leave out from/to entirely)',
      'f.yaml:10:7: error: spec.ingress[0].from[1].ipBlock: may not specify both ipBlock and another peer; make them separate list items (- ipBlock: … and - podSelector: …)',
      'f.yaml:15:65: error: spec.egress[0].to[0].podSelector.matchLabels["app.kubernetes.io/name"]: invalid selector label value "web!": must be empty or at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit (e.g. "web")',
    ]);
  });

  it('warns when policyTypes leaves rules out', () => {
    expect(
      lint(`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: np}
        spec:
          podSelector: {}
          policyTypes: [Ingress]
          egress:
          - to: [{namespaceSelector: {}}]
      `),
    ).toEqual([
      'f.yaml:7:3: warning: spec.egress: these egress rules are ignored because policyTypes does not include Egress; add Egress to policyTypes',
    ]);
  });
});

describe('NetworkPolicy ports', () => {
  it('checks numbers, names and endPort ranges', () => {
    expect(
      lint(`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: np}
        spec:
          podSelector: {}
          egress:
          - ports:
            - {port: http, endPort: 90}
            - {port: 8080, endPort: 80}
            - {port: "53", protocol: UDP}
            - {endPort: 5}
            - {port: 32000, endPort: 70000}
            - {port: 0}
            - {port: 30000, endPort: 32767, protocol: TCP}
            - {port: dns-tcp}
      `),
    ).toEqual([
      'f.yaml:8:29: error: spec.egress[0].ports[0].endPort: endPort may not be specified when port is a name; give a numeric port to start the range',
      'f.yaml:9:29: error: spec.egress[0].ports[1].endPort: endPort 80 must be greater than or equal to port 8080',
      'f.yaml:10:14: error: spec.egress[0].ports[2].port: invalid port name "53": an IANA service name must contain at least one letter (a-z); to use port number 53, remove the quotes',
      'f.yaml:11:17: error: spec.egress[0].ports[3].endPort: endPort may not be specified without port; set port to the first port of the range',
      'f.yaml:12:30: error: spec.egress[0].ports[4].endPort: endPort 70000 is out of range: must be between 1 and 65535',
      'f.yaml:13:14: error: spec.egress[0].ports[5].port: port 0 is out of range: must be between 1 and 65535',
    ]);
  });

  it('accepts a default-deny policy and one with podSelector omitted', () => {
    const result = parseManifests([
      {
        file: 'np.yaml',
        content: dedent(`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: default-deny, namespace: prod}
          spec:
            podSelector: {}
            policyTypes: [Ingress, Egress]
          ---
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: no-selector}
          spec:
            ingress: [{}]
        `),
      },
    ]);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'np.yaml:11:1: error: spec.podSelector: missing required field "podSelector" in NetworkPolicySpec',
    ]);
    expect(result.manifests.map((m) => `${m.namespace}/${m.name}`)).toEqual(['prod/default-deny']);
  });
});
