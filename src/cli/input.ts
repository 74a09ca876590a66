/** Gathering the CLI's input files: paths, directories (their .yaml/.yml/.json files) and `-` for stdin. */
import { readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostics';
import type { InputFile } from '../model/parseManifests';
import { MAX_INPUT_BYTES, tooLarge } from '../model/yamlSource';

export interface GatheredInput {
  readonly files: InputFile[];
  readonly diagnostics: Diagnostic[];
}

const MANIFEST_EXT = new Set(['.yaml', '.yml', '.json']);

function fileDiag(file: string, code: string, message: string): Diagnostic {
  return { file, line: 1, col: 1, severity: 'error', path: '', code, message };
}

function readStdin(): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.alloc(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
    total += n;
    if (total > MAX_INPUT_BYTES) break; // enough to know it is too large
  }
  return Buffer.concat(chunks);
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    if (entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (MANIFEST_EXT.has(path.extname(entry.name).toLowerCase())) out.push(p);
  }
}

/** Read every named input. Problems (missing file, too large) become diagnostics, never throws. */
export function gatherInputs(args: readonly string[]): GatheredInput {
  const files: InputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const arg of args) {
    if (arg === '-') {
      const content = readStdin();
      if (content.length > MAX_INPUT_BYTES) diagnostics.push(tooLarge('<stdin>', content.length));
      else files.push({ file: '<stdin>', content });
      continue;
    }
    let st;
    try {
      st = statSync(arg);
    } catch {
      diagnostics.push(
        fileDiag(arg, 'file-not-found', 'no such file or directory; check the path'),
      );
      continue;
    }
    const paths: string[] = [];
    if (st.isDirectory()) {
      walk(arg, paths);
      if (paths.length === 0)
        diagnostics.push(
          fileDiag(arg, 'empty-directory', 'directory has no .yaml, .yml or .json files'),
        );
    } else paths.push(arg);
    for (const p of paths) {
      const size = statSync(p).size;
      if (size > MAX_INPUT_BYTES) {
        diagnostics.push(tooLarge(p, size));
        continue;
      }
      try {
        files.push({ file: p, content: readFileSync(p) });
      } catch (e) {
        diagnostics.push(
          fileDiag(p, 'unreadable', `cannot read the file (${(e as Error).message})`),
        );
      }
    }
  }
  return { files, diagnostics };
}
