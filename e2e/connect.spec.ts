import { expect, test } from '@playwright/test';
import { applyYaml, canvasOf, dragConnection, exportedYaml, inspectorOf } from './helpers';

const SHOP = `apiVersion: v1
kind: Pod
metadata: {name: api, labels: {app: api}}
spec: {containers: [{name: app, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, labels: {app: client}}
spec: {containers: [{name: c, image: curlimages/curl, command: [sleep, infinity]}]}
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec: {ports: [{port: 8080, targetPort: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;

test.describe('connecting on the canvas', () => {
  test('Service → pod adds the pod labels to the selector; the endpoint edge appears', async ({
    page,
  }) => {
    await page.goto('/');
    await applyYaml(page, SHOP);
    const canvas = canvasOf(page);
    const service = canvas.locator('[data-id="service:default/api"]');
    await expect(service).toContainText('no endpoints');
    await dragConnection(page, service, canvas.locator('[data-id="pod:default/api"]'));
    await expect(page.getByRole('status')).toContainText(
      'Service default/api now selects default/api.',
    );
    await expect(service).toContainText('1 ready');
    await expect(canvas.getByText('8080 → 80')).toBeVisible();
    expect(await exportedYaml(page)).toContain('selector: { app: api }');
  });

  test('pod → pod offers the allow policy, and adding it opens the matrix cell', async ({
    page,
  }) => {
    await page.goto('/');
    await applyYaml(page, SHOP);
    const canvas = canvasOf(page);
    await dragConnection(
      page,
      canvas.locator('[data-id="pod:default/client"]'),
      canvas.locator('[data-id="pod:default/api"]'),
    );
    const dialog = page.getByRole('dialog', { name: 'Allow traffic' });
    await expect(dialog).toContainText('default/client → default/api on TCP/80 is denied');
    await expect(dialog.getByLabel('Proposed NetworkPolicy')).toContainText(
      'podSelector:\n    matchLabels:\n      app: api',
    );
    await dialog.getByRole('button', { name: 'Add this NetworkPolicy' }).click();
    await expect(dialog).toBeHidden();
    const policy = canvas.locator('[data-id="networkpolicy:default/allow-client-to-api"]');
    await expect(policy).toBeVisible();
    await page.getByRole('tab', { name: 'Reachability matrix' }).click();
    await expect(page.getByLabel('default/client → default/api: allowed')).toBeVisible();
    // Selecting the new policy draws the connection it allows.
    await policy.click();
    await expect(canvas.locator('.k8s-allow-summary')).toHaveText(
      'default/allow-client-to-api allows 1 connection between pods',
    );
    await expect(canvas.locator('.react-flow__edge-path.k8s-edge--allow')).toHaveCount(1);
    await expect(canvas.locator('.k8s-edge-label--allow')).toHaveText('TCP/80');
    // Asking again when it is allowed offers nothing to add.
    await dragConnection(
      page,
      canvas.locator('[data-id="pod:default/client"]'),
      canvas.locator('[data-id="pod:default/api"]'),
    );
    await expect(dialog).toContainText('already allowed');
    await expect(dialog.getByRole('button', { name: 'Add this NetworkPolicy' })).toHaveCount(0);
  });
});

test.describe('inline edits in the Inspector', () => {
  test('a Deployment pod edits its template; rename and ports are YAML edits', async ({ page }) => {
    await page.goto('/');
    const canvas = canvasOf(page);
    const backend = canvas.locator('[data-id^="pod:shop/backend-"]').first();
    await backend.click();
    const inspector = inspectorOf(page);
    await expect(inspector).toContainText('these edits change its pod template');
    await inspector.getByRole('textbox', { name: 'New label' }).fill('tier=api');
    await inspector.getByRole('button', { name: 'Set label' }).click();
    // A template change is a rollout: new pods replace the selected one.
    await expect(page.getByRole('status')).toContainText(
      "Deployment/backend's pod template changed, so its pods were replaced",
    );
    await expect(inspector).toContainText('is not in the cluster any more');
    await expect(canvas.locator('[data-id^="pod:shop/backend-"]')).toHaveCount(2);
    let yaml = await exportedYaml(page);
    expect(yaml).toMatch(/template:\n\s+metadata:\n\s+labels:\n\s+app: backend\n\s+tier: api\n/);

    await canvas.locator('[data-id="pod:data/db"]').click();
    const port = inspector.getByRole('spinbutton', { name: 'postgres postgres TCP' });
    await expect(port).toHaveValue('5432');
    await port.fill('5433');
    await port.press('Enter');
    // The db Service's named targetPort now resolves to the new number; postgres still listens
    // on 5432, as the card says.
    await expect(canvas.getByText('5432 → 5433')).toBeVisible();
    await expect(canvas.locator('[data-id="pod:data/db"]')).toContainText(':5432');
    yaml = await exportedYaml(page);
    expect(yaml).toContain('containerPort: 5433');

    const name = inspector.getByRole('textbox', { name: 'Name' });
    await name.fill('postgres');
    await name.press('Enter');
    await expect(canvas.locator('[data-id="pod:data/postgres"]')).toBeVisible();
    await expect(inspector.getByRole('heading', { level: 2 })).toHaveText('data/postgres');
  });
});
