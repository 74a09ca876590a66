/**
 * A small shape language for Kubernetes objects, checked against the user's document to find
 * unknown fields (with "did you mean"), wrong types and missing required fields.
 *
 * Object schemas are typed against `kubernetes-types` (`obj<PodSpec>(…)` must list every field
 * the API has, and nothing else), so the compiler keeps our field lists honest.
 */
import type { Diagnostic, Severity } from './diagnostics';
import { childPath } from './fieldPath';
import type { PositionIndex } from './yamlSource';

export type FieldSchema =
  | { readonly t: 'string'; readonly oneOf?: readonly string[] }
  | { readonly t: 'int' }
  | { readonly t: 'number' }
  | { readonly t: 'bool' }
  | { readonly t: 'intOrString' }
  | ObjectSchema
  | { readonly t: 'array'; readonly of: FieldSchema }
  | { readonly t: 'map'; readonly of: FieldSchema }
  | { readonly t: 'any' };

export interface ObjectSchema {
  readonly t: 'object';
  /** The API type name, used in messages (`PodSpec`). */
  readonly name: string;
  readonly fields: Readonly<Record<string, FieldSchema>>;
  readonly required: readonly string[];
  /**
   * Fields the shape check leaves alone because a field rule in `validateFields.ts` reports
   * them with a better message (e.g. Ingress `serviceName` → `service.name`).
   */
  readonly deferred?: readonly string[];
}

export const str: FieldSchema = { t: 'string' };
export const int: FieldSchema = { t: 'int' };
export const num: FieldSchema = { t: 'number' };
export const bool: FieldSchema = { t: 'bool' };
export const intOrString: FieldSchema = { t: 'intOrString' };
/** Accepted as is: parts of the API we keep but do not simulate. */
export const any: FieldSchema = { t: 'any' };
export const oneOf = (...values: string[]): FieldSchema => ({ t: 'string', oneOf: values });
export const arr = (of: FieldSchema): FieldSchema => ({ t: 'array', of });
export const map = (of: FieldSchema): FieldSchema => ({ t: 'map', of });
export const strings = arr(str);
export const stringMap = map(str);

/**
 * An object schema that names every field of the API type `T`. Fields may be given lazily
 * (a function) for recursive or forward references.
 */
export function obj<T>(
  name: string,
  fields: { readonly [K in keyof Required<T>]: FieldSchema | (() => FieldSchema) },
  required: readonly (keyof T & string)[] = [],
  options: { readonly deferred?: readonly string[] } = {},
): ObjectSchema {
  const resolved: Record<string, FieldSchema> = {};
  const lazy = fields as Record<string, FieldSchema | (() => FieldSchema)>;
  const schema: ObjectSchema = { t: 'object', name, required, fields: resolved, ...options };
  for (const [k, v] of Object.entries(lazy)) {
    if (typeof v === 'function') {
      Object.defineProperty(resolved, k, { enumerable: true, get: v });
    } else {
      resolved[k] = v;
    }
  }
  return schema;
}

export interface CheckContext {
  readonly positions: PositionIndex;
  readonly out: Diagnostic[];
}

function report(
  ctx: CheckContext,
  path: string,
  atKey: boolean,
  severity: Severity,
  code: string,
  message: string,
): void {
  const p = atKey ? ctx.positions.key(path) : ctx.positions.value(path);
  ctx.out.push({ ...p, severity, path, message, code });
}

function describe(value: unknown, raw?: string): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') {
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  }
  if (typeof value === 'number') return `the number ${raw ?? String(value)}`;
  if (typeof value === 'boolean') return `the boolean ${raw ?? String(value)}`;
  return typeof value === 'object' ? 'a map' : typeof value;
}

const expectedText: Record<FieldSchema['t'], string> = {
  string: 'a string',
  int: 'an integer',
  number: 'a number',
  bool: 'true or false',
  intOrString: 'an integer or a string',
  object: 'a map',
  array: 'a list',
  map: 'a map of strings',
  any: 'anything',
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Check `value` against `schema`, appending diagnostics. Returns false when the value has the
 * wrong type (so callers can skip semantic checks that would only repeat the message).
 */
export function checkShape(
  value: unknown,
  schema: FieldSchema,
  path: string,
  ctx: CheckContext,
): boolean {
  if (value === null || value === undefined) return true; // null means "unset" in Kubernetes
  switch (schema.t) {
    case 'any':
      return true;
    case 'string':
      if (typeof value !== 'string') return typeMismatch(value, schema, path, ctx);
      if (ctx.positions.isYaml11Bool(path)) return yaml11Bool(value, path, ctx);
      if (schema.oneOf && !schema.oneOf.includes(value)) {
        const hint = suggest(value, schema.oneOf);
        report(
          ctx,
          path,
          false,
          'error',
          'invalid-enum',
          `unsupported value ${JSON.stringify(value)}: must be one of ${schema.oneOf.map((v) => JSON.stringify(v)).join(', ')}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}`,
        );
        return false;
      }
      return true;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return typeMismatch(value, schema, path, ctx);
      return true;
    case 'number':
      if (typeof value !== 'number') return typeMismatch(value, schema, path, ctx);
      return true;
    case 'bool':
      if (typeof value !== 'boolean') return typeMismatch(value, schema, path, ctx);
      return true;
    case 'intOrString':
      if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))
        return true;
      return typeMismatch(value, schema, path, ctx);
    case 'array':
      if (!Array.isArray(value)) return typeMismatch(value, schema, path, ctx);
      value.forEach((item, i) => checkShape(item, schema.of, childPath(path, i), ctx));
      return true;
    case 'map':
      if (!isPlainObject(value)) return typeMismatch(value, schema, path, ctx);
      for (const [k, v] of Object.entries(value)) {
        if (
          schema.of.t === 'string' &&
          typeof v === 'string' &&
          ctx.positions.isYaml11Bool(childPath(path, k))
        ) {
          yaml11Bool(v, childPath(path, k), ctx);
        } else if (schema.of.t === 'string' && v !== null && typeof v !== 'string') {
          report(
            ctx,
            childPath(path, k),
            false,
            'error',
            'wrong-type',
            `must be a string, got ${describe(v, ctx.positions.raw(childPath(path, k)))}${isScalarValue(v) ? `; quote it (${k}: "${ctx.positions.raw(childPath(path, k)) ?? String(v)}")` : ''}`,
          );
        } else {
          checkShape(v, schema.of, childPath(path, k), ctx);
        }
      }
      return true;
    case 'object':
      if (!isPlainObject(value)) return typeMismatch(value, schema, path, ctx);
      for (const [k, v] of Object.entries(value)) {
        const field = Object.hasOwn(schema.fields, k) ? schema.fields[k] : undefined;
        const p = childPath(path, k);
        if (!field) {
          if (schema.deferred?.includes(k)) continue;
          report(ctx, p, true, 'error', 'unknown-field', unknownFieldMessage(k, schema));
          continue;
        }
        checkShape(v, field, p, ctx);
      }
      for (const r of schema.required) {
        const v = value[r];
        if (v === undefined || v === null || v === '') {
          // The path names the missing field; its position falls back to the enclosing key.
          report(
            ctx,
            childPath(path, r),
            true,
            'error',
            'missing-field',
            `missing required field ${JSON.stringify(r)} in ${schema.name}`,
          );
        }
      }
      return true;
  }
}

function isScalarValue(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * "unknown field" with the likeliest fix: a typo of a sibling field, or else the nearby place
 * the field belongs (e.g. `containers` directly under a Deployment's spec belongs under
 * `template.spec`, a classic indentation slip).
 */
function unknownFieldMessage(key: string, schema: ObjectSchema): string {
  const base = `unknown field ${JSON.stringify(key)} in ${schema.name}`;
  const hint = suggest(key, Object.keys(schema.fields));
  if (hint) return `${base}; did you mean ${JSON.stringify(hint)}?`;
  const home = findFieldBelow(schema, key);
  return home ? `${base}; it belongs under ${JSON.stringify(home)}` : base;
}

/** Breadth-first search (3 object levels) for a nested object schema that has `key`. */
function findFieldBelow(schema: ObjectSchema, key: string): string | undefined {
  let level: { s: ObjectSchema; at: string }[] = [{ s: schema, at: '' }];
  for (let depth = 0; depth < 3; depth++) {
    const next: { s: ObjectSchema; at: string }[] = [];
    for (const { s, at } of level) {
      for (const [name, field] of Object.entries(s.fields)) {
        let f: FieldSchema = field;
        while (f.t === 'array' || f.t === 'map') f = f.of;
        if (f.t !== 'object') continue;
        const here = at === '' ? name : `${at}.${name}`;
        if (Object.hasOwn(f.fields, key)) return here;
        next.push({ s: f, at: here });
      }
    }
    level = next;
  }
  return undefined;
}

/**
 * YAML 1.1 readers (go-yaml v2, long used by kubectl) read an unquoted `yes` or `on` as a
 * boolean, which a string field rejects. A warning: newer readers keep the string.
 */
function yaml11Bool(value: string, path: string, ctx: CheckContext): true {
  const asBool = /^(yes|on)$/i.test(value) ? 'true' : 'false';
  report(
    ctx,
    path,
    false,
    'warning',
    'yaml11-bool',
    `an unquoted ${value} is the boolean ${asBool} to YAML 1.1 readers (older kubectl), and this field must be a string; quote it: "${value}"`,
  );
  return true;
}

function typeMismatch(value: unknown, schema: FieldSchema, path: string, ctx: CheckContext): false {
  let hint = '';
  if (schema.t === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    hint = `; quote it: "${ctx.positions.raw(path) ?? String(value)}"`;
  } else if (
    (schema.t === 'int' || schema.t === 'intOrString') &&
    typeof value === 'string' &&
    /^\d+$/.test(value)
  ) {
    hint = `; remove the quotes: ${value}`;
  } else if (schema.t === 'array' && isPlainObject(value)) {
    hint = '; start each item with "- "';
  }
  report(
    ctx,
    path,
    false,
    'error',
    'wrong-type',
    `must be ${expectedText[schema.t]}, got ${describe(value, ctx.positions.raw(path))}${hint}`,
  );
  return false;
}

/** Closest candidate by edit distance (case-insensitive), if it is close enough to be a typo. */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const a = input.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(a, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor(input.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/**
 * Edit distance counting a swap of two neighbours as one edit (optimal string alignment), since
 * transposed letters are the commonest typo (`contianers`, `cuont`).
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      }
      cur.push(d);
    }
    before = prev;
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
