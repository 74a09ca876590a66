/**
 * Label selectors as the API defines them (k8s.io/apimachinery labels): matchLabels and
 * matchExpressions are ANDed; an empty selector matches everything.
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';

export type Labels = Readonly<Record<string, string>>;

export interface Requirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

/** A selector compiled once: sorted requirements and a canonical string for caching. */
export interface CompiledSelector {
  readonly requirements: readonly Requirement[];
  /** Same string for selectors that select the same things (used as a cache key). */
  readonly canonical: string;
  readonly isEmpty: boolean;
}

export function compileSelector(sel: LabelSelector | null | undefined): CompiledSelector {
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(sel?.matchLabels ?? {})) {
    reqs.push({ key, operator: 'In', values: [value] });
  }
  for (const e of sel?.matchExpressions ?? []) {
    const op = e.operator as Requirement['operator'];
    reqs.push({ key: e.key, operator: op, values: [...(e.values ?? [])].map(String).sort() });
  }
  reqs.sort((a, b) =>
    a.key < b.key
      ? -1
      : a.key > b.key
        ? 1
        : a.operator < b.operator
          ? -1
          : a.operator > b.operator
            ? 1
            : 0,
  );
  const canonical = reqs.map((r) => `${r.key} ${r.operator} (${r.values.join(',')})`).join('; ');
  return { requirements: reqs, canonical, isEmpty: reqs.length === 0 };
}

export function matchesRequirement(r: Requirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.operator) {
    case 'In':
      return has && r.values.includes(labels[r.key] ?? '');
    case 'NotIn':
      return !has || !r.values.includes(labels[r.key] ?? '');
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

export function matchesSelector(sel: CompiledSelector, labels: Labels): boolean {
  for (const r of sel.requirements) if (!matchesRequirement(r, labels)) return false;
  return true;
}

/** A selector in words: `app=web, tier in (a, b), !debug`, or `all` when empty. */
export function describeSelector(sel: CompiledSelector): string {
  if (sel.isEmpty) return 'all';
  return sel.requirements
    .map((r) => {
      switch (r.operator) {
        case 'In':
          return r.values.length === 1
            ? `${r.key}=${r.values[0] ?? ''}`
            : `${r.key} in (${r.values.join(', ')})`;
        case 'NotIn':
          return `${r.key} notin (${r.values.join(', ')})`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
      }
    })
    .join(', ');
}

/** Plain simple-map selectors (Service.spec.selector, nodeSelector): every pair must match. */
export function matchesMap(selector: Labels, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}

/**
 * Labels that controllers add to the pods they create, per pod or per revision: they say which
 * copy a pod is, not what it is, so a selector or policy written from a pod's labels leaves them
 * out (a Service selecting `pod-template-hash` would lose its pods at the next rollout).
 */
const GENERATED_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'pod-template-generation',
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'job-name',
  'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/job-completion-index',
]);

/** The labels that identify what a pod is: its labels without the controller-generated ones. */
export function identifyingLabels(labels: Labels): Labels {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (!GENERATED_LABELS.has(k)) out[k] = v;
  return out;
}
