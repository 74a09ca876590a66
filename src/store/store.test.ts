import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from './index';
import { loadSaved, parseSavedDocument, save, STORAGE_KEY } from './persistence';
import { decodeShare, encodeShare } from './share';

describe('document slice', () => {
  beforeEach(() => {
    useStore.getState().loadDocument('a.yaml', 'one');
    useStore.temporal.getState().clear();
  });

  it('keeps a draft apart from the applied text until Apply', () => {
    const s = useStore.getState();
    s.setDraft('two');
    expect(useStore.getState()).toMatchObject({ appliedText: 'one', draftText: 'two' });
    useStore.getState().applyDraft();
    expect(useStore.getState()).toMatchObject({ appliedText: 'two', draftText: 'two' });
  });

  it('undoes and redoes applied changes, one step each', () => {
    useStore.getState().setDraft('two');
    useStore.getState().applyDraft();
    useStore.getState().setDraft('three');
    useStore.getState().applyDraft();
    useStore.temporal.getState().undo();
    expect(useStore.getState().appliedText).toBe('two');
    useStore.temporal.getState().undo();
    expect(useStore.getState().appliedText).toBe('one');
    useStore.temporal.getState().redo();
    expect(useStore.getState().appliedText).toBe('two');
  });

  it('does not record selection or panel changes as undo steps', () => {
    useStore.getState().select('pod:default/a');
    useStore.getState().openPanel('matrix');
    expect(useStore.temporal.getState().pastStates).toHaveLength(0);
  });
});

describe('autosave', () => {
  it('round-trips through storage and ignores broken or oversized entries', () => {
    const mem = new Map<string, string>();
    const storage = {
      getItem: (k: string) => mem.get(k) ?? null,
      setItem: (k: string, v: string) => void mem.set(k, v),
    };
    expect(save(storage, { fileName: 'x.yaml', appliedText: 'a', draftText: 'b' })).toBe(true);
    expect(loadSaved(storage)).toEqual({ fileName: 'x.yaml', appliedText: 'a', draftText: 'b' });
    mem.set(STORAGE_KEY, '{not json');
    expect(loadSaved(storage)).toBeNull();
    expect(parseSavedDocument({ fileName: 'x', appliedText: 1, draftText: '' })).toBeNull();
    expect(
      parseSavedDocument({
        fileName: 'x',
        appliedText: 'a'.repeat(6 * 1024 * 1024),
        draftText: '',
      }),
    ).toBeNull();
  });
});

describe('share links', () => {
  it('reopens the scenario exactly', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: é-ünïcode}\n# comment kept\n';
    const fragment = await encodeShare({ fileName: 'mine.yaml', appliedText: text });
    expect(fragment).toMatch(/^s=[A-Za-z0-9_-]+$/);
    expect(await decodeShare(`#${fragment}`)).toEqual({
      ok: true,
      doc: { fileName: 'mine.yaml', appliedText: text, draftText: text },
    });
  });

  it('says a hostile or broken link is broken, and ignores other fragments', async () => {
    expect(await decodeShare('#section-2')).toBeNull();
    expect(await decodeShare('#s=***')).toEqual({
      ok: false,
      message:
        'This share link is broken (it is not valid base64url); your saved work is unchanged.',
    });
    expect(await decodeShare('#s=AAAA')).toMatchObject({ ok: false });
    // A valid deflate of JSON that is not a document.
    const notDoc = await encodeShare({ fileName: 'x', appliedText: '' });
    const tampered = notDoc.slice(0, -2);
    expect((await decodeShare(tampered))?.ok).toBe(false);
  });
});
