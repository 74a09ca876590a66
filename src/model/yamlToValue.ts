/**
 * One parsed YAML document → plain JSON-like values, recording where every field path came
 * from, with limits so hostile input (alias bombs, absurd nesting) ends in a diagnostic.
 */
import { Alias, isAlias, isMap, isNode, isScalar, isSeq, visit } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { childPath } from './fieldPath';

/** Deeper than any Kubernetes object needs (a Pod template is about 12 levels). */
export const MAX_DEPTH = 64;
/** Total values one file may hold, aliases expanded (a 5 MiB file has well under this). */
export const MAX_NODES = 2_000_000;
/**
 * Values that aliases may add to one file. Real manifests use a few anchors (`<<: *defaults`);
 * "billion laughs" bombs nest aliases to expand to 10^9 values from a few hundred bytes.
 */
export const MAX_ALIAS_NODES = 100_000;

export interface Loc {
  readonly line: number;
  readonly col: number;
  /** Position of the key for map entries (where "unknown field" points). */
  readonly keyLine: number;
  readonly keyCol: number;
  /** Source text of a plain scalar that YAML read as a number or boolean (`1.0`, `0777`). */
  readonly raw?: string;
  /**
   * An unquoted `yes`/`no`/`on`/`off`: YAML 1.2 (our parser) reads a string, but YAML 1.1 readers
   * (go-yaml v2, which kubectl has used) read a boolean, which a string field then rejects.
   */
  readonly yaml11Bool?: boolean;
}

const YAML11_BOOL = /^(yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** A limit was hit: reported as a diagnostic at `line`:`col` with `code`. */
export class WalkLimit extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(message);
  }
}

/** Converts one document; `budget` is shared by all documents of a file. */
export class Walker {
  /**
   * Each alias's target, computed once on the first alias (`Alias.resolve` rescans the whole
   * document per call, quadratic for many aliases).
   */
  private aliasTargets: Map<Alias, YamlNode> | undefined;
  /** The outermost alias being expanded, if any (where an alias bomb is reported). */
  private expanding: Alias | undefined;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly map: Map<string, Loc>,
    private readonly pos: (offset: number) => { line: number; col: number },
    private readonly budget: { nodes: number; aliasNodes: number },
  ) {}

  private resolveAlias(alias: Alias): YamlNode | undefined {
    if (!this.aliasTargets) {
      // YAML: an alias names the most recent node with that anchor before it, in document order.
      const targets = new Map<Alias, YamlNode>();
      const anchors = new Map<string, YamlNode>();
      visit(this.doc, {
        Node: (_key, node) => {
          if (isAlias(node)) {
            const target = anchors.get(node.source);
            if (target) targets.set(node, target);
          } else if (node.anchor) {
            anchors.set(node.anchor, node);
          }
        },
      });
      this.aliasTargets = targets;
    }
    return this.aliasTargets.get(alias);
  }

  private at(node: YamlNode | null | undefined): { line: number; col: number } {
    const r = node?.range;
    return r ? this.pos(r[0]) : { line: 1, col: 1 };
  }

  private record(
    path: string,
    value: YamlNode | null | undefined,
    key: YamlNode | null | undefined,
  ): void {
    const v = this.at(value ?? key);
    const k = key ? this.at(key) : v;
    // Keep what the user typed for non-string scalars, so "quote it" can show `"1.0"`, not `"1"`.
    const raw =
      isScalar(value) && (typeof value.value === 'number' || typeof value.value === 'boolean')
        ? value.source
        : undefined;
    const yaml11Bool =
      isScalar(value) &&
      value.type === 'PLAIN' &&
      typeof value.value === 'string' &&
      YAML11_BOOL.test(value.value);
    this.map.set(path, {
      line: v.line,
      col: v.col,
      keyLine: k.line,
      keyCol: k.col,
      ...(typeof raw === 'string' ? { raw } : {}),
      ...(yaml11Bool ? { yaml11Bool } : {}),
    });
  }

  private count(node: YamlNode | null): void {
    if (++this.budget.nodes > MAX_NODES) {
      const p = this.at(node);
      throw new WalkLimit(
        'too-many-values',
        `file has more than ${MAX_NODES.toLocaleString('en-US')} values; split it into smaller files`,
        p.line,
        p.col,
      );
    }
    if (this.expanding && ++this.budget.aliasNodes > MAX_ALIAS_NODES) {
      const p = this.at(this.expanding);
      throw new WalkLimit(
        'alias-bomb',
        `aliases expand to more than ${MAX_ALIAS_NODES.toLocaleString('en-US')} values (an alias "bomb"?); write the repeated parts out or remove the nested aliases`,
        p.line,
        p.col,
      );
    }
  }

  convert(node: unknown, path: string, depth: number): unknown {
    const yamlNode = isNode(node) ? node : null;
    if (path === '') this.record('', yamlNode, null);
    this.count(yamlNode);
    if (depth > MAX_DEPTH) {
      const p = this.at(yamlNode);
      throw new WalkLimit(
        'too-deep',
        `nested more than ${String(MAX_DEPTH)} levels deep (through aliases?); Kubernetes objects never need this`,
        p.line,
        p.col,
      );
    }
    if (node instanceof Alias) {
      const target = this.resolveAlias(node);
      if (!target) {
        const p = this.at(node);
        throw new WalkLimit(
          'yaml-alias',
          `unknown alias *${node.source}: define the anchor &${node.source} before using it`,
          p.line,
          p.col,
        );
      }
      const outer = this.expanding;
      this.expanding ??= node;
      try {
        return this.convert(target, path, depth + 1);
      } finally {
        this.expanding = outer;
      }
    }
    if (isScalar(node)) return plainScalar(node.value, node.source);
    if (isSeq(node)) {
      const out: unknown[] = [];
      node.items.forEach((item, i) => {
        const p = childPath(path, i);
        this.record(p, isNode(item) ? item : null, null);
        out.push(this.convert(item, p, depth + 1));
      });
      return out;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      // Merge keys first so the map's own keys (and their positions) win, wherever `<<` stands.
      for (const pair of node.items) {
        if (isMergeKey(pair.key) && pair.value) this.mergeInto(out, pair.value, path, depth);
      }
      for (const pair of node.items) {
        const keyNode = isNode(pair.key) ? pair.key : null;
        if (isMergeKey(keyNode)) continue;
        const rawKey: unknown = isScalar(keyNode) ? keyNode.value : keyNode;
        if (rawKey !== null && typeof rawKey === 'object') {
          const p = this.at(keyNode);
          throw new WalkLimit(
            'yaml-key',
            'a mapping key must be a plain string, not a list or map',
            p.line,
            p.col,
          );
        }
        const key = String(rawKey);
        const p = childPath(path, key);
        this.record(p, isNode(pair.value) ? pair.value : null, keyNode);
        setOwn(out, key, this.convert(pair.value, p, depth + 1));
      }
      return out;
    }
    return null;
  }

  /** YAML merge keys (`<<: *defaults`), which Kubernetes' go-yaml reader accepts. */
  private mergeInto(
    out: Record<string, unknown>,
    value: unknown,
    path: string,
    depth: number,
  ): void {
    const sources = isSeq(value) ? value.items : [value];
    for (const src of sources) {
      const merged = this.convert(src, path, depth + 1);
      if (merged && typeof merged === 'object' && !Array.isArray(merged)) {
        for (const [k, v] of Object.entries(merged)) if (!Object.hasOwn(out, k)) setOwn(out, k, v);
      }
    }
  }
}

/**
 * Keep values JSON-like: tags such as `!!binary` or `!!timestamp` make the parser return
 * bytes or dates, which Kubernetes' reader would have kept as strings.
 */
function plainScalar(value: unknown, source: string | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'bigint') return Number(value);
  return source ?? '';
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && key.type === 'PLAIN';
}

/** Assign without ever touching the prototype (a `__proto__` key is just a key here). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
