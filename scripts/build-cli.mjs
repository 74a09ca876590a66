// Bundles the k8snet CLI (and the benchmark) with esbuild into dist/, so `npx k8snet` starts
// fast on plain Node with no TypeScript loader. Runs at `npm ci` (the `prepare` script) and,
// from bin/k8snet.mjs, whenever the sources are newer than the bundle.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildCli({ quiet = false } = {}) {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: quiet ? 'error' : 'warning',
    banner: {
      js: "import { createRequire as __k8snetRequire } from 'node:module'; const require = __k8snetRequire(import.meta.url);",
    },
  };
  await build({
    ...common,
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outfile: path.join(root, 'dist-cli/k8snet.mjs'),
  });
  await build({
    ...common,
    entryPoints: [path.join(root, 'bench/run.ts')],
    outfile: path.join(root, 'dist-cli/bench.mjs'),
    // The UI bench drives Chromium through Playwright, loaded from node_modules as installed.
    // find-chromium.mjs stays a module of its own: bundled, its "run directly" check would see
    // the bundle as the script being run and print to stdout. (dist-cli/ and bench/ are both one
    // level down, so the relative import still points at scripts/.)
    external: ['@playwright/test', 'playwright', 'playwright-core', '*/find-chromium.mjs'],
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli();
}
