import { describe, expect, it } from 'vitest';
import { lint } from './testing/lint';

describe('scheduling', () => {
  it('checks nodeSelector labels, node affinity operators and tolerations', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          nodeSelector: {disktype: ssd, "kubernetes.io/os": linux, zone: "eu west"}
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                - matchExpressions:
                  - {key: cores, operator: Gt, values: ["many"]}
                  - {key: zone, operator: In, values: []}
              preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 200
                preference:
                  matchExpressions: [{key: gpu, operator: Exists, values: ["yes"]}]
          tolerations:
          - {operator: Equal, value: x}
          - {key: dedicated, operator: Exists, value: db}
          - {key: dedicated, operator: Equal, value: db, effect: NoSchedule, tolerationSeconds: 60}
          - {operator: Exists}
          containers: [{name: web, image: nginx}]
      `),
    ).toEqual([
      'f.yaml:5:66: error: spec.nodeSelector.zone: invalid nodeSelector value "eu west": must be empty or at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit (e.g. "eu-west")',
      'f.yaml:11:48: error: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: operator Gt needs exactly one integer value, written as a string (values: ["3"])',
      'f.yaml:12:47: error: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values: values must be non-empty when operator is In; list at least one value, or use operator Exists to match any value',
      'f.yaml:14:17: error: spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: weight must be between 1 and 100, got 200',
      'f.yaml:16:67: error: spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].values: values must be empty when operator is Exists; remove values (or use operator In to match specific values)',
      'f.yaml:18:5: error: spec.tolerations[0]: a toleration without a key must use operator: Exists (it then tolerates every taint)',
      'f.yaml:19:47: error: spec.tolerations[1].value: value must be empty when operator is Exists; remove it, or use operator: Equal to match this value',
      'f.yaml:20:89: warning: spec.tolerations[2].tolerationSeconds: tolerationSeconds only applies to effect: NoExecute; it is ignored here',
    ]);
  });
});
