import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { applyYaml, canvasOf } from './helpers';

/** `kubectl get deploy,rs,svc,pods -o yaml` of a kind cluster (the engine tests' fixture). */
const DUMP = readFileSync(
  new URL('../src/engine/testing/kubectlDump.yaml', import.meta.url),
  'utf8',
);

test('a pasted kubectl dump shows its own pods, on its own nodes, with their IPs', async ({
  page,
}) => {
  await page.goto('/');
  await applyYaml(page, DUMP);
  const canvas = canvasOf(page);
  const web = canvas.locator('[data-id="pod:default/web-7c9d5b8f4-2xkqz"]');
  await expect(web.getByTestId('pod-ip')).toHaveText('10.244.1.5');
  await expect(canvas.locator('[data-id="node:kind-worker2"]')).toContainText('172.18.0.4');
  await expect(canvas.locator('[data-id="pod:default/client"]').getByTestId('pod-ip')).toHaveText(
    '10.244.1.7',
  );
  // No second copies made by the Deployment: two web pods, as in the dump.
  await expect(canvas.locator('[data-id^="pod:default/web-"]')).toHaveCount(2);
  await expect(canvas.locator('[data-id="service:default/web"]')).toContainText('10.96.120.15');
});
