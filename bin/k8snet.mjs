#!/usr/bin/env node
// The k8snet command. Runs the esbuild bundle in dist/ (made at `npm ci`); rebuilds it first
// when it is missing or older than the TypeScript sources, so the CLI never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist-cli/k8snet.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

const srcDirs = ['src/cli', 'src/engine', 'src/model']
  .map((d) => path.join(root, d))
  .filter(existsSync);
const stale =
  !existsSync(bundle) || srcDirs.some((d) => newestSource(d) > statSync(bundle).mtimeMs);
if (stale) {
  const { buildCli } = await import(pathToFileURL(path.join(root, 'scripts/build-cli.mjs')).href);
  await buildCli({ quiet: true });
}
await import(pathToFileURL(bundle).href);
