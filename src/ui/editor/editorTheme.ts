/**
 * The editor's look, in CSS custom properties only: ManifestEditor.css gives them light and dark
 * values under the app root's `data-theme`, so switching theme is a style change, not an editor
 * reconfiguration (CodeMirror's own `dark` flag is toggled too, for its built-in defaults).
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

const baseTheme = EditorView.theme({
  '&': {
    height: '100%',
    color: 'var(--me-text)',
    backgroundColor: 'var(--me-bg)',
    fontSize: '12.5px',
  },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--me-caret)', padding: '6px 0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--me-caret)', borderLeftWidth: '2px' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
    { backgroundColor: 'var(--me-selection)' },
  '.cm-activeLine': { backgroundColor: 'var(--me-active-line)' },
  '.cm-gutters': {
    backgroundColor: 'var(--me-gutter-bg)',
    color: 'var(--me-gutter-text)',
    border: 'none',
    borderRight: '1px solid var(--me-border)',
  },
  '.cm-activeLineGutter': { backgroundColor: 'var(--me-active-line)', color: 'var(--me-text)' },
  '.cm-lineNumbers .cm-gutterElement': { padding: '0 8px 0 12px', minWidth: '38px' },
  '.cm-foldPlaceholder': {
    backgroundColor: 'var(--me-gutter-bg)',
    border: '1px solid var(--me-border)',
    color: 'var(--me-gutter-text)',
  },
  '.cm-tooltip': {
    backgroundColor: 'var(--me-tooltip-bg)',
    color: 'var(--me-text)',
    border: '1px solid var(--me-border)',
    borderRadius: '6px',
    boxShadow: '0 6px 18px rgb(16 24 40 / 18%)',
    overflow: 'hidden',
  },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--me-accent)',
    color: '#fff',
  },
  '.cm-completionDetail': { color: 'var(--me-muted)', fontStyle: 'normal', marginLeft: '1em' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected] .cm-completionDetail': { color: '#fff' },
  '.cm-diagnostic': { padding: '6px 10px', fontFamily: 'var(--mono)', fontSize: '12px' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--me-error)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--me-warning)' },
  '.cm-diagnostic-info': { borderLeftColor: 'var(--me-info)' },
  '.cm-diagnosticSource': { color: 'var(--me-muted)', opacity: '1' },
  '.cm-searchMatch': { backgroundColor: 'var(--me-search)' },
  '.cm-matchingBracket': { backgroundColor: 'var(--me-selection)', outline: 'none' },
});

const highlight = HighlightStyle.define([
  { tag: tags.definition(tags.propertyName), color: 'var(--me-key)' },
  { tag: [tags.content, tags.string], color: 'var(--me-value)' },
  { tag: tags.lineComment, color: 'var(--me-comment)', fontStyle: 'italic' },
  { tag: [tags.meta, tags.keyword], color: 'var(--me-meta)' },
  {
    tag: [tags.separator, tags.punctuation, tags.squareBracket, tags.brace],
    color: 'var(--me-punct)',
  },
  { tag: [tags.labelName, tags.typeName], color: 'var(--me-anchor)' },
  { tag: tags.special(tags.string), color: 'var(--me-meta)' },
  { tag: tags.attributeValue, color: 'var(--me-value)' },
]);

export const editorTheme: Extension = [baseTheme, syntaxHighlighting(highlight)];
