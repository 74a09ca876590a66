/** The path of a Chromium (or Chrome) executable; see find-chromium.mjs for where it looks. */
export function findChromium(): Promise<string>;

/** Launch flags for Chromium on a closed network (see find-chromium.mjs). */
export const CHROMIUM_ARGS: readonly string[];
