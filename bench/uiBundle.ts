/**
 * The initial JavaScript of the built app: what index.html makes the browser fetch before the
 * app can start (the entry script and its modulepreloads), each file gzipped with node:zlib.
 * The source maps say which packages each chunk holds, so the check that CodeMirror is lazy
 * ("the editor lazy-loaded") does not depend on how Vite names chunks.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFigures {
  readonly initialFiles: readonly { readonly file: string; readonly gzipKB: number }[];
  readonly initialGzipKB: number;
  readonly initialRawKB: number;
  /** Whether any initial file holds @codemirror or @lezer code (it must not). */
  readonly codemirrorInitial: boolean;
  /** The lazy chunk(s) holding CodeMirror, fetched when the editor tab first renders. */
  readonly codemirrorChunks: readonly { readonly file: string; readonly gzipKB: number }[];
  /** The engine worker, started right after the first render: not in index.html, shown apart. */
  readonly workerGzipKB: number;
}

const kb = (n: number) => Math.round((n / 1024) * 10) / 10;

/** The `src`/`href` of every `<script type="module">` and `<link rel="modulepreload">`. */
export function initialScripts(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isScript = tag.startsWith('<script') && /type="module"/.test(tag);
    const isPreload = tag.startsWith('<link') && /rel="modulepreload"/.test(tag);
    const url = /(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if ((isScript || isPreload) && url !== undefined) found.push(url);
  }
  return found;
}

function holdsCodemirror(file: string): boolean {
  try {
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources?: string[] };
    return (map.sources ?? []).some((s) => /node_modules\/@(codemirror|lezer)\//.test(s));
  } catch {
    // No source map: fall back to a string CodeMirror's view always contains.
    return readFileSync(file, 'utf8').includes('cm-editor');
  }
}

export function measureBundle(outDir: string): BundleFigures {
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const initial = initialScripts(html).map((url) => {
    const file = path.join(outDir, url.replace(/^\//, ''));
    const bytes = readFileSync(file);
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const assets = path.join(outDir, 'assets');
  const chunks = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join(assets, f));
  const initialSet = new Set(initial.map((f) => f.file));
  const gzipKB = (file: string) => kb(gzipSync(readFileSync(file), { level: 9 }).length);
  const worker = chunks.find((f) => /worker/i.test(path.basename(f)));
  return {
    initialFiles: initial.map((f) => ({ file: path.basename(f.file), gzipKB: kb(f.gzip) })),
    initialGzipKB: kb(initial.reduce((n, f) => n + f.gzip, 0)),
    initialRawKB: kb(initial.reduce((n, f) => n + f.raw, 0)),
    codemirrorInitial: initial.some((f) => holdsCodemirror(f.file)),
    codemirrorChunks: chunks
      .filter((f) => !initialSet.has(f) && holdsCodemirror(f))
      .map((f) => ({ file: path.basename(f), gzipKB: gzipKB(f) })),
    workerGzipKB: worker === undefined ? 0 : gzipKB(worker),
  };
}
