import { expect, test } from '@playwright/test';

// Pod names made by the demo's Deployments carry generated suffixes; match them by prefix.
const FRONTEND = /^shop\/frontend-[a-z0-9]+-[a-z0-9]+$/;

test.describe('start page', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
  });

  test('shows the demo cluster with every pod and its IP', async ({ page }) => {
    const canvas = page.getByRole('region', { name: 'Cluster canvas' });
    await expect(canvas).toBeVisible();

    const db = canvas.locator('[data-id="pod:data/db"]');
    await expect(db).toBeVisible();
    await expect(db.getByTestId('pod-ip')).toHaveText(/^10\.244\.\d+\.\d+$/);

    const site = canvas.locator('[data-id="pod:default/static-site"]');
    await expect(site).toContainText('2 containers');
    await expect(site.getByTestId('pod-ip')).toHaveText(/^10\.244\.\d+\.\d+$/);

    await expect(canvas.locator('[data-id^="pod:shop/frontend-"]')).toHaveCount(2);
    await expect(canvas.locator('[data-id^="pod:shop/backend-"]')).toHaveCount(2);
    for (const node of ['control-plane', 'worker-1', 'worker-2']) {
      await expect(canvas.getByRole('heading', { name: node, exact: true })).toBeVisible();
    }
    await page.getByRole('tab', { name: 'Simulation events' }).click();
    await expect(page.getByRole('region', { name: 'Simulation events' })).toContainText(
      'No errors or warnings',
    );
  });

  test('the reachability matrix follows the demo policies on TCP 80', async ({
    page,
  }, testInfo) => {
    await page.getByRole('tab', { name: 'Reachability matrix' }).click();
    const region = page.getByRole('region', { name: 'Reachability matrix' });
    await expect(region).toContainText('TCP port 80');
    const table = region.getByRole('table', { name: 'Reachability matrix' });

    const columns = table.getByRole('columnheader');
    await expect(columns.filter({ hasText: 'data/db' })).toHaveCount(1);
    await expect(columns.filter({ hasText: FRONTEND })).toHaveCount(2);
    const rows = table.getByRole('rowheader');
    await expect(rows).toHaveCount(6);
    await expect(rows.filter({ hasText: 'default/static-site' })).toHaveCount(1);

    const [from, to] = (await rows.filter({ hasText: FRONTEND }).allTextContents()).sort();
    if (from === undefined || to === undefined) throw new Error('expected two frontend pods');

    // `data` denies all ingress by default; only shop's backend may reach db, and only on 5432.
    const denied = table.getByRole('cell', { name: `${from} → data/db: denied`, exact: true });
    await expect(denied).toBeVisible();
    await expect(denied).toHaveClass(/cell--denied/);
    // No policy selects shop's pods, so frontend talks to frontend.
    const allowed = table.getByRole('cell', { name: `${from} → ${to}: allowed`, exact: true });
    await expect(allowed).toBeVisible();
    await expect(allowed).toHaveClass(/cell--allowed/);
    await expect(
      table.getByRole('cell', { name: 'data/db → default/static-site: allowed', exact: true }),
    ).toBeVisible();

    const screenshot = testInfo.outputPath('start-page.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    await testInfo.attach('start page', { path: screenshot, contentType: 'image/png' });
  });
});
