import { expect, test } from '@playwright/test';
import { applyYaml, canvasOf, inspectorOf } from './helpers';

test.describe('the Inspector of a Service', () => {
  test('shows its kube-proxy rules, per node and per mode', async ({ page }) => {
    await page.goto('/');
    await canvasOf(page).locator('[data-id="service:shop/frontend"]').click();
    const inspector = inspectorOf(page);
    const rules = inspector.getByLabel('kube-proxy rules', { exact: true });

    // The demo cluster runs iptables mode: KUBE-SVC picks one of the two frontend pods.
    await expect(inspector.getByRole('combobox', { name: 'kube-proxy mode' })).toHaveValue(
      'iptables',
    );
    await expect(inspector.getByRole('combobox', { name: 'kube-proxy node' })).toHaveValue(
      'control-plane',
    );
    await expect(rules).toContainText(
      /-A KUBE-SVC-[A-Z2-7]{16} -m comment --comment "shop\/frontend:http -> 10\.244\.\d+\.\d+:80" -m statistic --mode random --probability 0\.50000000000 -j KUBE-SEP-/,
    );
    await expect(rules).toContainText(
      /-A KUBE-SEP-[A-Z2-7]{16} -p tcp -m comment --comment "shop\/frontend:http" -m tcp -j DNAT --to-destination 10\.244\.\d+\.\d+:80/,
    );
    // Only this Service's rules: not the backend's, not the cluster DNS.
    await expect(rules).not.toContainText('shop/backend');
    await expect(rules).not.toContainText('kube-dns');

    await inspector.getByRole('combobox', { name: 'kube-proxy mode' }).selectOption('nftables');
    await expect(rules).toContainText(
      /chain service-[A-Z2-7]{8}-shop\/frontend\/tcp\/http \{\n\t\tip daddr 10\.\d+\.\d+\.\d+ ip saddr != 10\.244\.0\.0\/16 jump mark-for-masquerade\n\t\tnumgen random mod 2 vmap/,
    );
    await expect(rules).toContainText(/meta l4proto tcp dnat to 10\.244\.\d+\.\d+:80/);
    await expect(rules).not.toContainText('KUBE-SVC-');

    await inspector.getByRole('combobox', { name: 'kube-proxy mode' }).selectOption('ipvs');
    await expect(rules).toContainText(
      /TCP {2}10\.\d+\.\d+\.\d+:80 rr\n {2}-> 10\.244\.\d+\.\d+:80 +Masq {4}1/,
    );
    await expect(inspector).toContainText('IPVS mode is deprecated upstream');
    await expect(rules).not.toContainText('dnat to');

    await inspector.getByRole('combobox', { name: 'kube-proxy node' }).selectOption('worker-1');
    await expect(inspector.getByRole('combobox', { name: 'kube-proxy node' })).toHaveValue(
      'worker-1',
    );
    await expect(rules).toContainText(/TCP {2}10\.\d+\.\d+\.\d+:80 rr/);
  });

  test('says an ExternalName Service has DNS only, no rules', async ({ page }) => {
    await page.goto('/');
    await applyYaml(
      page,
      `apiVersion: v1
kind: Service
metadata: {name: docs}
spec: {type: ExternalName, externalName: docs.example.com}
`,
    );
    await canvasOf(page).locator('[data-id="service:default/docs"]').click();
    const inspector = inspectorOf(page);
    await expect(inspector).toContainText(
      'default/docs is an ExternalName Service: cluster DNS answers its name with a CNAME to docs.example.com, and kube-proxy writes no rules for it.',
    );
    await expect(inspector.getByLabel('kube-proxy rules', { exact: true })).toHaveCount(0);
  });
});
