/**
 * The smallest single replacement that turns one text into another: their common prefix and
 * suffix stay, the middle is replaced. Applying an outside edit (canvas, undo) this way lets the
 * editor map the cursor and selection through it instead of resetting them to the start.
 */
export interface TextReplacement {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

/** The replacement of `before[from, to)` by `insert` that gives `after`; null when equal. */
export function minimalChange(before: string, after: string): TextReplacement | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (
    endBefore > start &&
    endAfter > start &&
    before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)
  ) {
    endBefore--;
    endAfter--;
  }
  // Never split a surrogate pair: CodeMirror counts UTF-16 units, but half a character is not text.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (endBefore < before.length && isLowSurrogate(before.charCodeAt(endBefore))) {
    endBefore++;
    endAfter++;
  }
  return { from: start, to: endBefore, insert: after.slice(start, endAfter) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
