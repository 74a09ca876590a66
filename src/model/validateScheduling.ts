/**
 * Where a pod may run: nodeSelector, node affinity, tolerations and topology spread
 * (core/validation ValidateAffinity, ValidateTolerations, validateTopologySpreadConstraints).
 * https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/
 */
import { childPath } from './fieldPath';
import type { CheckContext } from './schema';
import type { Obj } from './validators';
import {
  asInt,
  asObj,
  asStr,
  checkLabelKey,
  checkLabelMap,
  checkLabelSelector,
  checkRequirements,
  objItems,
  report,
} from './validators';

/** nodeSelector, node affinity, tolerations and topology spread (core ValidateAffinity & co.). */
export function validateScheduling(ctx: CheckContext, path: string, spec: Obj): void {
  checkLabelMap(ctx, childPath(path, 'nodeSelector'), spec['nodeSelector'], 'nodeSelector');
  const na = asObj(asObj(spec['affinity'])?.['nodeAffinity']);
  const nap = childPath(childPath(path, 'affinity'), 'nodeAffinity');
  const required = asObj(na?.['requiredDuringSchedulingIgnoredDuringExecution']);
  const rp = childPath(nap, 'requiredDuringSchedulingIgnoredDuringExecution');
  if (required && Array.isArray(required['nodeSelectorTerms'])) {
    const terms = required['nodeSelectorTerms'];
    if (terms.length === 0) {
      report(
        ctx,
        childPath(rp, 'nodeSelectorTerms'),
        'error',
        'invalid-value',
        'nodeSelectorTerms must have at least one term (terms are ORed; an empty list matches no node)',
      );
    }
    for (const [term, tp] of objItems(terms, childPath(rp, 'nodeSelectorTerms'))) {
      checkRequirements(
        ctx,
        childPath(tp, 'matchExpressions'),
        term['matchExpressions'],
        'node label',
      );
    }
  }
  const preferred = na?.['preferredDuringSchedulingIgnoredDuringExecution'];
  for (const [pref, pp] of objItems(
    preferred,
    childPath(nap, 'preferredDuringSchedulingIgnoredDuringExecution'),
  )) {
    const weight = asInt(pref['weight']);
    if (weight !== undefined && (weight < 1 || weight > 100)) {
      report(
        ctx,
        childPath(pp, 'weight'),
        'error',
        'invalid-value',
        `weight must be between 1 and 100, got ${String(weight)}`,
      );
    }
    const term = asObj(pref['preference']);
    if (term)
      checkRequirements(
        ctx,
        childPath(childPath(pp, 'preference'), 'matchExpressions'),
        term['matchExpressions'],
        'node label',
      );
  }
  for (const [t, tp] of objItems(spec['tolerations'], childPath(path, 'tolerations'))) {
    const key = asStr(t['key']) ?? '';
    const op = asStr(t['operator']) ?? 'Equal';
    if (key !== '') checkLabelKey(ctx, childPath(tp, 'key'), key, 'toleration', false);
    if (key === '' && op !== 'Exists') {
      report(
        ctx,
        tp,
        'error',
        'invalid-toleration',
        'a toleration without a key must use operator: Exists (it then tolerates every taint)',
      );
    }
    if (op === 'Exists' && (asStr(t['value']) ?? '') !== '') {
      report(
        ctx,
        childPath(tp, 'value'),
        'error',
        'invalid-toleration',
        'value must be empty when operator is Exists; remove it, or use operator: Equal to match this value',
      );
    }
    if (t['tolerationSeconds'] !== undefined && t['effect'] !== 'NoExecute') {
      report(
        ctx,
        childPath(tp, 'tolerationSeconds'),
        'warning',
        'invalid-toleration',
        'tolerationSeconds only applies to effect: NoExecute; it is ignored here',
      );
    }
  }
  for (const [c, cp] of objItems(
    spec['topologySpreadConstraints'],
    childPath(path, 'topologySpreadConstraints'),
  )) {
    checkLabelSelector(ctx, childPath(cp, 'labelSelector'), c['labelSelector']);
    const skew = asInt(c['maxSkew']);
    if (skew !== undefined && skew < 1) {
      report(
        ctx,
        childPath(cp, 'maxSkew'),
        'error',
        'invalid-value',
        `maxSkew must be at least 1, got ${String(skew)}`,
      );
    }
  }
}
