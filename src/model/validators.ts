/** Kubernetes' own value rules (apimachinery validation), with messages that say how to fix. */
import type { Severity } from './diagnostics';
import type { CheckContext } from './schema';

export function report(ctx: CheckContext, path: string, severity: Severity, code: string, message: string, atKey = false): void {
  const p = atKey ? ctx.positions.key(path) : ctx.positions.value(path);
  ctx.out.push({ ...p, severity, path, message, code });
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Kinds whose names must be DNS-1123 labels (they become DNS names or hostnames). */
const LABEL_NAMED = new Set(['Namespace', 'Service']);

export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.test(s);
}

export function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
}

export function checkObjectName(kind: string, name: string, path: string, ctx: CheckContext): void {
  if (name === '') return;
  const asLabel = LABEL_NAMED.has(kind);
  const ok = asLabel ? isDns1123Label(name) : isDns1123Subdomain(name);
  if (ok) return;
  const fixed = name
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  const rule = asLabel
    ? 'a lowercase RFC 1123 label: at most 63 characters, only a-z, 0-9 and "-", starting and ending with a letter or digit'
    : 'a lowercase RFC 1123 subdomain: at most 253 characters, only a-z, 0-9, "-" and ".", starting and ending with a letter or digit';
  report(ctx, path, 'error', 'invalid-name', `invalid ${kind} name ${JSON.stringify(name)}: must be ${rule}${fixed && fixed !== name ? ` (e.g. ${JSON.stringify(fixed.slice(0, 63))})` : ''}`);
}
