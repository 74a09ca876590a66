/**
 * Canvas and Inspector actions as YAML edits. Only the document an action touches is rewritten
 * (through the `yaml` Document API, which keeps its comments); every other byte of the user's
 * text stays as it was.
 */
import { isMap, isScalar, parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import { objectNameProblem } from './validators';

export interface ObjectRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export type EditOp =
  /** Append a new object (YAML text of one document). */
  | { readonly op: 'add'; readonly yaml: string }
  | { readonly op: 'delete'; readonly target: ObjectRef }
  /**
   * Set (or with value null, remove) a label in metadata.labels, or with `at` in the labels of a
   * pod template inside the object (e.g. ['spec', 'template'] for a Deployment's pods).
   */
  | {
      readonly op: 'setLabel';
      readonly target: ObjectRef;
      readonly key: string;
      readonly value: string | null;
      readonly at?: readonly string[];
    }
  /** Rename the object (metadata.name). */
  | { readonly op: 'rename'; readonly target: ObjectRef; readonly name: string }
  /** Set a field by path, e.g. ['spec', 'replicas']. */
  | {
      readonly op: 'setField';
      readonly target: ObjectRef;
      readonly path: readonly (string | number)[];
      readonly value: unknown;
    };

export type EditResult =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

const NAMESPACED_DEFAULT = new Set([
  'Namespace',
  'Node',
  'IngressClass',
  'ClusterSettings',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
]);

function refOf(doc: Document.Parsed): ObjectRef | null {
  const c = doc.contents;
  if (!isMap(c)) return null;
  const kind = doc.get('kind');
  const name = doc.getIn(['metadata', 'name']);
  const ns = doc.getIn(['metadata', 'namespace']);
  if (typeof kind !== 'string' || typeof name !== 'string') return null;
  return {
    kind,
    name,
    namespace: typeof ns === 'string' ? ns : NAMESPACED_DEFAULT.has(kind) ? '' : 'default',
  };
}

function same(a: ObjectRef, b: ObjectRef): boolean {
  return (
    a.kind === b.kind &&
    a.name === b.name &&
    (a.namespace || 'default') === (b.namespace || 'default')
  );
}

/** Names already used for a kind in a namespace (to pick a free one for new objects). */
export function usedNames(text: string, kind: string, namespace: string): Set<string> {
  const out = new Set<string>();
  for (const doc of parseAllDocuments(text) as Document.Parsed[]) {
    const r = refOf(doc);
    if (r && r.kind === kind && (r.namespace || 'default') === (namespace || 'default'))
      out.add(r.name);
  }
  return out;
}

/** `base`, or `base-2`, `base-3`, … whichever is free. */
export function freeName(taken: ReadonlySet<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${String(i)}`)) return `${base}-${String(i)}`;
}

/**
 * Rewrite one document in place, leaving the rest of `text` untouched. A document's range starts
 * at its own `---` marker (when it has one) and ends before the next document's, so removing the
 * range removes the document with its marker and leaves every neighbour whole.
 */
function replaceDoc(text: string, doc: Document.Parsed, next: string | null): string {
  const [start, , end] = doc.range;
  return text.slice(0, start) + (next ?? '') + text.slice(end);
}

export function applyEdit(text: string, op: EditOp): EditResult {
  if (op.op === 'add') {
    const body = op.yaml.endsWith('\n') ? op.yaml : `${op.yaml}\n`;
    if (text.trim() === '') return { ok: true, text: body };
    return { ok: true, text: `${text}${text.endsWith('\n') ? '' : '\n'}---\n${body}` };
  }
  const docs = parseAllDocuments(text) as Document.Parsed[];
  if (!Array.isArray(docs))
    return { ok: false, message: 'the YAML could not be read; fix the syntax error first' };
  const doc = docs.find((d) => {
    const r = refOf(d);
    return r !== null && same(r, op.target);
  });
  const label = `${op.target.kind} ${op.target.namespace ? `${op.target.namespace}/` : ''}${op.target.name}`;
  if (!doc)
    return {
      ok: false,
      message: `${label} is not written in the YAML (it may come from a controller or a List); edit its source instead`,
    };
  if (doc.errors.length > 0)
    return {
      ok: false,
      message: `${label}'s document has a syntax error; fix it in the editor first`,
    };
  switch (op.op) {
    case 'delete':
      return { ok: true, text: replaceDoc(text, doc, null) };
    case 'setLabel': {
      const at = op.at ?? [];
      const labelsPath = [...at, 'metadata', 'labels'];
      if (at.length > 0) {
        // A template label the controller's selector uses: changing it alone would leave the
        // controller selecting none of its own pods (the API server refuses exactly that).
        const selected = doc.getIn([...at.slice(0, -1), 'selector', 'matchLabels', op.key]);
        if (selected !== undefined)
          return {
            ok: false,
            message: `${op.key} is in ${label}'s selector (${[...at.slice(0, -1), 'selector', 'matchLabels'].join('.')}): change the selector and the template together in the Manifest editor`,
          };
      }
      if (op.value === null) doc.deleteIn([...labelsPath, op.key]);
      else {
        const labels = doc.getIn(labelsPath);
        if (!isMap(labels)) doc.setIn(labelsPath, doc.createNode({}));
        doc.setIn([...labelsPath, op.key], op.value);
        const node = doc.getIn([...labelsPath, op.key], true);
        // Label values are strings: quote ones YAML would read as numbers or booleans.
        if (isScalar(node) && /^(\d|true$|false$|yes$|no$|on$|off$|null$|~$)/i.test(op.value))
          node.type = 'QUOTE_DOUBLE';
      }
      return { ok: true, text: replaceDoc(text, doc, doc.toString()) };
    }
    case 'rename': {
      const problem =
        op.name === '' ? 'give the object a name' : objectNameProblem(op.target.kind, op.name);
      if (problem !== null)
        return {
          ok: false,
          message: `${JSON.stringify(op.name)} is not a valid ${op.target.kind} name: ${problem}`,
        };
      if (op.name === op.target.name) return { ok: true, text };
      if (usedNames(text, op.target.kind, op.target.namespace).has(op.name))
        return {
          ok: false,
          message: `a ${op.target.kind} named ${op.name} already exists${op.target.namespace ? ` in ${op.target.namespace}` : ''}`,
        };
      doc.setIn(['metadata', 'name'], op.name);
      return { ok: true, text: replaceDoc(text, doc, doc.toString()) };
    }
    case 'setField':
      doc.setIn([...op.path], op.value);
      return { ok: true, text: replaceDoc(text, doc, doc.toString()) };
  }
}
