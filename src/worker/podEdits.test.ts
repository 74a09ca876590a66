import { describe, expect, it } from 'vitest';
import { loadScenario } from '../engine/scenario';
import { applyEdit } from '../model/edit';
import { applyPodEdit } from './podEdits';

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: api}}
  template:
    metadata:
      labels: {app: api}   # the pods
    spec:
      containers:
        - name: app
          image: nginx
          ports: [{containerPort: 80}, {containerPort: 9090, name: metrics}]
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db, tier: data}}
spec: {containers: [{name: pg, image: postgres, ports: [{containerPort: 5432}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  ports: [{port: 80}]   # no selector yet
---
apiVersion: v1
kind: Service
metadata: {name: other, namespace: default}
spec: {selector: {app: x}, ports: [{port: 80}]}
`;

const cluster = loadScenario([{ file: 'shop.yaml', content: TEXT }]).cluster;
const apiPod = cluster.pods.find((p) => p.key.startsWith('shop/api-'))!.key;

/** The text after an edit that must succeed. */
function edited(result: ReturnType<typeof applyPodEdit>): string {
  if (!result.ok) throw new Error(result.message);
  return result.text;
}

describe('applyPodEdit', () => {
  it('connects a Service to a controller pod by its template labels, not pod-template-hash', () => {
    const text = edited(
      applyPodEdit(cluster, TEXT, { op: 'selectPod', service: 'shop/web', pod: apiPod }),
    );
    expect(text).toContain(
      '  ports: [ { port: 80 } ] # no selector yet\n  selector:\n    app: api\n',
    );
    expect(text).not.toContain('pod-template-hash');
    const rebuilt = loadScenario([{ file: 'shop.yaml', content: text }]).cluster;
    expect(rebuilt.serviceByKey.get('shop/web')?.selector).toEqual({ app: 'api' });
  });

  it('connects a Service to a plain pod with all its labels', () => {
    const text = edited(
      applyPodEdit(cluster, TEXT, { op: 'selectPod', service: 'shop/web', pod: 'shop/db' }),
    );
    expect(text).toContain('  selector:\n    app: db\n    tier: data\n');
  });

  it('refuses what Kubernetes cannot do, saying why', () => {
    expect(
      applyPodEdit(cluster, TEXT, { op: 'selectPod', service: 'default/other', pod: 'shop/db' }),
    ).toEqual({
      ok: false,
      message:
        'a Service selects pods of its own namespace only: default/other cannot select shop/db',
    });
    expect(
      applyPodEdit(null, TEXT, { op: 'selectPod', service: 'shop/web', pod: 'shop/db' }),
    ).toEqual({
      ok: false,
      message: 'the cluster has not been simulated yet',
    });
    const dns = cluster.pods.find((p) => p.isSystem)!.key;
    expect(
      applyPodEdit(cluster, TEXT, { op: 'setPodLabel', pod: dns, key: 'a', value: 'b' }),
    ).toEqual({
      ok: false,
      message: `${dns} belongs to the cluster itself and is not in your YAML`,
    });
  });

  it('says when the Service already selects the pod', () => {
    const once = edited(
      applyPodEdit(cluster, TEXT, { op: 'selectPod', service: 'shop/web', pod: 'shop/db' }),
    );
    const again = loadScenario([{ file: 'shop.yaml', content: once }]).cluster;
    expect(
      applyPodEdit(again, once, { op: 'selectPod', service: 'shop/web', pod: 'shop/db' }),
    ).toEqual({
      ok: false,
      message: 'shop/web already selects shop/db',
    });
  });

  it("edits a controller pod's labels in the template, keeping its comment", () => {
    const text = edited(
      applyPodEdit(cluster, TEXT, { op: 'setPodLabel', pod: apiPod, key: 'tier', value: 'back' }),
    );
    expect(text).toContain('      labels: { app: api, tier: back } # the pods\n');
    expect(text.slice(text.indexOf('kind: Pod'))).toBe(TEXT.slice(TEXT.indexOf('kind: Pod')));
  });

  it("refuses to change a template label the controller's selector uses", () => {
    expect(
      applyPodEdit(cluster, TEXT, { op: 'setPodLabel', pod: apiPod, key: 'app', value: 'v2' }),
    ).toEqual({
      ok: false,
      message:
        "app is in Deployment shop/api's selector (spec.selector.matchLabels): change the selector and the template together in the Manifest editor",
    });
  });

  it('changes a container port in the template, or in the pod', () => {
    const text = edited(
      applyPodEdit(cluster, TEXT, {
        op: 'setContainerPort',
        pod: apiPod,
        container: 'app',
        index: 1,
        port: 9100,
      }),
    );
    expect(text).toContain(
      'ports: [ { containerPort: 80 }, { containerPort: 9100, name: metrics } ]',
    );
    const db = edited(
      applyPodEdit(cluster, TEXT, {
        op: 'setContainerPort',
        pod: 'shop/db',
        container: 'pg',
        index: 0,
        port: 5433,
      }),
    );
    expect(db).toContain('containerPort: 5433');
    expect(
      applyPodEdit(cluster, TEXT, {
        op: 'setContainerPort',
        pod: 'shop/db',
        container: 'pg',
        index: 0,
        port: 70000,
      }),
    ).toEqual({ ok: false, message: 'port 70000 is out of range: use a number from 1 to 65535' });
  });
});

describe('rename', () => {
  const db = { kind: 'Pod', namespace: 'shop', name: 'db' };
  it('renames in place and checks the name the way the API server does', () => {
    const r = applyEdit(TEXT, { op: 'rename', target: db, name: 'postgres' });
    expect(r.ok && r.text).toContain('metadata: { name: postgres, namespace: shop, labels:');
    expect(applyEdit(TEXT, { op: 'rename', target: db, name: 'Bad_Name' })).toEqual({
      ok: false,
      message:
        '"Bad_Name" is not a valid Pod name: must be a lowercase RFC 1123 subdomain: at most 253 characters, only a-z, 0-9, "-" and ".", starting and ending with a letter or digit',
    });
    const svc = { kind: 'Service', namespace: 'shop', name: 'web' };
    expect(applyEdit(TEXT, { op: 'rename', target: svc, name: '1web' })).toEqual({
      ok: false,
      message:
        '"1web" is not a valid Service name: must be a lowercase RFC 1035 label: at most 63 characters, only a-z, 0-9 and "-", starting with a letter and ending with a letter or digit',
    });
  });
  it('refuses a name that is taken', () => {
    const two = `${TEXT}---\napiVersion: v1\nkind: Pod\nmetadata: {name: cache, namespace: shop}\nspec: {containers: [{name: c, image: redis}]}\n`;
    expect(applyEdit(two, { op: 'rename', target: db, name: 'cache' })).toEqual({
      ok: false,
      message: 'a Pod named cache already exists in shop',
    });
  });
});
