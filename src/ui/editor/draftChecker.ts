/**
 * Live lint for the editor: while the draft differs from the applied text, check it in the
 * worker a moment after typing stops, and keep only the answer for the text as it is now. No
 * React here (the editor wires it to the store), so the timing rules are tested with fake timers.
 */
import type { DiagnosticView, SourceFile } from '../../worker/protocol';

/** Long enough to skip the keystrokes of a word, short enough to feel live. */
export const DRAFT_CHECK_DELAY_MS = 250;

/** The document as the checker sees it (a slice of the store). */
export interface DraftDocument {
  readonly fileName: string;
  readonly appliedText: string;
  readonly draftText: string;
}

/** The findings of one finished check, and the draft they are about. */
export interface CheckedDraft {
  readonly fileName: string;
  readonly text: string;
  readonly findings: readonly DiagnosticView[];
}

export interface DraftCheck {
  /**
   * `applied`: the draft is the applied text, so the simulation's findings stand. `checking`:
   * an edit is waiting for its check. `checked`: `last` is about the draft as it is now.
   * `failed`: the engine did not answer (the worker crashed).
   */
  readonly state: 'applied' | 'checking' | 'checked' | 'failed';
  /** The latest finished check since the draft last equalled the applied text; null before one. */
  readonly last: CheckedDraft | null;
}

export const DRAFT_APPLIED: DraftCheck = { state: 'applied', last: null };

/** `engine().validate`: null when a newer request superseded this one or the worker failed. */
export type ValidateDraft = (
  files: readonly SourceFile[],
) => Promise<readonly DiagnosticView[] | null>;

export class DraftChecker {
  readonly #validate: ValidateDraft;
  readonly #onChange: (check: DraftCheck) => void;
  readonly #delayMs: number;
  #check: DraftCheck = DRAFT_APPLIED;
  #document: DraftDocument | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every change of the document: an answer to an older generation is dropped. */
  #generation = 0;

  constructor(
    validate: ValidateDraft,
    onChange: (check: DraftCheck) => void,
    delayMs = DRAFT_CHECK_DELAY_MS,
  ) {
    this.#validate = validate;
    this.#onChange = onChange;
    this.#delayMs = delayMs;
  }

  get check(): DraftCheck {
    return this.#check;
  }

  /** The store changed: recheck if the draft (or what it is compared with) did. */
  update(document: DraftDocument): void {
    const before = this.#document;
    if (
      before?.draftText === document.draftText &&
      before.appliedText === document.appliedText &&
      before.fileName === document.fileName
    )
      return;
    this.#document = document;
    this.#generation++;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (document.draftText === document.appliedText) {
      this.#set(DRAFT_APPLIED);
      return;
    }
    // Markers and problems of the previous check stay (CodeMirror maps them through the edit)
    // until the new answer replaces them.
    if (this.#check.state !== 'checking') this.#set({ state: 'checking', last: this.#check.last });
    const generation = this.#generation;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#ask(document, generation);
    }, this.#delayMs);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#generation++;
  }

  #ask(document: DraftDocument, generation: number): void {
    const { fileName, draftText: text } = document;
    void this.#validate([{ file: fileName, content: text }]).then((findings) => {
      // A newer draft (or an Apply) came meanwhile; its own check is on the way.
      if (generation !== this.#generation || this.#document?.draftText !== text) return;
      this.#set(
        findings === null
          ? { state: 'failed', last: this.#check.last }
          : { state: 'checked', last: { fileName, text, findings } },
      );
    });
  }

  #set(check: DraftCheck): void {
    if (check === this.#check) return;
    this.#check = check;
    this.#onChange(check);
  }
}
