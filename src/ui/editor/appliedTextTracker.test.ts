import { ChangeSet, EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { DiagnosticView } from '../../worker/protocol';
import { AppliedTextTracker } from './appliedTextTracker';

const APPLIED = 'kind: Pod\nspec:\n  contianers: []\n';
const TYPO: DiagnosticView = {
  text: 'scenario.yaml:3:3: error: spec.contianers: unknown field',
  diagnostic: {
    file: 'scenario.yaml',
    line: 3,
    col: 3,
    severity: 'error',
    path: 'spec.contianers',
    message: 'unknown field',
    code: 'unknown-field',
  },
};

function marked(state: EditorState, tracker: AppliedTextTracker): string[] {
  return tracker.place([TYPO], 'scenario.yaml').map((d) => state.sliceDoc(d.from, d.to));
}

describe('AppliedTextTracker', () => {
  it('places findings on the applied text as is', () => {
    const state = EditorState.create({ doc: APPLIED });
    const tracker = new AppliedTextTracker(APPLIED, state.doc);
    expect(marked(state, tracker)).toEqual(['contianers']);
  });

  it('follows the text through edits made after the Apply', () => {
    let state = EditorState.create({ doc: APPLIED });
    const tracker = new AppliedTextTracker(APPLIED, state.doc);
    const edits = [
      { from: 0, insert: '# a comment\n# and another\n' },
      { from: 10, to: 10, insert: 'x' },
    ];
    for (const change of edits) {
      const tr = state.update({ changes: change });
      tracker.record(tr.changes, tr.newDoc);
      state = tr.state;
    }
    expect(state.doc.line(5).text).toBe('  contianers: []');
    expect(marked(state, tracker)).toEqual(['contianers']);
  });

  it('diffs against the editor when the applied text is not what it shows', () => {
    const draft = `# typed before the result came back\n${APPLIED}`;
    const state = EditorState.create({ doc: draft });
    const tracker = new AppliedTextTracker(APPLIED, state.doc);
    expect(marked(state, tracker)).toEqual(['contianers']);
  });

  it('counts edits from the new applied text after a reset (an Apply)', () => {
    let state = EditorState.create({ doc: 'kind: Pod\n' });
    const tracker = new AppliedTextTracker('kind: Pod\n', state.doc);
    const type = (change: { from: number; insert: string }) => {
      const tr = state.update({ changes: change });
      tracker.record(tr.changes, tr.newDoc);
      state = tr.state;
    };
    type({ from: state.doc.length, insert: 'spec:\n  contianers: []\n' });
    tracker.reset(state.doc.toString(), state.doc);
    type({ from: 0, insert: '# added after the Apply\n' });
    expect(state.doc.line(4).text).toBe('  contianers: []');
    expect(marked(state, tracker)).toEqual(['contianers']);
  });

  it('recovers from a change set that does not fit', () => {
    const state = EditorState.create({ doc: APPLIED });
    const tracker = new AppliedTextTracker(APPLIED, state.doc);
    tracker.record(ChangeSet.of([{ from: 0, insert: 'x' }], 3), state.doc);
    expect(marked(state, tracker)).toEqual(['contianers']);
  });
});
