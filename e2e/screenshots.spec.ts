import { expect, test } from '@playwright/test';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { BAD_POD, TYPO_MESSAGE, canvasOf, inspectorOf } from './helpers';

/**
 * Screenshots of the main views at a projector's 1280×720, saved as test artefacts
 * (test-results/e2e/screenshots-…/NAME.png, attached to the report) for a person to look at. Each
 * test first asserts what the picture must show, so a shot of a half-built page fails instead.
 */
test.use({ viewport: { width: 1280, height: 720 } });

/** Open the start page and wait until the demo's pods have IPs and the fitted view shows them. */
async function openDemo(page: Page): Promise<Locator> {
  await page.goto('/');
  const canvas = canvasOf(page);
  for (const id of ['pod:data/db', 'pod:default/static-site']) {
    const pod = canvas.locator(`[data-id="${id}"]`);
    await expect(pod.getByTestId('pod-ip')).toHaveText(/^10\.244\.\d+\.\d+$/);
    await expect(pod).toBeInViewport({ ratio: 0.99 });
  }
  await expect(canvas.locator('[data-id^="pod:shop/frontend-"]')).toHaveCount(2);
  return canvas;
}

/** Save a full-window screenshot as an artefact of this test and attach it to the report. */
async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Select a canvas object by clicking it, and wait for the Inspector to name it `ns/name`. */
async function selectOnCanvas(page: Page, id: string, kind: string): Promise<Locator> {
  await canvasOf(page).locator(`[data-id="${id}"]`).click();
  const inspector = inspectorOf(page);
  const name = id.slice(id.indexOf(':') + 1);
  await expect(inspector.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
  await expect(inspector.getByText(kind, { exact: true }).first()).toBeVisible();
  return inspector;
}

/**
 * The demo's whole matrix fits the dock without scrolling: its six row and column headers (named
 * `ns/name`) and its first and last cells are on screen.
 */
async function expectWholeMatrixOnScreen(table: Locator): Promise<void> {
  await expect(table.getByRole('rowheader')).toHaveCount(6);
  await expect(table.getByRole('columnheader', { name: /^\w+\/\S+$/ })).toHaveCount(6);
  for (const header of await table.getByRole('columnheader', { name: /^\w+\/\S+$/ }).all()) {
    await expect(header).toBeInViewport({ ratio: 0.99 });
  }
  for (const header of await table.getByRole('rowheader').all()) {
    await expect(header).toBeInViewport({ ratio: 0.99 });
  }
  await expect(table.getByRole('cell').first()).toBeInViewport({ ratio: 0.99 });
  await expect(table.getByRole('cell').last()).toBeInViewport({ ratio: 0.99 });
}

test.describe('screenshots of the main views', () => {
  test('demo cluster, light theme', async ({ page }, testInfo) => {
    const canvas = await openDemo(page);
    await expect(page.locator('[data-theme="light"]')).toBeVisible();
    await expect(canvas.locator('.react-flow')).toHaveClass(/\blight\b/);
    for (const node of ['control-plane', 'worker-1', 'worker-2']) {
      await expect(canvas.getByRole('heading', { name: node, exact: true })).toBeVisible();
    }
    await expect(inspectorOf(page)).toContainText('Nothing selected.');
    await shoot(page, testInfo, 'demo-light');
  });

  test('demo cluster, dark theme', async ({ page }, testInfo) => {
    const canvas = await openDemo(page);
    await page.getByRole('button', { name: 'Toggle dark theme' }).click();
    await expect(page.locator('[data-theme="dark"]')).toBeVisible();
    await expect(canvas.locator('.react-flow')).toHaveClass(/\bdark\b/);
    await expect(canvas.locator('[data-id="pod:data/db"]').getByTestId('pod-ip')).toHaveText(
      /^10\.244\./,
    );
    await shoot(page, testInfo, 'demo-dark');
  });

  test('a pod selected, shown in the Inspector', async ({ page }, testInfo) => {
    const canvas = await openDemo(page);
    const ip = await canvas.locator('[data-id="pod:data/db"]').getByTestId('pod-ip').innerText();
    const inspector = await selectOnCanvas(page, 'pod:data/db', 'Pod');
    await expect(canvas.locator('[data-id="pod:data/db"]')).toHaveClass(/\bselected\b/);
    await expect(inspector).toContainText(ip);
    await expect(inspector.getByRole('region', { name: 'Edit labels' })).toContainText('app=db');
    await shoot(page, testInfo, 'pod-selected');
  });

  test('a Service selected', async ({ page }, testInfo) => {
    const canvas = await openDemo(page);
    const inspector = await selectOnCanvas(page, 'service:shop/backend', 'Service');
    await expect(canvas.locator('[data-id="service:shop/backend"]')).toHaveClass(/\bselected\b/);
    await expect(inspector).toContainText(/10\.(9[6-9]|1[01][0-9])\.\d+\.\d+/);
    await expect(inspector.getByRole('button', { name: /^shop\/backend-/ }).first()).toBeVisible();
    await shoot(page, testInfo, 'service-selected');
  });

  test('a NetworkPolicy selected lights up its pods and draws what it allows', async ({
    page,
  }, testInfo) => {
    const canvas = await openDemo(page);
    await selectOnCanvas(page, 'networkpolicy:data/db-allow-backend', 'NetworkPolicy');
    await expect(canvas.locator('[data-id="networkpolicy:data/db-allow-backend"]')).toHaveClass(
      /\bis-highlighted\b/,
    );
    await expect(canvas.locator('[data-id="pod:data/db"]')).toHaveClass(/\bis-highlighted\b/);
    await expect(canvas.locator('[data-id="pod:default/static-site"]')).toHaveClass(
      /\bis-dimmed\b/,
    );
    // The backend pods are the peers it lets in: lit, with an arrow each into db on 5432.
    await expect(canvas.locator('[data-id^="pod:shop/backend-"].is-highlighted')).toHaveCount(2);
    await expect(canvas.locator('.react-flow__edge-path.k8s-edge--allow')).toHaveCount(2);
    await expect(canvas.locator('.k8s-edge-label--allow').first()).toHaveText('TCP/5432');
    await shoot(page, testInfo, 'policy-selected');
  });

  test('the Manifest editor marks a bad manifest', async ({ page }, testInfo) => {
    await openDemo(page);
    // Opened as a file, so the editor and the canvas both hold it without typing into CodeMirror.
    await page.getByLabel('Import a YAML file').setInputFiles({
      name: 'typo.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(BAD_POD),
    });
    const editor = page.getByRole('region', { name: 'Manifest editor' });
    await expect(canvasOf(page).locator('[data-id="pod:data/db"]')).toHaveCount(0);
    await expect(editor.getByRole('region', { name: 'Problems' })).toContainText(TYPO_MESSAGE);
    const marker = editor.locator('.cm-lintRange-error', { hasText: 'contianers' });
    await expect(marker).toHaveCount(1);
    await expect(editor.locator('.cm-gutter-lint .cm-lint-marker-error').first()).toBeVisible();
    await marker.hover();
    await expect(editor.locator('.cm-tooltip-lint')).toContainText(TYPO_MESSAGE);
    await shoot(page, testInfo, 'editor-lint');
  });

  test('the Reachability matrix explains a denied cell', async ({ page }, testInfo) => {
    await openDemo(page);
    await page.getByRole('tab', { name: 'Reachability matrix' }).click();
    const panel = page.getByRole('region', { name: 'Reachability matrix' });
    await expect(panel).toContainText('TCP port 80');
    const table = panel.getByRole('table', { name: 'Reachability matrix' });
    await expect(table.getByRole('rowheader')).toHaveCount(6);
    await expect(
      table.getByRole('cell', { name: 'data/db → default/static-site: allowed', exact: true }),
    ).toBeVisible();
    const denied = table.getByRole('cell', { name: /^shop\/backend-\S+ → data\/db: denied$/ });
    await expect(denied).toHaveCount(2);
    await expectWholeMatrixOnScreen(table);
    await shoot(page, testInfo, 'matrix');
    await denied.first().hover();
    const why = panel.getByRole('status', { name: 'Why' });
    await expect(why).toContainText("data/db's ingress is isolated by data/default-deny-ingress");
    await expect(why).toBeInViewport({ ratio: 0.99 });
    await shoot(page, testInfo, 'matrix-why');
  });

  test('the Reachability matrix, dark theme', async ({ page }, testInfo) => {
    await openDemo(page);
    await page.getByRole('button', { name: 'Toggle dark theme' }).click();
    await expect(page.locator('[data-theme="dark"]')).toBeVisible();
    await page.getByRole('tab', { name: 'Reachability matrix' }).click();
    const panel = page.getByRole('region', { name: 'Reachability matrix' });
    const table = panel.getByRole('table', { name: 'Reachability matrix' });
    await expectWholeMatrixOnScreen(table);
    await table
      .getByRole('cell', { name: /^shop\/frontend-\S+ → data\/db: denied$/ })
      .first()
      .hover();
    const why = panel.getByRole('status', { name: 'Why' });
    await expect(why).toContainText("data/db's ingress is isolated by data/default-deny-ingress");
    await expect(why).toBeInViewport({ ratio: 0.99 });
    await shoot(page, testInfo, 'matrix-dark');
  });

  test('the keyboard shortcuts dialog', async ({ page }, testInfo) => {
    await openDemo(page);
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expect(dialog.getByRole('row')).toHaveCount(6);
    await expect(dialog).toContainText('Undo the last change to the scenario');
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
    await shoot(page, testInfo, 'help-dialog');
  });

  test('the scenario gallery opens a tutorial scenario', async ({ page }, testInfo) => {
    await openDemo(page);
    const gallery = page.getByRole('combobox', { name: 'Scenario gallery' });
    // A native <select>: its open list is drawn by the browser, outside the page's screenshot.
    await expect(gallery.getByRole('option')).toHaveText([
      'Scenarios…',
      'New empty cluster',
      'Demo: a shop and its database',
      'Ingress routing',
      'Containers: localhost and volumes',
      'Pod to pod across nodes',
      'NetworkPolicy and DNS',
      'Services and kube-proxy',
    ]);
    await gallery.selectOption({ label: 'Services and kube-proxy' });
    const canvas = canvasOf(page);
    await expect(canvas.locator('[data-id="pod:data/db"]')).toHaveCount(0);
    const client = canvas.locator('[data-id="pod:default/client"]');
    await expect(client.getByTestId('pod-ip')).toHaveText(/^10\.244\.\d+\.\d+$/);
    await expect(canvas.locator('[data-id^="pod:default/web-"]')).toHaveCount(3);
    await expect(canvas.locator('[data-id="service:default/web-lb"]')).toBeInViewport();
    await expect(client).toBeInViewport({ ratio: 0.99 });
    await gallery.focus();
    await shoot(page, testInfo, 'gallery-services');
  });
});
