import { expect, test } from '@playwright/test';
import { exportedYaml } from './helpers';

test.describe('palette and canvas edits', () => {
  test('dragging a Pod onto a node pins it there and writes it into the YAML', async ({ page }) => {
    await page.goto('/');
    const canvas = page.getByRole('region', { name: 'Cluster canvas' });
    const worker2 = canvas.locator('[data-id="node:worker-2"]');
    await expect(worker2).toBeVisible();
    const item = page
      .getByRole('navigation', { name: 'Palette' })
      .getByText('Pod', { exact: true });
    await item.dragTo(worker2, { targetPosition: { x: 40, y: 20 } });
    const pod = canvas.locator('[data-id="pod:default/pod"]');
    await expect(pod).toBeVisible();
    await expect(pod.getByTestId('pod-ip')).toHaveText(/^10\.244\.2\.\d+$/);
    // The YAML (as exported) now holds the pod, pinned with nodeName.
    const yaml = await exportedYaml(page);
    expect(yaml).toContain('kind: Pod\nmetadata:\n  name: pod\n  namespace: default\n');
    expect(yaml).toContain('  nodeName: worker-2\n');
  });

  test('Delete removes the selected object and Ctrl+Z brings it back', async ({ page }) => {
    await page.goto('/');
    const canvas = page.getByRole('region', { name: 'Cluster canvas' });
    const db = canvas.locator('[data-id="pod:data/db"]');
    await db.click();
    await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('data/db');
    await page.keyboard.press('Delete');
    await expect(db).toHaveCount(0);
    await expect(page.getByRole('status')).toContainText('Deleted Pod data/db');
    // Only the pod went: the objects written after it are all still there.
    await expect(canvas.locator('[data-id="service:data/db"]')).toBeVisible();
    await expect(canvas.locator('[data-id="networkpolicy:data/db-allow-backend"]')).toBeVisible();
    await page.keyboard.press('ControlOrMeta+z');
    await expect(canvas.locator('[data-id="pod:data/db"]')).toBeVisible();
  });
});

test.describe('inspector label editing', () => {
  test('setting a label in the Inspector changes the YAML', async ({ page }) => {
    await page.goto('/');
    const canvas = page.getByRole('region', { name: 'Cluster canvas' });
    await canvas.locator('[data-id="pod:data/db"]').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('textbox', { name: 'New label' }).fill('tier=database');
    await inspector.getByRole('button', { name: 'Set label' }).click();
    const editor = inspector.getByRole('region', { name: 'Edit labels' });
    await expect(editor.getByText('tier=database')).toBeVisible();
    const yaml = await exportedYaml(page);
    expect(yaml).toMatch(
      /name: db\n {2}namespace: data\n {2}labels:\n {4}app: db\n {4}tier: database\n/,
    );
    await editor.getByRole('button', { name: 'Remove label tier' }).click();
    await expect(editor.getByText('tier=database')).toHaveCount(0);
  });
});
