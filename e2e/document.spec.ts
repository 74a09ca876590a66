import { expect, test } from '@playwright/test';
import { applyYaml, canvasOf } from './helpers';

const SOLO =
  'apiVersion: v1\nkind: Pod\nmetadata: {name: solo}\nspec: {containers: [{name: c, image: nginx}]}\n';

/** Replace the editor's text and apply it, as a user would. */

test.describe('document: autosave, undo, share', () => {
  test('reload restores the applied scenario', async ({ page }) => {
    await page.goto('/');
    await expect(canvasOf(page).locator('[data-id="pod:data/db"]')).toBeVisible();
    await applyYaml(page, SOLO);
    await expect(canvasOf(page).locator('[data-id="pod:default/solo"]')).toBeVisible();
    await expect(canvasOf(page).locator('[data-id="pod:data/db"]')).toHaveCount(0);
    await page.reload();
    await expect(canvasOf(page).locator('[data-id="pod:default/solo"]')).toBeVisible();
  });

  test('Ctrl+Z and Ctrl+Shift+Z undo and redo an Apply', async ({ page }) => {
    await page.goto('/');
    await expect(canvasOf(page).locator('[data-id="pod:data/db"]')).toBeVisible();
    await applyYaml(page, SOLO);
    await expect(canvasOf(page).locator('[data-id="pod:default/solo"]')).toBeVisible();
    await page.getByRole('heading', { name: 'k8snet' }).click();
    await page.keyboard.press('ControlOrMeta+z');
    await expect(canvasOf(page).locator('[data-id="pod:data/db"]')).toBeVisible();
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect(canvasOf(page).locator('[data-id="pod:default/solo"]')).toBeVisible();
  });

  test('a share link reopens the scenario in a fresh browser', async ({ page, browser }) => {
    await page.goto('/');
    await applyYaml(page, SOLO);
    await expect(canvasOf(page).locator('[data-id="pod:default/solo"]')).toBeVisible();
    await page.getByRole('button', { name: 'Share' }).click();
    await expect(page).toHaveURL(/#s=[A-Za-z0-9_-]+$/);
    const link = page.url();
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(link);
    await expect(canvasOf(other).locator('[data-id="pod:default/solo"]')).toBeVisible();
    await expect(other.getByRole('status')).toContainText('from a share link');
    await fresh.close();
  });

  test('a broken share link says so and keeps the saved work', async ({ page }) => {
    await page.goto('/');
    await applyYaml(page, SOLO);
    await expect(canvasOf(page).locator('[data-id="pod:default/solo"]')).toBeVisible();
    await page.goto('/#s=***not-a-link***');
    await page.reload();
    await expect(page.getByRole('alert')).toContainText('This share link is broken');
    await expect(canvasOf(page).locator('[data-id="pod:default/solo"]')).toBeVisible();
  });
});
