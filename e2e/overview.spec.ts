import { expect, test } from '@playwright/test';
import { generateScenario } from '../bench/generate';
import { canvasOf, inspectorOf } from './helpers';

/** 300 pods fit the screen only far below readable zoom: the overview layer draws them. */
const BIG = generateScenario({ pods: 300, namespaces: 6, policies: 20, services: 40, seed: 5 });

test('zoomed right out, objects are chips that select and zoom in', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Import a YAML file').setInputFiles({
    name: 'big.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(BIG),
  });
  const canvas = canvasOf(page);
  const overview = canvas.getByLabel('Pods (zoomed out)');
  await expect(overview.locator('rect[data-id^="pod:ns-"]')).toHaveCount(300);
  await expect(overview.locator('rect[data-id^="service:ns-"]')).toHaveCount(40);
  // The Kubernetes nodes (control plane and 3 workers of 110 pods) stay cards; no pod is a React
  // Flow node at this zoom.
  await expect(canvas.locator('.react-flow__node[data-id^="node:"]')).toHaveCount(4);
  await expect(canvas.locator('.react-flow__node[data-id^="pod:"]')).toHaveCount(0);

  const chip = overview.locator('rect[data-id^="pod:ns-0/"]:not([data-id*="node-agent"])').first();
  const id = (await chip.getAttribute('data-id')) ?? '';
  await chip.click();
  await expect(inspectorOf(page).getByRole('heading', { level: 2 })).toHaveText(id.slice(4));
  await expect(chip).toHaveClass(/\bis-selected\b/);

  await chip.dblclick();
  // Close enough to read: the pod is a card again, with its IP.
  const card = canvas.locator(`.react-flow__node[data-id="${id}"]`);
  await expect(card.getByTestId('pod-ip')).toHaveText(/^10\.244\.\d+\.\d+$/);
  await expect(overview).toHaveCount(0);
});
