/** What several flows share: the app's regions, replacing the YAML, reading it back, dragging. */
import type { Locator, Page } from '@playwright/test';

/** A Pod with a misspelt field, and the message validation gives for it. */
export const BAD_POD = `apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  contianers:
    - name: web
      image: nginx:1.27
`;
export const TYPO_MESSAGE = 'unknown field "contianers" in PodSpec; did you mean "containers"?';

export const canvasOf = (page: Page): Locator =>
  page.getByRole('region', { name: 'Cluster canvas' });

export const inspectorOf = (page: Page): Locator =>
  page.getByRole('complementary', { name: 'Inspector' });

/** Replace the whole Manifest editor text with `yaml` and Apply it. */
export async function applyYaml(page: Page, yaml: string): Promise<void> {
  const editor = page.getByRole('region', { name: 'Manifest editor' });
  const box = editor.getByRole('textbox');
  await box.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(yaml);
  await editor.getByRole('button', { name: 'Apply' }).click();
}

/** The scenario as Export YAML downloads it. */
export async function exportedYaml(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export YAML' }).click();
  const stream = await (await download).createReadStream();
  let yaml = '';
  for await (const chunk of stream) yaml += String(chunk);
  return yaml;
}

/** Drag a connection from a canvas node's connect grip and drop it on another node's card. */
export async function dragConnection(page: Page, from: Locator, to: Locator): Promise<void> {
  await from.hover();
  const grip = await from.locator('.k8s-connect').boundingBox();
  const target = await to.boundingBox();
  if (!grip || !target) throw new Error('the connect grip or the target is not on screen');
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  // In steps, as a hand moves: React Flow starts a connection only after the pointer travels.
  await page.mouse.move(target.x + 10, target.y + 10, { steps: 8 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 4 });
  await page.mouse.up();
}
