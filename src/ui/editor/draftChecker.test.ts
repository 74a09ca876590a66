import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DiagnosticView, SourceFile } from '../../worker/protocol';
import type { DraftCheck } from './draftChecker';
import { DRAFT_CHECK_DELAY_MS, DraftChecker } from './draftChecker';

const APPLIED = 'apiVersion: v1\nkind: Pod\n';
const TYPO: DiagnosticView = {
  text: 'scenario.yaml:6:3: error: spec.contianers: unknown field "contianers" in PodSpec; did you mean "containers"?',
  diagnostic: {
    file: 'scenario.yaml',
    line: 6,
    col: 3,
    severity: 'error',
    path: 'spec.contianers',
    message: 'unknown field "contianers" in PodSpec; did you mean "containers"?',
    code: 'unknown-field',
  },
};

interface Asked {
  readonly files: readonly SourceFile[];
  readonly answer: (findings: readonly DiagnosticView[] | null) => void;
}

/** A checker on a fake engine whose answers the test gives by hand. */
function setUp() {
  const asked: Asked[] = [];
  const seen: DraftCheck[] = [];
  const checker = new DraftChecker(
    (files) =>
      new Promise((resolve) => {
        asked.push({ files, answer: resolve });
      }),
    (check) => {
      seen.push(check);
    },
  );
  const type = (draftText: string, appliedText = APPLIED) => {
    checker.update({ fileName: 'scenario.yaml', appliedText, draftText });
  };
  return { checker, asked, seen, type };
}

/** Let the answered promise's `then` run. */
async function settle(): Promise<void> {
  await Promise.resolve();
  await Promise.resolve();
}

describe('DraftChecker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks once typing pauses, and shows the answer for the draft', async () => {
    const { checker, asked, type } = setUp();
    type(`${APPLIED}spec:\n  c`);
    type(`${APPLIED}spec:\n  co`);
    type(`${APPLIED}spec:\n  contianers: []\n`);
    expect(checker.check.state).toBe('checking');
    vi.advanceTimersByTime(DRAFT_CHECK_DELAY_MS - 1);
    expect(asked).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(asked.map((a) => a.files)).toEqual([
      [{ file: 'scenario.yaml', content: `${APPLIED}spec:\n  contianers: []\n` }],
    ]);
    asked[0]?.answer([TYPO]);
    await settle();
    expect(checker.check).toEqual({
      state: 'checked',
      last: {
        fileName: 'scenario.yaml',
        text: `${APPLIED}spec:\n  contianers: []\n`,
        findings: [TYPO],
      },
    });
  });

  it('drops an answer for an older draft, even one the engine did not supersede', async () => {
    const { checker, asked, type } = setUp();
    type(`${APPLIED}spec:\n  contianers: []\n`);
    vi.advanceTimersByTime(DRAFT_CHECK_DELAY_MS);
    type(`${APPLIED}spec:\n  containers: []\n`);
    asked[0]?.answer([TYPO]);
    await settle();
    expect(checker.check).toEqual({ state: 'checking', last: null });
    vi.advanceTimersByTime(DRAFT_CHECK_DELAY_MS);
    asked[1]?.answer([]);
    await settle();
    expect(checker.check.state).toBe('checked');
    expect(checker.check.last?.findings).toEqual([]);
  });

  it('ignores a superseded request (null) and keeps the last findings while checking again', async () => {
    const { checker, asked, seen, type } = setUp();
    type('kind: Pod\n');
    vi.advanceTimersByTime(DRAFT_CHECK_DELAY_MS);
    asked[0]?.answer([TYPO]);
    await settle();
    type('kind: Pod\nx');
    vi.advanceTimersByTime(DRAFT_CHECK_DELAY_MS);
    type('kind: Pod\nxy');
    asked[1]?.answer(null);
    await settle();
    expect(checker.check.state).toBe('checking');
    expect(checker.check.last?.findings).toEqual([TYPO]);
    // Typing on while already checking tells nobody: no re-render per keystroke.
    expect(seen.map((c) => c.state)).toEqual(['checking', 'checked', 'checking']);
  });

  it('goes back to the applied findings when the draft equals the applied text', async () => {
    const { checker, asked, type } = setUp();
    type('kind: Pod\n');
    vi.advanceTimersByTime(DRAFT_CHECK_DELAY_MS);
    type(APPLIED);
    expect(checker.check).toEqual({ state: 'applied', last: null });
    asked[0]?.answer([TYPO]);
    await settle();
    expect(checker.check.state).toBe('applied');
    // Apply: the applied text catches up with the draft; nothing is asked.
    type('kind: Pod\n');
    type('kind: Pod\n', 'kind: Pod\n');
    vi.advanceTimersByTime(DRAFT_CHECK_DELAY_MS);
    expect(asked).toHaveLength(1);
    expect(checker.check.state).toBe('applied');
  });

  it('says the check failed when the engine gives no answer for the current draft', async () => {
    const { checker, asked, type } = setUp();
    type('kind: Pod\n');
    vi.advanceTimersByTime(DRAFT_CHECK_DELAY_MS);
    asked[0]?.answer(null);
    await settle();
    expect(checker.check).toEqual({ state: 'failed', last: null });
  });

  it('asks nothing after dispose', () => {
    const { checker, asked, type } = setUp();
    type('kind: Pod\n');
    checker.dispose();
    vi.advanceTimersByTime(DRAFT_CHECK_DELAY_MS);
    expect(asked).toHaveLength(0);
  });
});
