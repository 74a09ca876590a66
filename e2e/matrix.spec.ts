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
    await expect(panel.getByRole('status', { name: 'Why' })).toContainText(
      "data/db's ingress is isolated by data/default-deny-ingress, data/db-allow-backend and no rule allows this",
    );
    await panel.getByRole('spinbutton', { name: 'Port' }).fill('5432');
    await expect(
      panel.getByRole('cell', { name: /^shop\/backend-\S+ → data\/db: allowed$/ }).first(),
    ).toBeVisible();
    await expect(
      panel.getByRole('cell', { name: /^shop\/frontend-\S+ → data\/db: denied$/ }).first(),
    ).toBeVisible();
  });

  test('after an Apply, the cells the edit closed are marked', async ({ page }) => {
    await page.goto('/');
    await applyYaml(page, TWO);
    await page.getByRole('tab', { name: 'Reachability matrix' }).click();
    const panel = page.getByRole('region', { name: 'Reachability matrix' });
    await expect(
      panel.getByRole('cell', { name: 'default/a → default/b: allowed', exact: true }),
    ).toBeVisible();
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
