/** The path of a Chromium (or Chrome) executable; see find-chromium.mjs for where it looks. */
export function findChromium(): Promise<string>;
