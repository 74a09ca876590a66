/**
 * PodSpec rules from the API server's core/validation (ValidatePodSpec): containers, ports,
 * probes, volumes, scheduling (nodeSelector, affinity, tolerations) and DNS settings. Used for
 * Pods and for every workload's pod template.
 */
import { childPath } from './fieldPath';
import { checkIp, parseIp } from './ipAddress';
import type { CheckContext } from './schema';
import { validateScheduling } from './validateScheduling';
import type { Obj } from './validators';
import {
  asInt,
  asList,
  asObj,
  asStr,
  checkDnsName,
  checkPortName,
  checkPortNumber,
  checkPortRef,
  checkUnique,
  objItems,
  report,
} from './validators';

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Restart policies each owner allows (a Job must finish; the others keep pods running). */
const RESTART_POLICIES: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['Always'],
  ReplicaSet: ['Always'],
  StatefulSet: ['Always'],
  DaemonSet: ['Always'],
  Job: ['OnFailure', 'Never'],
};

export function validatePodSpec(ctx: CheckContext, path: string, spec: Obj, owner: string): void {
  const at = (f: string) => childPath(path, f);
  const containers = spec['containers'];
  if (Array.isArray(containers) && containers.length === 0) {
    report(
      ctx,
      at('containers'),
      'error',
      'no-containers',
      'a pod needs at least one container; add one, e.g. containers: [{name: app, image: nginx}]',
    );
  }
  const volumes = validateVolumes(ctx, at('volumes'), spec['volumes']);
  const containerNames = new Map<string, string>();
  const portNames = new Map<string, string>();
  for (const list of CONTAINER_LISTS) {
    for (const [c, cp] of objItems(spec[list], at(list))) {
      const name = asStr(c['name']);
      if (name) {
        const np = childPath(cp, 'name');
        if (checkDnsName(ctx, np, name, 'label', 'container name'))
          checkUnique(
            ctx,
            containerNames,
            name,
            np,
            'container name',
            'container names must be unique within a pod (init containers included)',
          );
      }
      validateContainer(ctx, cp, c, portNames, volumes, spec['hostNetwork'] === true);
    }
  }
  validateRestartPolicy(ctx, path, spec, owner);
  validateScheduling(ctx, path, spec);
  validateDns(ctx, path, spec);
}

function validateContainer(
  ctx: CheckContext,
  path: string,
  c: Obj,
  portNames: Map<string, string>,
  volumes: ReadonlySet<string>,
  hostNetwork: boolean,
): void {
  const own = new Set<string>();
  for (const [port, pp] of objItems(c['ports'], childPath(path, 'ports'))) {
    checkPortNumber(ctx, childPath(pp, 'containerPort'), port['containerPort'], 'containerPort');
    const hostPort = asInt(port['hostPort']);
    if (hostPort !== undefined && hostPort !== 0) {
      checkPortNumber(ctx, childPath(pp, 'hostPort'), hostPort, 'hostPort');
      if (hostNetwork && hostPort !== port['containerPort']) {
        report(
          ctx,
          childPath(pp, 'hostPort'),
          'error',
          'invalid-port',
          'with hostNetwork: true the hostPort must equal containerPort (the container binds the node’s port directly); remove hostPort',
        );
      }
    }
    const name = asStr(port['name']);
    if (name === undefined || name === '') continue;
    const np = childPath(pp, 'name');
    if (!checkPortName(ctx, np, name, 'port name')) continue;
    own.add(name);
    checkUnique(
      ctx,
      portNames,
      name,
      np,
      'port name',
      'each named port in a pod must have a unique name',
    );
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = asObj(c[probe]);
    if (p) validateProbe(ctx, childPath(path, probe), p, own);
  }
  for (const [m, mp] of objItems(c['volumeMounts'], childPath(path, 'volumeMounts'))) {
    const name = asStr(m['name']);
    if (name && !volumes.has(name)) {
      const known = [...volumes].map((v) => JSON.stringify(v)).join(', ');
      report(
        ctx,
        childPath(mp, 'name'),
        'error',
        'unknown-volume',
        `volume ${JSON.stringify(name)} not found: mount one of this pod's volumes (${known || 'it has none'}), or add it under spec.volumes`,
      );
    }
    const mountPath = asStr(m['mountPath']);
    if (mountPath !== undefined && mountPath !== '' && !mountPath.startsWith('/')) {
      report(
        ctx,
        childPath(mp, 'mountPath'),
        'warning',
        'relative-path',
        'mountPath should be an absolute path (start with "/")',
      );
    }
  }
}

/** Probe handler ports; a named port the container does not declare makes the kubelet fail the probe. */
function validateProbe(
  ctx: CheckContext,
  path: string,
  probe: Obj,
  own: ReadonlySet<string>,
): void {
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((h) => asObj(probe[h]));
  if (handlers.length > 1) {
    report(
      ctx,
      childPath(path, handlers[1] ?? ''),
      'error',
      'probe-handlers',
      `a probe may specify only one handler, found ${handlers.join(' and ')}; keep one`,
      true,
    );
  }
  for (const h of ['httpGet', 'tcpSocket']) {
    const handler = asObj(probe[h]);
    if (!handler) continue;
    const pp = childPath(childPath(path, h), 'port');
    const port = handler['port'];
    checkPortRef(ctx, pp, port, 'probe port');
    if (typeof port === 'string' && port !== '' && !/^\d+$/.test(port) && !own.has(port)) {
      report(
        ctx,
        pp,
        'warning',
        'unknown-port-name',
        `this container declares no port named ${JSON.stringify(port)}, so the kubelet cannot resolve the probe; add it under ports or use the port number`,
      );
    }
  }
  const grpc = asObj(probe['grpc']);
  if (grpc)
    checkPortNumber(ctx, childPath(childPath(path, 'grpc'), 'port'), grpc['port'], 'probe port');
}

/** Volume names are DNS labels, unique, and each volume names exactly one source. */
function validateVolumes(ctx: CheckContext, path: string, v: unknown): Set<string> {
  const names = new Set<string>();
  for (const [vol, vp] of objItems(v, path)) {
    const name = asStr(vol['name']);
    if (name) {
      const np = childPath(vp, 'name');
      if (names.has(name)) {
        report(
          ctx,
          np,
          'error',
          'duplicate-name',
          `duplicate volume name ${JSON.stringify(name)}; give each volume its own name`,
        );
      } else {
        checkDnsName(ctx, np, name, 'label', 'volume name');
      }
      names.add(name);
    }
    const sources = Object.keys(vol).filter((k) => k !== 'name' && vol[k] !== null);
    if (sources.length === 0) {
      report(
        ctx,
        vp,
        'error',
        'volume-source',
        'a volume must specify its type, e.g. emptyDir: {}, configMap: {name: …}, secret: {secretName: …} or persistentVolumeClaim: {claimName: …}',
      );
    } else if (sources.length > 1) {
      report(
        ctx,
        childPath(vp, sources[1] ?? ''),
        'error',
        'volume-source',
        `a volume may specify only one type, found ${sources.join(' and ')}; split it into separate volumes`,
        true,
      );
    }
  }
  return names;
}

function validateRestartPolicy(ctx: CheckContext, path: string, spec: Obj, owner: string): void {
  const allowed = RESTART_POLICIES[owner];
  if (!allowed) return;
  const policy = asStr(spec['restartPolicy']);
  const rp = childPath(path, 'restartPolicy');
  if (policy === undefined && owner === 'Job') {
    // The default (Always) is not allowed for Jobs, so the field is effectively required.
    report(
      ctx,
      rp,
      'error',
      'missing-field',
      "a Job's pod template must set restartPolicy: OnFailure or Never (the default, Always, would never let the Job finish)",
      true,
    );
  } else if (policy !== undefined && !allowed.includes(policy)) {
    report(
      ctx,
      rp,
      'error',
      'invalid-enum',
      `unsupported value ${JSON.stringify(policy)} in a ${owner}: supported values: ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
    );
  }
}

/** Pod DNS (core validatePodDNSConfig): dnsPolicy None needs nameservers; limits as the kubelet's. */
function validateDns(ctx: CheckContext, path: string, spec: Obj): void {
  const hostname = asStr(spec['hostname']);
  if (hostname) checkDnsName(ctx, childPath(path, 'hostname'), hostname, 'label', 'hostname');
  const subdomain = asStr(spec['subdomain']);
  if (subdomain) checkDnsName(ctx, childPath(path, 'subdomain'), subdomain, 'label', 'subdomain');
  for (const [alias, ap] of objItems(spec['hostAliases'], childPath(path, 'hostAliases'))) {
    const ip = asStr(alias['ip']);
    if (ip) checkIp(ctx, childPath(ap, 'ip'), ip, 'hostAliases IP');
  }
  const dnsConfig = asObj(spec['dnsConfig']);
  const dp = childPath(path, 'dnsConfig');
  const nameservers = asList(dnsConfig?.['nameservers']);
  if (spec['dnsPolicy'] === 'None' && nameservers.length === 0) {
    report(
      ctx,
      dnsConfig ? dp : childPath(path, 'dnsPolicy'),
      'error',
      'dns-config',
      'dnsPolicy: None needs dnsConfig with at least one nameserver (e.g. dnsConfig: {nameservers: [10.96.0.10]})',
    );
  }
  if (nameservers.length > 3) {
    report(
      ctx,
      childPath(dp, 'nameservers'),
      'error',
      'dns-config',
      `at most 3 nameservers are allowed (resolv.conf uses only 3), got ${String(nameservers.length)}`,
    );
  }
  nameservers.forEach((ns, i) => {
    if (typeof ns === 'string')
      checkIp(ctx, childPath(childPath(dp, 'nameservers'), i), ns, 'nameserver');
  });
  const searches = asList(dnsConfig?.['searches']);
  if (searches.length > 32) {
    report(
      ctx,
      childPath(dp, 'searches'),
      'error',
      'dns-config',
      `at most 32 search domains are allowed, got ${String(searches.length)}`,
    );
  }
}

/**
 * A Pod's recorded status, which the playground reads to pin addresses. The API server ignores
 * status on create (it belongs to the kubelet), so a bad address is a warning, not a rejection.
 */
export function validatePodStatus(ctx: CheckContext, status: Obj): void {
  const check = (path: string, ip: string, what: string) => {
    const parsed = parseIp(ip);
    if (typeof parsed === 'string') {
      report(
        ctx,
        path,
        'warning',
        'invalid-ip',
        `invalid ${what} ${JSON.stringify(ip)}: ${parsed}`,
      );
    }
  };
  for (const f of ['podIP', 'hostIP']) {
    const ip = asStr(status[f]);
    if (ip) check(childPath('status', f), ip, f);
  }
  for (const f of ['podIPs', 'hostIPs']) {
    for (const [entry, p] of objItems(status[f], childPath('status', f))) {
      const ip = asStr(entry['ip']);
      if (ip) check(childPath(p, 'ip'), ip, f.slice(0, -1));
    }
  }
}
