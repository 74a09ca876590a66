/**
 * Kubernetes' own value rules (apimachinery `validation`), with messages that say what is wrong
 * and how to fix it. Field rules per kind live in `validateFields.ts` and its siblings.
 */
import type { Severity } from './diagnostics';
import { childPath } from './fieldPath';
import type { CheckContext } from './schema';

export function report(
  ctx: CheckContext,
  path: string,
  severity: Severity,
  code: string,
  message: string,
  atKey = false,
): void {
  const p = atKey ? ctx.positions.key(path) : ctx.positions.value(path);
  ctx.out.push({ ...p, severity, path, message, code });
}

// ---- narrowing helpers: validators run after the shape check, so types may still be wrong ----

export type Obj = Readonly<Record<string, unknown>>;

export function asObj(v: unknown): Obj | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

export function asList(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

export function asStr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function asInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/** `[value, path]` for each item of a list field (items of the wrong type are skipped). */
export function objItems(v: unknown, path: string): [Obj, string][] {
  const out: [Obj, string][] = [];
  asList(v).forEach((item, i) => {
    const o = asObj(item);
    if (o) out.push([o, childPath(path, i)]);
  });
  return out;
}

const quote = (s: string) => JSON.stringify(s);

/**
 * Remember that `name` is used at `path`; if an earlier item used it, report a duplicate there
 * (`what` names it, `rule` says why names must differ). Returns whether `name` was new.
 */
export function checkUnique(
  ctx: CheckContext,
  seen: Map<string, string>,
  name: string,
  path: string,
  what: string,
  rule: string,
): boolean {
  const first = seen.get(name);
  if (first === undefined) {
    seen.set(name, path);
    return true;
  }
  report(
    ctx,
    path,
    'error',
    'duplicate-name',
    `duplicate ${what} ${quote(name)}: already used at ${first}; ${rule}`,
  );
  return false;
}

// ---- names ----

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Kinds whose names must be DNS-1123 labels (they become DNS names or hostnames). */
const LABEL_NAMED = new Set(['Namespace']);

export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.test(s);
}

export function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
}

/** Service names are RFC 1035 labels: they must start with a letter (apiserver ValidateServiceName). */
export function isDns1035Label(s: string): boolean {
  return s.length <= 63 && DNS1035_LABEL.test(s);
}

function toDnsName(s: string, max: number): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, max);
}

const RULE_LABEL =
  'a lowercase RFC 1123 label: at most 63 characters, only a-z, 0-9 and "-", starting and ending with a letter or digit';
const RULE_SUBDOMAIN =
  'a lowercase RFC 1123 subdomain: at most 253 characters, only a-z, 0-9, "-" and ".", starting and ending with a letter or digit';
const RULE_1035 =
  'a lowercase RFC 1035 label: at most 63 characters, only a-z, 0-9 and "-", starting with a letter and ending with a letter or digit';

export type NameRule = 'label' | 'subdomain' | 'dns1035';

const RULE_TEXT: Readonly<Record<NameRule, string>> = {
  label: RULE_LABEL,
  subdomain: RULE_SUBDOMAIN,
  dns1035: RULE_1035,
};

function isValidName(rule: NameRule, name: string): boolean {
  return rule === 'label'
    ? isDns1123Label(name)
    : rule === 'subdomain'
      ? isDns1123Subdomain(name)
      : isDns1035Label(name);
}

/** Report `name` at `path` unless it follows `rule`; `what` names it in the message ("container name"). */
export function checkDnsName(
  ctx: CheckContext,
  path: string,
  name: string,
  rule: NameRule,
  what: string,
): boolean {
  if (isValidName(rule, name)) return true;
  const text = RULE_TEXT[rule];
  let fixed = toDnsName(name, rule === 'subdomain' ? 253 : 63);
  if (rule !== 'subdomain') fixed = fixed.replace(/\./g, '-');
  if (rule === 'dns1035') fixed = fixed.replace(/^[^a-z]+/, '');
  const hint = fixed && fixed !== name ? ` (e.g. ${quote(fixed)})` : '';
  report(
    ctx,
    path,
    'error',
    'invalid-name',
    `invalid ${what} ${quote(name)}: must be ${text}${hint}`,
  );
  return false;
}

/** The rule the API server applies to a kind's metadata.name. */
function nameRuleOf(kind: string): NameRule {
  return kind === 'Service' ? 'dns1035' : LABEL_NAMED.has(kind) ? 'label' : 'subdomain';
}

export function checkObjectName(kind: string, name: string, path: string, ctx: CheckContext): void {
  if (name === '') return;
  checkDnsName(ctx, path, name, nameRuleOf(kind), `${kind} name`);
}

/** Why `name` cannot be a `kind`'s metadata.name (`must be …`, as validation says), or null. */
export function objectNameProblem(kind: string, name: string): string | null {
  const rule = nameRuleOf(kind);
  return isValidName(rule, name) ? null : `must be ${RULE_TEXT[rule]}`;
}

// ---- labels (apimachinery IsQualifiedName / IsValidLabelValue) ----

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const NAME_CHARS =
  'at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit';

/** Why `key` is not a valid label/annotation key (`[prefix/]name`), or undefined if it is. */
export function qualifiedNameProblem(key: string): string | undefined {
  if (key === '') return 'must not be empty';
  const parts = key.split('/');
  if (parts.length > 2) return 'may contain at most one "/" (an optional DNS prefix, then a name)';
  const name = parts[parts.length - 1] ?? '';
  const prefix = parts.length === 2 ? (parts[0] ?? '') : undefined;
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) {
    return `its prefix ${quote(prefix)} must be a lowercase DNS subdomain such as "example.com" or "app.kubernetes.io"`;
  }
  if (name === '') return 'the name after "/" must not be empty';
  if (name.length > 63 || !QUALIFIED_NAME.test(name)) return `the name part must be ${NAME_CHARS}`;
  return undefined;
}

/** Why `value` is not a valid label value, or undefined if it is (empty is valid). */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length <= 63 && QUALIFIED_NAME.test(value)) return undefined;
  return `must be empty or ${NAME_CHARS}`;
}

function sanitizeLabelValue(value: string): string {
  return value
    .replace(/[^-A-Za-z0-9_.]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '')
    .slice(0, 63)
    .replace(/[^A-Za-z0-9]+$/, '');
}

/** `atKey`: the label key is a map key (labels, matchLabels), not a value (`key: tier`). */
export function checkLabelKey(
  ctx: CheckContext,
  path: string,
  key: string,
  what: string,
  atKey = true,
): void {
  const problem = qualifiedNameProblem(key);
  if (problem) {
    report(
      ctx,
      path,
      'error',
      'invalid-label-key',
      `invalid ${what} key ${quote(key)}: ${problem}`,
      atKey,
    );
  }
}

export function checkLabelValue(
  ctx: CheckContext,
  path: string,
  value: string,
  what: string,
): void {
  const problem = labelValueProblem(value);
  if (!problem) return;
  const fixed = sanitizeLabelValue(value);
  const hint = fixed !== value ? ` (e.g. ${quote(fixed)})` : '';
  report(
    ctx,
    path,
    'error',
    'invalid-label-value',
    `invalid ${what} value ${quote(value)}: ${problem}${hint}`,
  );
}

/** A `key: value` label map: metadata.labels, matchLabels, nodeSelector, Service selector. */
export function checkLabelMap(ctx: CheckContext, path: string, v: unknown, what: string): void {
  const map = asObj(v);
  if (!map) return;
  for (const [key, value] of Object.entries(map)) {
    const p = childPath(path, key);
    checkLabelKey(ctx, p, key, what);
    if (typeof value === 'string') checkLabelValue(ctx, p, value, what);
  }
}

/**
 * Set-based requirements (`matchExpressions`): In/NotIn need values, Exists/DoesNotExist take
 * none, and node selectors' Gt/Lt take exactly one integer (apimachinery ValidateLabelSelector,
 * core ValidateNodeSelectorRequirement).
 */
export function checkRequirements(ctx: CheckContext, path: string, v: unknown, what: string): void {
  for (const [req, p] of objItems(v, path)) {
    const key = asStr(req['key']);
    if (key !== undefined && key !== '') checkLabelKey(ctx, childPath(p, 'key'), key, what, false);
    const op = asStr(req['operator']);
    const values = asList(req['values']);
    const vp = childPath(p, 'values');
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) {
        report(
          ctx,
          req['values'] === undefined ? p : vp,
          'error',
          'selector-values',
          `values must be non-empty when operator is ${op}; list at least one value, or use operator Exists to match any value`,
        );
      }
      values.forEach((value, i) => {
        if (typeof value === 'string') checkLabelValue(ctx, childPath(vp, i), value, what);
      });
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) {
        report(
          ctx,
          vp,
          'error',
          'selector-values',
          `values must be empty when operator is ${op}; remove values (or use operator In to match specific values)`,
        );
      }
    } else if (op === 'Gt' || op === 'Lt') {
      const only = values.length === 1 ? values[0] : undefined;
      if (typeof only !== 'string' || !/^-?\d+$/.test(only)) {
        report(
          ctx,
          req['values'] === undefined ? p : vp,
          'error',
          'selector-values',
          `operator ${op} needs exactly one integer value, written as a string (values: ["3"])`,
        );
      }
    }
  }
}

/** A LabelSelector: `matchLabels` plus `matchExpressions`. */
export function checkLabelSelector(ctx: CheckContext, path: string, v: unknown): void {
  const sel = asObj(v);
  if (!sel) return;
  checkLabelMap(ctx, childPath(path, 'matchLabels'), sel['matchLabels'], 'selector label');
  checkRequirements(
    ctx,
    childPath(path, 'matchExpressions'),
    sel['matchExpressions'],
    'selector label',
  );
}

/** Does a LabelSelector select `labels`? (An empty selector selects everything.) */
export function selectorMatches(sel: Obj, labels: Readonly<Record<string, string>>): boolean {
  const ml = asObj(sel['matchLabels']) ?? {};
  for (const [k, want] of Object.entries(ml)) if (labels[k] !== want) return false;
  for (const [req] of objItems(sel['matchExpressions'], '')) {
    const key = asStr(req['key']) ?? '';
    const values = asList(req['values']);
    const has = Object.hasOwn(labels, key);
    switch (req['operator']) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

// ---- ports ----

/** IANA_SVC_NAME (RFC 6335): what container port names and named targetPorts must be. */
export function ianaSvcNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'must be at most 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'may contain only lowercase a-z, 0-9 and "-"';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter (a-z)';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not start or end with "-"';
  if (name.includes('--')) return 'must not contain "--"';
  return undefined;
}

/** Report an invalid port name; a numeric string gets the "remove the quotes" hint. */
export function checkPortName(
  ctx: CheckContext,
  path: string,
  name: string,
  what: string,
): boolean {
  const problem = ianaSvcNameProblem(name);
  if (!problem) return true;
  const hint = /^\d+$/.test(name)
    ? `; to use port number ${name}, remove the quotes`
    : ' (e.g. "http", "metrics", "grpc-api")';
  report(
    ctx,
    path,
    'error',
    'invalid-port-name',
    `invalid ${what} ${quote(name)}: an IANA service name ${problem}${hint}`,
  );
  return false;
}

/** A port number must be 1–65535 (the TCP/UDP port range; 0 means "any" and is never valid here). */
export function checkPortNumber(
  ctx: CheckContext,
  path: string,
  v: unknown,
  what: string,
): boolean {
  if (typeof v !== 'number' || !Number.isInteger(v)) return false;
  if (v >= 1 && v <= 65535) return true;
  report(
    ctx,
    path,
    'error',
    'invalid-port',
    `${what} ${String(v)} is out of range: must be between 1 and 65535`,
  );
  return false;
}

/** An int-or-string port (targetPort, probe port, NetworkPolicy port): number or IANA name. */
export function checkPortRef(ctx: CheckContext, path: string, v: unknown, what: string): void {
  if (typeof v === 'number') checkPortNumber(ctx, path, v, what);
  else if (typeof v === 'string') checkPortName(ctx, path, v, `${what} name`);
}
