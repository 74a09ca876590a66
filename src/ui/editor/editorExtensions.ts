/**
 * The CodeMirror setup for manifests: YAML highlighting, line numbers, a lint gutter, folding,
 * history, schema-driven completion, and Ctrl/Cmd+Enter to apply. Everything CodeMirror lives
 * under src/ui/editor, which the app loads lazily, so none of it weighs on the first paint.
 */
import {
  autocompletion,
  completionKeymap,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  foldGutter,
  foldKeymap,
  indentOnInput,
  indentUnit,
} from '@codemirror/language';
import { lintGutter, lintKeymap } from '@codemirror/lint';
import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import {
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  type ViewUpdate,
} from '@codemirror/view';
import { editorTheme } from './editorTheme';
import { completeYaml } from './yamlCompletion';

/** Kubernetes completion over the editor's lines (no whole-document copy per keystroke). */
function kubernetesCompletion(context: CompletionContext): CompletionResult | null {
  const { doc } = context.state;
  const line = doc.lineAt(context.pos);
  const result = completeYaml(
    { count: doc.lines, text: (n) => doc.line(n).text },
    line.number,
    context.pos - line.from,
    context.explicit,
  );
  if (!result) return null;
  return {
    from: line.from + result.from,
    options: result.options.map((o) => ({
      label: o.label,
      apply: o.insert,
      type: o.type,
      ...(o.detail === '' ? {} : { detail: o.detail }),
      ...(o.boost === undefined ? {} : { boost: o.boost }),
    })),
    validFor: /^[\w./-]*$/,
  };
}

export interface EditorHooks {
  /** The Apply command (Ctrl/Cmd+Enter). */
  readonly onApply: () => void;
  readonly onUpdate: (update: ViewUpdate) => void;
}

/** Holds `EditorView.darkTheme`, switched with the app's theme. */
export const darkMode = new Compartment();

export function editorExtensions(hooks: EditorHooks, isDark: boolean): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    foldGutter(),
    lintGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    dropCursor(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    EditorState.tabSize.of(2),
    indentUnit.of('  '),
    yaml(),
    autocompletion({ override: [kubernetesCompletion], icons: false }),
    editorTheme,
    darkMode.of(EditorView.darkTheme.of(isDark)),
    // Above the default keymap, which binds Mod-Enter to "insert blank line".
    Prec.highest(
      keymap.of([
        {
          key: 'Mod-Enter',
          run: () => {
            hooks.onApply();
            return true;
          },
          preventDefault: true,
        },
      ]),
    ),
    keymap.of([
      ...completionKeymap,
      ...defaultKeymap,
      ...historyKeymap,
      ...foldKeymap,
      ...lintKeymap,
      // Tab indents; Esc then Tab leaves the editor (CodeMirror's tab-focus mode).
      indentWithTab,
    ]),
    EditorView.contentAttributes.of({ 'aria-label': 'YAML manifests' }),
    EditorView.updateListener.of(hooks.onUpdate),
  ];
}
