/**
 * The Playwright suite in a real Chromium: finds the browser (scripts/find-chromium.mjs), hands
 * its path to playwright.config.ts through K8SNET_CHROMIUM, and runs `playwright test` with any
 * arguments given here (`node scripts/e2e.mjs --grep matrix`). Exits with Playwright's code.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { findChromium } from './find-chromium.mjs';

let chromium;
try {
  chromium = await findChromium();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

// The local CLI, run by this Node (what `npx playwright` would resolve to, without npx's overhead).
const require = createRequire(import.meta.url);
const cli = require.resolve('@playwright/test/cli');
const result = spawnSync(process.execPath, [cli, 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, K8SNET_CHROMIUM: chromium },
});
if (result.error) {
  console.error(`k8snet: could not start Playwright: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
