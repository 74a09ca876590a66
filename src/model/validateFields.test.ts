import { describe, expect, it } from 'vitest';
import { parseManifests } from './parseManifests';
import { dedent, lint } from './testing/lint';

describe('metadata', () => {
  it('checks object names, namespaces, label keys and values', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Pod
        metadata:
          name: Web_App
          namespace: My-NS
          labels:
            "bad key!": x
            example.com/tier: "has space"
            Example.com/a: b
            a/b/c: d
            app.kubernetes.io/name: ok
            empty: ""
          annotations:
            "example.com/": x
        spec:
          containers: [{name: web, image: nginx}]
      `),
    ).toEqual([
      'f.yaml:4:9: error: metadata.name: invalid Pod name "Web_App": must be a lowercase RFC 1123 subdomain: at most 253 characters, only a-z, 0-9, "-" and ".", starting and ending with a letter or digit (e.g. "web-app")',
      'f.yaml:5:14: error: metadata.namespace: invalid namespace "My-NS": must be a lowercase RFC 1123 label: at most 63 characters, only a-z, 0-9 and "-", starting and ending with a letter or digit (e.g. "my-ns")',
      'f.yaml:7:5: error: metadata.labels["bad key!"]: invalid label key "bad key!": the name part must be at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
      'f.yaml:8:23: error: metadata.labels["example.com/tier"]: invalid label value "has space": must be empty or at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit (e.g. "has-space")',
      'f.yaml:9:5: error: metadata.labels["Example.com/a"]: invalid label key "Example.com/a": its prefix "Example.com" must be a lowercase DNS subdomain such as "example.com" or "app.kubernetes.io"',
      'f.yaml:10:5: error: metadata.labels["a/b/c"]: invalid label key "a/b/c": may contain at most one "/" (an optional DNS prefix, then a name)',
      'f.yaml:14:5: error: metadata.annotations["example.com/"]: invalid annotation key "example.com/": the name after "/" must not be empty',
    ]);
  });

  it('asks to quote numbers and booleans used as label values', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: team-a
          labels: {version: 1, canary: true}
      `),
    ).toEqual([
      'f.yaml:5:21: error: metadata.labels.version: must be a string, got the number 1; quote it (version: "1")',
      'f.yaml:5:32: error: metadata.labels.canary: must be a string, got the boolean true; quote it (canary: "true")',
    ]);
  });

  it('limits label names to 63 characters and namespace names to DNS labels', () => {
    const long = 'a'.repeat(64);
    expect(
      lint(`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: team.a
          labels: {${long}: x, k: ${long}}
      `),
    ).toEqual([
      'f.yaml:4:9: error: metadata.name: invalid Namespace name "team.a": must be a lowercase RFC 1123 label: at most 63 characters, only a-z, 0-9 and "-", starting and ending with a letter or digit (e.g. "team-a")',
      `f.yaml:5:12: error: metadata.labels.${long}: invalid label key "${long}": the name part must be at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit`,
      `f.yaml:5:84: error: metadata.labels.k: invalid label value "${long}": must be empty or at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit (e.g. "${'a'.repeat(63)}")`,
    ]);
  });

  it('requires Service names to start with a letter (RFC 1035)', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Service
        metadata: {name: 1st-svc}
        spec: {ports: [{port: 80}]}
      `),
    ).toEqual([
      'f.yaml:3:18: error: metadata.name: invalid Service name "1st-svc": must be a lowercase RFC 1035 label: at most 63 characters, only a-z, 0-9 and "-", starting with a letter and ending with a letter or digit (e.g. "st-svc")',
    ]);
  });
});

describe('workload selectors', () => {
  it('reports a selector that does not match the template labels, as the API server does', () => {
    expect(
      lint(`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: -1
          selector:
            matchLabels: {app: webapp}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers: [{name: web, image: nginx}]
      `),
    ).toEqual([
      'f.yaml:5:13: error: spec.replicas: replicas must be 0 or more, got -1',
      'f.yaml:10:15: error: spec.template.metadata.labels: `selector` does not match template `labels`: spec.selector requires app=webapp but the template has app=web; give the template every label the selector asks for',
    ]);
  });

  it('evaluates matchExpressions against the template labels', () => {
    const workload = (kind: string, op: string, extra = '') =>
      lint(`
        apiVersion: apps/v1
        kind: ${kind}
        metadata: {name: w}
        spec:
          ${extra}
          selector:
            matchExpressions: [{key: tier, operator: ${op}, values: [web]}]
          template:
            metadata: {labels: {tier: web}}
            spec: {containers: [{name: c, image: i}]}
      `);
    expect(workload('DaemonSet', 'In')).toEqual([]);
    expect(workload('ReplicaSet', 'NotIn')).toEqual([
      'f.yaml:9:24: error: spec.template.metadata.labels: `selector` does not match template `labels`: spec.selector requires 1 matchExpressions but the template has tier=web; give the template every label the selector asks for',
    ]);
    expect(workload('StatefulSet', 'In', 'serviceName: w')).toEqual([]);
  });

  it('rejects an empty selector and a template without labels', () => {
    expect(
      lint(`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {}
          template:
            spec:
              containers: [{name: web, image: nginx}]
      `),
    ).toEqual([
      "f.yaml:5:13: error: spec.selector: empty selector is invalid for deployment; add matchLabels naming the template's labels (e.g. matchLabels: {app: web})",
    ]);
    expect(
      lint(`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            spec:
              containers: [{name: web, image: nginx}]
      `),
    ).toEqual([
      'f.yaml:7:5: error: spec.template.metadata.labels: `selector` does not match template `labels`: spec.selector requires app=web but the template has no labels; give the template every label the selector asks for',
    ]);
  });

  it('requires a pod spec in the template and Always as its restart policy', () => {
    expect(
      lint(`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
      `),
    ).toEqual([
      'f.yaml:6:3: error: spec.template.spec: the pod template needs a spec with at least one container (spec.template.spec.containers)',
    ]);
    expect(
      lint(`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              restartPolicy: OnFailure
              containers: [{name: agent, image: agent}]
      `),
    ).toEqual([
      'f.yaml:9:22: error: spec.template.spec.restartPolicy: unsupported value "OnFailure" in a DaemonSet: supported values: "Always"',
    ]);
  });

  it('points at the misplaced pod fields of a Deployment', () => {
    expect(
      lint(`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replica: 2
          selector: {matchLabels: {app: web}}
          containers: [{name: web, image: nginx}]
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
      `),
    ).toEqual([
      'f.yaml:5:3: error: spec.replica: unknown field "replica" in DeploymentSpec; did you mean "replicas"?',
      'f.yaml:7:3: error: spec.containers: unknown field "containers" in DeploymentSpec; it belongs under "template.spec"',
    ]);
  });

  it('warns about a StatefulSet without a governing Service', () => {
    expect(
      lint(`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec: {containers: [{name: db, image: postgres}]}
      `),
    ).toEqual([
      'f.yaml:4:1: warning: spec: StatefulSet has no serviceName: its pods get no stable DNS names (pod-0.<service>.<namespace>.svc); set serviceName to a headless Service (clusterIP: None)',
    ]);
  });
});

describe('Jobs', () => {
  it('needs OnFailure or Never and no hand-written selector', () => {
    expect(
      lint(`
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate}
        spec:
          parallelism: -2
          selector: {matchLabels: {job: migrate}}
          template:
            spec:
              containers: [{name: m, image: migrate}]
      `),
    ).toEqual([
      'f.yaml:5:16: error: spec.parallelism: parallelism must be 0 or more, got -2',
      'f.yaml:6:13: error: spec.selector: `selector` not auto-generated: Kubernetes generates Job selectors; remove spec.selector, or set manualSelector: true if you really mean to pick the pods yourself',
      "f.yaml:8:5: error: spec.template.spec.restartPolicy: a Job's pod template must set restartPolicy: OnFailure or Never (the default, Always, would never let the Job finish)",
    ]);
  });

  it('accepts a plain Job', () => {
    const result = parseManifests([
      {
        file: 'job.yaml',
        content: dedent(`
          apiVersion: batch/v1
          kind: Job
          metadata: {name: pi}
          spec:
            template:
              spec:
                restartPolicy: Never
                containers: [{name: pi, image: perl}]
        `),
      },
    ]);
    expect(result.diagnostics).toEqual([]);
    expect(result.manifests.map((m) => `${m.kind} ${m.namespace}/${m.name}`)).toEqual([
      'Job default/pi',
    ]);
  });
});

describe('label selectors', () => {
  it('checks operators against their values and keys and values against label rules', () => {
    expect(
      lint(`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: np}
        spec:
          podSelector:
            matchLabels: {app: "web server"}
            matchExpressions:
            - {key: app, operator: In}
            - {key: tier, operator: NotIn, values: []}
            - {key: tier, operator: Exists, values: [a]}
            - {key: "-tier", operator: DoesNotExist}
            - {key: tier, operator: Has}
      `),
    ).toEqual([
      'f.yaml:6:24: error: spec.podSelector.matchLabels.app: invalid selector label value "web server": must be empty or at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit (e.g. "web-server")',
      'f.yaml:8:7: error: spec.podSelector.matchExpressions[0]: values must be non-empty when operator is In; list at least one value, or use operator Exists to match any value',
      'f.yaml:9:44: error: spec.podSelector.matchExpressions[1].values: values must be non-empty when operator is NotIn; list at least one value, or use operator Exists to match any value',
      'f.yaml:10:45: error: spec.podSelector.matchExpressions[2].values: values must be empty when operator is Exists; remove values (or use operator In to match specific values)',
      'f.yaml:11:13: error: spec.podSelector.matchExpressions[3].key: invalid selector label key "-tier": the name part must be at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
      'f.yaml:12:29: error: spec.podSelector.matchExpressions[4].operator: unsupported value "Has": must be one of "In", "NotIn", "Exists", "DoesNotExist"',
    ]);
  });
});

describe('quote hints keep what the user typed', () => {
  it('suggests "1.0", not "1", for an unquoted 1.0 label value', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: team-a
          labels: {version: 1.0, enabled: yes}
      `),
    ).toEqual([
      'f.yaml:5:21: error: metadata.labels.version: must be a string, got the number 1.0; quote it (version: "1.0")',
      'f.yaml:5:35: warning: metadata.labels.enabled: an unquoted yes is the boolean true to YAML 1.1 readers (older kubectl), and this field must be a string; quote it: "yes"',
    ]);
  });
});
