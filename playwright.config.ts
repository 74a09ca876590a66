/**
 * End-to-end tests against the built app (`vite build` + `vite preview`), in the system's Chromium.
 * Run through `node scripts/e2e.mjs` (or `npm test`), which finds the browser and sets
 * K8SNET_CHROMIUM; Playwright's own browser downloads are never used.
 */
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS } from './scripts/find-chromium.mjs';

const port = 4173;
const baseURL = `http://127.0.0.1:${String(port)}`;
const isCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  // Artefacts (screenshots, traces) per test; the JSON report sits beside it, so test-all can read
  // the totals without Playwright's clean-up of outputDir touching other tools' files.
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: 0,
  workers: isCI ? 1 : 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    baseURL,
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          // Unset only when Playwright is run by hand; scripts/e2e.mjs always sets it.
          executablePath: process.env.K8SNET_CHROMIUM ?? '/usr/bin/chromium',
          args: [...CHROMIUM_ARGS],
        },
      },
    },
  ],
  webServer: {
    command: 'npm run build && npm run preview',
    url: baseURL,
    timeout: 240_000,
    // Always our own fresh build: a server left running from an older build would test stale code.
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
