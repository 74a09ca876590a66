import { describe, expect, it } from 'vitest';
import { explainPair, simulate } from './simulate';

const YAML = `apiVersion: v1
kind: Pod
metadata: {name: a, labels: {app: a}}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b, labels: {app: b}}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: b-from-nobody}
spec: {podSelector: {matchLabels: {app: b}}, policyTypes: [Ingress]}
`;

describe('explainPair', () => {
  it('says which side decides a cell, from the last simulated cluster', () => {
    simulate({ files: [{ file: 's.yaml', content: YAML }], matrix: { port: 80, protocol: 'TCP' } });
    expect(explainPair('default/a', 'default/b', 80, 'TCP')).toEqual({
      allowed: false,
      text: "default/a → default/b on TCP/80: denied. default/a's egress is not isolated; default/b's ingress is isolated by default/b-from-nobody and no rule allows this.",
    });
    expect(explainPair('default/b', 'default/a', 80, 'TCP').allowed).toBe(true);
    expect(explainPair('default/a', 'default/zz', 80, 'TCP')).toEqual({
      allowed: false,
      text: 'no pod default/zz in the current scenario',
    });
  });
});
