/**
 * NetworkPolicy effects in words, from the policy views (their rules already in words, as
 * `k8snet explain` prints them). A pod is isolated for a direction once any policy selecting it
 * has that direction in its policyTypes; then only the union of those policies' rules is allowed.
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation
 */
import type { PolicyView } from '../../worker/protocol';

export type Direction = 'Ingress' | 'Egress';

/** describeRule words ingress rules `from …` and egress rules `to …`. */
export function rulesFor(policy: PolicyView, direction: Direction): string[] {
  const prefix = direction === 'Ingress' ? 'from ' : 'to ';
  return policy.rules.filter((r) => r.startsWith(prefix));
}

/** What the policies selecting a pod let in (Ingress) or out (Egress), in one sentence. */
export function effectiveRule(selecting: readonly PolicyView[], direction: Direction): string {
  const word = direction === 'Ingress' ? 'Incoming' : 'Outgoing';
  const isolating = selecting.filter((p) => p.types.includes(direction));
  if (isolating.length === 0)
    return `${word} traffic is not restricted: no policy selecting this pod has ${direction} in its policyTypes.`;
  const names = isolating.map((p) => p.key).join(', ');
  const one = isolating.length === 1;
  const rules = isolating.flatMap((p) => rulesFor(p, direction));
  return rules.length === 0
    ? `${word} traffic is denied entirely: ${names} isolate${one ? 's' : ''} the pod and allow${one ? 's' : ''} nothing.`
    : `${word} traffic is allowed only ${rules.join('; or ')} (isolated by ${names}).`;
}

/** A policy with no rules for a direction it governs denies that direction outright. */
export function emptyRulesMeaning(direction: Direction): string {
  return direction === 'Ingress'
    ? 'No ingress rules: denies all incoming traffic to the selected pods.'
    : 'No egress rules: denies all outgoing traffic from the selected pods.';
}
