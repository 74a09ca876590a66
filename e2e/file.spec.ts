import { expect, test } from '@playwright/test';

const canvas = (page: import('@playwright/test').Page) =>
  page.getByRole('region', { name: 'Cluster canvas' });

test.describe('scenarios: gallery, new, import, export, help', () => {
  test('the gallery opens a tutorial scenario and New empty cluster clears it', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(canvas(page).locator('[data-id="pod:data/db"]')).toBeVisible();
    await page
      .getByRole('combobox', { name: 'Scenario gallery' })
      .selectOption({ label: 'Pod to pod across nodes' });
    await expect(canvas(page).locator('[data-id="pod:default/server"]')).toBeVisible();
    await expect(canvas(page).locator('[data-id="pod:data/db"]')).toHaveCount(0);
    await page
      .getByRole('combobox', { name: 'Scenario gallery' })
      .selectOption({ label: 'New empty cluster' });
    await expect(canvas(page).locator('[data-id="pod:default/server"]')).toHaveCount(0);
    await expect(page.getByText('Scenario scenario.yaml')).toBeVisible();
  });

  test('a YAML file can be imported and the scenario exported', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Import a YAML file').setInputFiles({
      name: 'mine.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(
        'apiVersion: v1\nkind: Pod\nmetadata: {name: imported}\nspec: {containers: [{name: c, image: nginx}]}\n',
      ),
    });
    await expect(canvas(page).locator('[data-id="pod:default/imported"]')).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export YAML' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('mine.yaml');
  });

  test('an oversized import is refused with a message and changes nothing', async ({ page }) => {
    await page.goto('/');
    await expect(canvas(page).locator('[data-id="pod:data/db"]')).toBeVisible();
    await page.getByLabel('Import a YAML file').setInputFiles({
      name: 'big.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.alloc(6 * 1024 * 1024, 0x20),
    });
    await expect(page.getByRole('alert')).toContainText(
      'big.yaml is 6.0 MiB, over the 5 MiB limit.',
    );
    await expect(canvas(page).locator('[data-id="pod:data/db"]')).toBeVisible();
  });

  test('? lists the keyboard shortcuts', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'k8snet' }).click();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toContainText('Undo the last change to the scenario');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  });
});

test('the canvas exports as PNG and SVG', async ({ page }) => {
  await page.goto('/');
  await expect(
    page.getByRole('region', { name: 'Cluster canvas' }).locator('[data-id="pod:data/db"]'),
  ).toBeVisible();
  const group = page.getByRole('group', { name: 'Export canvas' });
  const png = page.waitForEvent('download');
  await group.getByRole('button', { name: 'PNG' }).click();
  const pngFile = await png;
  expect(pngFile.suggestedFilename()).toBe('demo.png');
  const stream = await pngFile.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const bytes = Buffer.concat(chunks);
  // A real PNG, and not a blank one: well over a few kilobytes.
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.length).toBeGreaterThan(20_000);
  const svg = page.waitForEvent('download');
  await group.getByRole('button', { name: 'SVG' }).click();
  expect((await svg).suggestedFilename()).toBe('demo.svg');
});
