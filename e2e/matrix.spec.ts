import { expect, test } from '@playwright/test';
import { applyYaml } from './helpers';

const TWO = `apiVersion: v1
kind: Pod
metadata: {name: a, labels: {app: a}}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b, labels: {app: b}}
spec: {containers: [{name: c, image: nginx}]}
`;
const DENY_B = `${TWO}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: b-closed}
spec: {podSelector: {matchLabels: {app: b}}, policyTypes: [Ingress]}
`;

test.describe('reachability matrix panel', () => {
  test('hovering a cell says which policies decide it; the port can change', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('tab', { name: 'Reachability matrix' }).click();
    const panel = page.getByRole('region', { name: 'Reachability matrix' });
    const cell = panel
      .getByRole('cell', { name: /^shop\/backend-\S+ → data\/db: denied$/ })
      .first();
    await cell.hover();
    const why = panel.getByRole('status', { name: 'Why' });
    await expect(why).toContainText(
      "data/db's ingress is isolated by data/default-deny-ingress, data/db-allow-backend and no rule allows this",
    );
    // Beside the grid, not below the fold of the short dock.
    await expect(why).toBeInViewport({ ratio: 0.99 });
    await panel.getByRole('spinbutton', { name: 'Port' }).fill('5432');
    await expect(
      panel.getByRole('cell', { name: /^shop\/backend-\S+ → data\/db: allowed$/ }).first(),
    ).toBeVisible();
    await expect(
      panel.getByRole('cell', { name: /^shop\/frontend-\S+ → data\/db: denied$/ }).first(),
    ).toBeVisible();
  });

  test('the arrow keys move between cells, and the focused one is explained', async ({ page }) => {
    await page.goto('/');
    await applyYaml(page, DENY_B);
    await page.getByRole('tab', { name: 'Reachability matrix' }).click();
    const panel = page.getByRole('region', { name: 'Reachability matrix' });
    const first = panel.getByRole('cell', { name: 'default/a → default/a: allowed', exact: true });
    await first.focus();
    await page.keyboard.press('ArrowRight');
    await expect(
      panel.getByRole('cell', { name: 'default/a → default/b: denied', exact: true }),
    ).toBeFocused();
    const why = panel.getByRole('status', { name: 'Why' });
    await expect(why).toContainText('default/b-closed');
    await expect(why).toBeInViewport({ ratio: 0.99 });
    await page.keyboard.press('ArrowDown');
    await expect(
      panel.getByRole('cell', { name: 'default/b → default/b: allowed', exact: true }),
    ).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('default/b');
  });

  test('after an Apply, the cells the edit closed are marked', async ({ page }) => {
    await page.goto('/');
    await applyYaml(page, TWO);
    await page.getByRole('tab', { name: 'Reachability matrix' }).click();
    const panel = page.getByRole('region', { name: 'Reachability matrix' });
    await expect(
      panel.getByRole('cell', { name: 'default/a → default/b: allowed', exact: true }),
    ).toBeVisible();
    // The editor sits behind its tab while the matrix is open.
    await page.getByRole('tab', { name: 'Manifest editor' }).click();
    await applyYaml(page, DENY_B);
    await page.getByRole('tab', { name: 'Reachability matrix' }).click();
    const closed = panel.getByRole('cell', {
      name: 'default/a → default/b: denied (changed by the last edit)',
      exact: true,
    });
    await expect(closed).toBeVisible();
    await expect(closed).toHaveClass(/cell--changed/);
    await closed.click();
    await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('default/a');
  });
});
