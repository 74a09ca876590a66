/**
 * Field-level rules the shape check cannot express, per kind: names, labels and selectors, pod
 * specs, workload selectors, ports, CIDRs and known mistakes. Each rule follows the API server's
 * validation (k8s.io/kubernetes pkg/apis/…/validation) and says how to fix what it finds.
 * Each group of kinds has its own file (`validateServices.ts`, `validateCluster.ts`,
 * `validateNetworkPolicy.ts`, `validateIngress.ts`, `validatePodSpec.ts`).
 */
import { childPath } from './fieldPath';
import type { CheckContext } from './schema';
import { validateClusterSettings, validateNode } from './validateCluster';
import { validateIngress, validateIngressClass } from './validateIngress';
import { validateNetworkPolicy } from './validateNetworkPolicy';
import { validatePodSpec, validatePodStatus } from './validatePodSpec';
import { validateEndpoints, validateEndpointSlice, validateService } from './validateServices';
import type { Obj } from './validators';
import {
  asInt,
  asObj,
  asStr,
  checkDnsName,
  checkLabelKey,
  checkLabelMap,
  checkLabelSelector,
  checkObjectName,
  report,
  selectorMatches,
} from './validators';

type KindRule = (spec: Obj, ctx: CheckContext, object: Obj) => void;

/** Per-kind rules on `spec` (or, for kinds without one, the whole object). */
const KIND_RULES: Readonly<Record<string, KindRule>> = {
  Pod: (spec, ctx, object) => {
    validatePodSpec(ctx, 'spec', spec, 'Pod');
    const status = asObj(object['status']);
    if (status) validatePodStatus(ctx, status);
  },
  Deployment: (spec, ctx) => {
    validateWorkload(ctx, spec, 'Deployment');
  },
  ReplicaSet: (spec, ctx) => {
    validateWorkload(ctx, spec, 'ReplicaSet');
  },
  StatefulSet: (spec, ctx) => {
    validateWorkload(ctx, spec, 'StatefulSet');
  },
  DaemonSet: (spec, ctx) => {
    validateWorkload(ctx, spec, 'DaemonSet');
  },
  Job: (spec, ctx) => {
    validateJob(ctx, spec);
  },
  Service: (spec, ctx) => {
    validateService(ctx, spec);
  },
  Node: (spec, ctx, object) => {
    validateNode(ctx, spec, asObj(object['status']));
  },
  NetworkPolicy: (spec, ctx) => {
    validateNetworkPolicy(ctx, spec);
  },
  Ingress: (spec, ctx, object) => {
    validateIngress(ctx, spec, asObj(object['metadata']) ?? {});
  },
  IngressClass: (spec, ctx) => {
    validateIngressClass(ctx, spec);
  },
  ClusterSettings: (spec, ctx) => {
    validateClusterSettings(ctx, spec);
  },
};

/** Kinds whose fields sit at the top level rather than under `spec`. */
const TOP_LEVEL_RULES: Readonly<Record<string, (object: Obj, ctx: CheckContext) => void>> = {
  Endpoints: (object, ctx) => {
    validateEndpoints(ctx, object);
  },
  EndpointSlice: (object, ctx) => {
    validateEndpointSlice(ctx, object);
  },
};

export function validateObjectFields(
  kind: string,
  value: Record<string, unknown>,
  ctx: CheckContext,
): void {
  const meta = asObj(value['metadata']);
  if (meta) validateMetadata(ctx, 'metadata', meta, kind);
  const topLevel = TOP_LEVEL_RULES[kind];
  if (topLevel) topLevel(value, ctx);
  const rule = KIND_RULES[kind];
  if (!rule) return;
  const spec = asObj(value['spec']);
  // Ingress and IngressClass may omit spec only to be told what they lack; others skip.
  if (spec || kind === 'Ingress' || kind === 'IngressClass') rule(spec ?? {}, ctx, value);
}

/** Object names, the namespace, and label and annotation keys (apimachinery ValidateObjectMeta). */
export function validateMetadata(
  ctx: CheckContext,
  path: string,
  meta: Obj,
  kind: string | undefined,
): void {
  const name = asStr(meta['name']);
  if (name !== undefined && kind) checkObjectName(kind, name, childPath(path, 'name'), ctx);
  const ns = asStr(meta['namespace']);
  if (ns !== undefined && ns !== '') {
    checkDnsName(ctx, childPath(path, 'namespace'), ns, 'label', 'namespace');
  }
  checkLabelMap(ctx, childPath(path, 'labels'), meta['labels'], 'label');
  const annotations = asObj(meta['annotations']);
  for (const key of Object.keys(annotations ?? {})) {
    checkLabelKey(ctx, childPath(childPath(path, 'annotations'), key), key, 'annotation');
  }
}

/** Labels as a plain map (values of the wrong type are left out; the shape check reported them). */
function labelsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(asObj(v) ?? {})) if (typeof val === 'string') out[k] = val;
  return out;
}

function describeSelector(sel: Obj): string {
  const parts = Object.entries(labelsOf(sel['matchLabels'])).map(([k, v]) => `${k}=${v}`);
  const exprs = Array.isArray(sel['matchExpressions']) ? sel['matchExpressions'].length : 0;
  if (exprs > 0) parts.push(`${String(exprs)} matchExpressions`);
  return parts.join(', ');
}

function describeLabels(labels: Readonly<Record<string, string>>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return parts.length > 0 ? parts.join(', ') : 'no labels';
}

/**
 * A workload's template: the pod spec, its labels, and (for controllers that own their pods by
 * selector) the selector must select them, as apps/v1 ValidateDeploymentSpec and friends demand.
 */
function validateTemplate(
  ctx: CheckContext,
  spec: Obj,
  kind: string,
  selector: Obj | undefined,
): void {
  const template = asObj(spec['template']);
  if (!template) return;
  const meta = asObj(template['metadata']);
  if (meta) validateMetadata(ctx, 'spec.template.metadata', meta, undefined);
  const podSpec = asObj(template['spec']);
  if (podSpec) {
    validatePodSpec(ctx, 'spec.template.spec', podSpec, kind);
  } else if (template['spec'] === undefined || template['spec'] === null) {
    report(
      ctx,
      'spec.template.spec',
      'error',
      'missing-field',
      `the pod template needs a spec with at least one container (spec.template.spec.containers)`,
      true,
    );
  }
  if (!selector) return;
  const labels = labelsOf(meta?.['labels']);
  if (!selectorMatches(selector, labels)) {
    report(
      ctx,
      'spec.template.metadata.labels',
      'error',
      'selector-mismatch',
      `\`selector\` does not match template \`labels\`: spec.selector requires ${describeSelector(selector)} but the template has ${describeLabels(labels)}; give the template every label the selector asks for`,
    );
  }
}

function validateReplicas(ctx: CheckContext, path: string, v: unknown, what: string): void {
  const n = asInt(v);
  if (n !== undefined && n < 0) {
    report(ctx, path, 'error', 'invalid-value', `${what} must be 0 or more, got ${String(n)}`);
  }
}

function validateWorkload(ctx: CheckContext, spec: Obj, kind: string): void {
  validateReplicas(ctx, 'spec.replicas', spec['replicas'], 'replicas');
  validateReplicas(ctx, 'spec.minReadySeconds', spec['minReadySeconds'], 'minReadySeconds');
  const selector = asObj(spec['selector']);
  if (selector) {
    checkLabelSelector(ctx, 'spec.selector', selector);
    if (describeSelector(selector) === '') {
      report(
        ctx,
        'spec.selector',
        'error',
        'empty-selector',
        `empty selector is invalid for ${kind.toLowerCase()}; add matchLabels naming the template's labels (e.g. matchLabels: {app: web})`,
      );
    }
  }
  validateTemplate(
    ctx,
    spec,
    kind,
    selector && describeSelector(selector) !== '' ? selector : undefined,
  );
  if (kind === 'StatefulSet' && !asStr(spec['serviceName'])) {
    report(
      ctx,
      'spec',
      'warning',
      'missing-service-name',
      'StatefulSet has no serviceName: its pods get no stable DNS names (pod-0.<service>.<namespace>.svc); set serviceName to a headless Service (clusterIP: None)',
      true,
    );
  }
}

/** batch/v1 ValidateJobSpec: counts are non-negative; a manual selector must match the template. */
function validateJob(ctx: CheckContext, spec: Obj): void {
  for (const f of ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds']) {
    validateReplicas(ctx, childPath('spec', f), spec[f], f);
  }
  const selector = asObj(spec['selector']);
  if (selector) checkLabelSelector(ctx, 'spec.selector', selector);
  if (selector && spec['manualSelector'] !== true) {
    // Kubernetes generates a Job's selector (controller-uid) unless told otherwise.
    report(
      ctx,
      'spec.selector',
      'error',
      'job-selector',
      '`selector` not auto-generated: Kubernetes generates Job selectors; remove spec.selector, or set manualSelector: true if you really mean to pick the pods yourself',
    );
  }
  validateTemplate(ctx, spec, 'Job', spec['manualSelector'] === true ? selector : undefined);
}
