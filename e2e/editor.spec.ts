import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { BAD_POD, TYPO_MESSAGE } from './helpers';

const TWO_PODS = `# Two pods, pasted in one go.
apiVersion: v1
kind: Pod
metadata:
  name: alpha
  labels:
    app: alpha
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports:
        - containerPort: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: beta
  labels:
    app: beta
spec:
  containers:
    - name: web
      image: nginx:1.27
`;

// The browser globals a paste event needs, for the function Playwright runs in the page (the e2e
// tsconfig has no DOM library: only that function touches the DOM).
declare const DataTransfer: new () => { setData: (format: string, data: string) => void };
declare const ClipboardEvent: new (type: string, init: Record<string, unknown>) => object;

/** The Manifest editor region and its CodeMirror text box. */
function editorOf(page: Page): { region: Locator; text: Locator } {
  const region = page.getByRole('region', { name: 'Manifest editor' });
  return { region, text: region.getByRole('textbox', { name: 'YAML manifests' }) };
}

/** Select everything in the editor and replace it, by typing or by a paste event. */
async function replaceText(page: Page, text: Locator, yaml: string, how: 'type' | 'paste') {
  await text.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  if (how === 'type') {
    await page.keyboard.insertText(yaml);
  } else {
    await text.evaluate((el: { dispatchEvent: (event: object) => boolean }, data: string) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', data);
      el.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }),
      );
    }, yaml);
  }
  const firstLine = yaml.split('\n')[0] ?? '';
  await expect(text.locator('.cm-line').first()).toHaveText(firstLine);
}

test.describe('manifest editor', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('tab', { name: 'Manifest editor' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    // The demo scenario is loaded and checked: no problems.
    await expect(editorOf(page).region.getByText('No problems', { exact: true })).toBeVisible();
  });

  test('marks a typo after Apply, then applies pasted pods to the canvas', async ({
    page,
  }, testInfo) => {
    const { region, text } = editorOf(page);
    await replaceText(page, text, BAD_POD, 'type');
    await expect(region.getByText('Edited since the last Apply')).toBeVisible();
    await region.getByRole('button', { name: 'Apply', exact: true }).click();

    // The finding, worded as `k8snet validate` words it, in the problems list …
    const problems = region.getByRole('region', { name: 'Problems' });
    await expect(problems).toContainText(TYPO_MESSAGE);
    await expect(region.getByText('2 errors', { exact: true })).toBeVisible();
    // … and as a lint marker on the misspelt key, with the same message on hover.
    const marker = text.locator('.cm-lintRange-error', { hasText: 'contianers' });
    await expect(marker).toHaveCount(1);
    await expect(region.locator('.cm-gutter-lint .cm-lint-marker-error').first()).toBeVisible();
    await marker.hover();
    await expect(region.locator('.cm-tooltip-lint')).toContainText(TYPO_MESSAGE);

    const shot = testInfo.outputPath('editor-lint.png');
    await page.screenshot({ path: shot });
    await testInfo.attach('lint markers', { path: shot, contentType: 'image/png' });

    await replaceText(page, text, TWO_PODS, 'paste');
    await region.getByRole('button', { name: 'Apply', exact: true }).click();
    const canvas = page.getByRole('region', { name: 'Cluster canvas' });
    await expect(canvas.locator('[data-id="pod:default/alpha"]')).toBeVisible();
    await expect(canvas.locator('[data-id="pod:default/beta"]')).toBeVisible();
    await expect(region.getByText('No problems', { exact: true })).toBeVisible();
    await expect(problems).toHaveCount(0);
    await expect(text.locator('.cm-lintRange')).toHaveCount(0);
  });

  test('completes kinds and applies with Ctrl/Cmd+Enter', async ({ page }) => {
    const { region, text } = editorOf(page);
    await replaceText(page, text, 'apiVersion: v1\nkind: Ser', 'type');
    const options = page.getByRole('listbox');
    // Service ranks first (a common kind), above ServiceAccount and ServiceCIDR.
    const first = options.getByRole('option', { selected: true });
    await expect(first.locator('.cm-completionLabel')).toHaveText('Service');
    await expect(first.locator('.cm-completionDetail')).toHaveText('v1');
    // Clicked rather than Enter: CodeMirror ignores Enter for 75 ms after the list opens, so a
    // fast typist's newline is not taken as a choice.
    await first.click();
    await expect(text.locator('.cm-line').nth(1)).toHaveText('kind: Service');

    await page.keyboard.insertText('\nmetadata:\n  name: solo\nspec:\n  selector:\n    app: solo');
    await page.keyboard.insertText('\n  ports:\n    - port: 80');
    await page.keyboard.insertText('\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: solo');
    await page.keyboard.insertText('\n  labels:\n    app: solo\nspec:\n  containers:');
    await page.keyboard.insertText('\n    - name: web\n      image: nginx:1.27');
    await page.keyboard.press('ControlOrMeta+Enter');
    const canvas = page.getByRole('region', { name: 'Cluster canvas' });
    await expect(canvas.locator('[data-id="pod:default/solo"]')).toBeVisible();
    await expect(region.getByText('No problems', { exact: true })).toBeVisible();
    // Ctrl/Cmd+Enter applied instead of inserting a line.
    await expect(text.locator('.cm-line').last()).toHaveText('      image: nginx:1.27');
  });
});

test.describe('manifest editor, live lint', () => {
  test('marks problems while typing, before any Apply, and leaves the cluster alone', async ({
    page,
  }) => {
    await page.goto('/');
    const { region, text } = editorOf(page);
    await expect(region.getByText('No problems', { exact: true })).toBeVisible();
    const canvas = page.getByRole('region', { name: 'Cluster canvas' });
    const pods = canvas.locator('[data-id^="pod:"]');
    await expect(canvas.locator('[data-id="pod:data/db"]')).toBeVisible();
    const podCount = await pods.count();

    // Typed, never applied: the worker checks the draft once typing pauses.
    await replaceText(page, text, BAD_POD, 'type');
    const status = region.getByText('2 errors in your unapplied edits', { exact: true });
    await expect(status).toBeVisible();
    const problems = region.getByRole('region', { name: 'Problems' });
    await expect(problems).toContainText('In your unapplied edits');
    const typo = problems.getByRole('button').filter({ hasText: TYPO_MESSAGE });
    await expect(typo).toHaveCount(1);
    await expect(typo.locator('.problem__where')).toHaveText('6:3');
    // Its tooltip is the line `k8snet validate` prints for the editor's file (the demo's).
    const file = await region.locator('.manifest-editor__file').textContent();
    await expect(typo).toHaveAttribute(
      'title',
      `${file ?? ''}:6:3: error: spec.contianers: ${TYPO_MESSAGE}`,
    );
    const marker = text.locator('.cm-lintRange-error', { hasText: 'contianers' });
    await expect(marker).toHaveCount(1);
    await marker.hover();
    await expect(region.locator('.cm-tooltip-lint')).toContainText(TYPO_MESSAGE);

    // Fix the typo in place: the markers and the problems go, still without Apply.
    await marker.dblclick();
    await page.keyboard.insertText('containers');
    await expect(text.locator('.cm-line').nth(5)).toHaveText('  containers:');
    await expect(
      region.getByText('No problems in your unapplied edits', { exact: true }),
    ).toBeVisible();
    await expect(text.locator('.cm-lintRange')).toHaveCount(0);
    await expect(problems).toHaveCount(0);

    // The canvas still shows the last applied cluster: the demo, not the typed pod.
    await expect(region.getByText('Edited since the last Apply')).toBeVisible();
    await expect(canvas.locator('[data-id="pod:data/db"]')).toBeVisible();
    await expect(canvas.locator('[data-id="pod:default/typo"]')).toHaveCount(0);
    await expect(pods).toHaveCount(podCount);
  });
});
