/**
 * Finds a Chromium executable for the Playwright suite.
 *
 * We never download Playwright's own browser builds (`npx playwright install`): the machines we
 * run on reach only the npm registry and Debian's apt mirror. Order of preference:
 *   1. `K8SNET_CHROMIUM` — an explicit path (fails loudly if it is not an executable file);
 *   2. `CHROME_PATH` — the conventional variable other tools use (skipped with a note if bad);
 *   3. `/usr/bin/chromium`, then `/usr/bin/chromium-browser`;
 *   4. as root on Debian (a fresh CI machine): `apt-get install -y chromium`, then /usr/bin/chromium.
 * Otherwise it throws an error that says how to provide one.
 *
 * Run directly (`node scripts/find-chromium.mjs`) it prints the path it found.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function installWithApt() {
  console.error('k8snet: no Chromium found; installing Debian\'s "chromium" package with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const result = spawnSync('bash', ['-c', 'apt-get update && apt-get install -y chromium'], {
    stdio: 'inherit',
    env,
  });
  if (result.error) {
    throw new Error(`k8snet: could not run apt-get: ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new Error(
      `k8snet: "apt-get install -y chromium" failed (exit ${String(result.status)}); ` +
        'install Chromium yourself or set K8SNET_CHROMIUM=/path/to/chrome',
    );
  }
}

/** @returns {Promise<string>} the path of a Chromium (or Chrome) executable. */
/**
 * Flags for Debian's Chromium on a closed network: without the networking ones it retries its
 * background services (updates, sync, QUIC probes) and floods the network.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function findChromium() {
  const explicit = process.env.K8SNET_CHROMIUM;
  if (explicit) {
    if (isExecutableFile(explicit)) return explicit;
    throw new Error(
      `k8snet: K8SNET_CHROMIUM=${explicit} is not an executable file; ` +
        'point it at a Chromium or Chrome binary, or unset it to search the usual places',
    );
  }
  const chromePath = process.env.CHROME_PATH;
  if (chromePath) {
    if (isExecutableFile(chromePath)) return chromePath;
    console.error(`k8snet: ignoring CHROME_PATH=${chromePath}: not an executable file`);
  }
  for (const candidate of CANDIDATES) {
    if (isExecutableFile(candidate)) return candidate;
  }
  if (existsSync('/etc/debian_version') && process.getuid?.() === 0) {
    installWithApt();
    if (isExecutableFile('/usr/bin/chromium')) return '/usr/bin/chromium';
    throw new Error('k8snet: apt-get installed "chromium" but /usr/bin/chromium is missing');
  }
  throw new Error(
    'k8snet: no Chromium found for the browser tests (looked at K8SNET_CHROMIUM, CHROME_PATH, ' +
      `${CANDIDATES.join(', ')}).\n` +
      '  Install one (Debian/Ubuntu: sudo apt-get install chromium), or\n' +
      '  set K8SNET_CHROMIUM=/path/to/chrome to use a browser you already have.\n' +
      '  (`npx playwright install` is not used by this project.)',
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(await findChromium());
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
