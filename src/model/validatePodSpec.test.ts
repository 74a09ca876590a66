import { describe, expect, it } from 'vitest';
import { lint } from './testing/lint';

describe('containers', () => {
  it('needs at least one container', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: []
      `),
    ).toEqual([
      'f.yaml:5:15: error: spec.containers: a pod needs at least one container; add one, e.g. containers: [{name: app, image: nginx}]',
    ]);
    expect(
      lint(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          contianers: [{name: a, image: b}]
      `),
    ).toEqual([
      'f.yaml:4:1: error: spec.containers: missing required field "containers" in PodSpec',
      'f.yaml:5:3: error: spec.contianers: unknown field "contianers" in PodSpec; did you mean "containers"?',
    ]);
  });

  it('keeps container names unique across init and app containers', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers:
          - {name: setup, image: busybox}
          containers:
          - {name: setup, image: nginx}
          - {name: Web, image: nginx}
          - {image: nginx}
      `),
    ).toEqual([
      'f.yaml:8:12: error: spec.containers[0].name: duplicate container name "setup": already used at spec.initContainers[0].name; container names must be unique within a pod (init containers included)',
      'f.yaml:9:12: error: spec.containers[1].name: invalid container name "Web": must be a lowercase RFC 1123 label: at most 63 characters, only a-z, 0-9 and "-", starting and ending with a letter or digit (e.g. "web")',
      'f.yaml:10:5: error: spec.containers[2].name: missing required field "name" in Container',
    ]);
  });
});

describe('container ports and probes', () => {
  it('checks port numbers, IANA names and their uniqueness within the pod', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: web
            image: nginx
            ports:
            - {containerPort: 0, name: http}
            - {containerPort: 8080, name: http}
            - {containerPort: 9090, name: metrics-endpoint}
            - {containerPort: "53", protocol: udp, hostPort: 70000}
            - {containerPort: 9091, name: "9091"}
          - name: sidecar
            image: envoy
            ports: [{containerPort: 15000, name: http}, {containerPort: 15001, name: a--b}]
      `),
    ).toEqual([
      'f.yaml:9:23: error: spec.containers[0].ports[0].containerPort: containerPort 0 is out of range: must be between 1 and 65535',
      'f.yaml:10:35: error: spec.containers[0].ports[1].name: duplicate port name "http": already used at spec.containers[0].ports[0].name; each named port in a pod must have a unique name',
      'f.yaml:11:35: error: spec.containers[0].ports[2].name: invalid port name "metrics-endpoint": an IANA service name must be at most 15 characters (e.g. "http", "metrics", "grpc-api")',
      'f.yaml:12:23: error: spec.containers[0].ports[3].containerPort: must be an integer, got the string "53"; remove the quotes: 53',
      'f.yaml:12:39: error: spec.containers[0].ports[3].protocol: unsupported value "udp": must be one of "TCP", "UDP", "SCTP" (did you mean "UDP"?)',
      'f.yaml:12:54: error: spec.containers[0].ports[3].hostPort: hostPort 70000 is out of range: must be between 1 and 65535',
      'f.yaml:13:35: error: spec.containers[0].ports[4].name: invalid port name "9091": an IANA service name must contain at least one letter (a-z); to use port number 9091, remove the quotes',
      'f.yaml:16:42: error: spec.containers[1].ports[0].name: duplicate port name "http": already used at spec.containers[0].ports[0].name; each named port in a pod must have a unique name',
      'f.yaml:16:78: error: spec.containers[1].ports[1].name: invalid port name "a--b": an IANA service name must not contain "--" (e.g. "http", "metrics", "grpc-api")',
    ]);
  });

  it('resolves named probe ports against the container and allows one handler', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: web
            image: nginx
            ports: [{containerPort: 80, name: http}]
            readinessProbe:
              httpGet: {path: /healthz, port: http}
            livenessProbe:
              tcpSocket: {port: admin}
            startupProbe:
              exec: {command: [cat, /tmp/ready]}
              httpGet: {port: 0}
      `),
    ).toEqual([
      'f.yaml:12:25: warning: spec.containers[0].livenessProbe.tcpSocket.port: this container declares no port named "admin", so the kubelet cannot resolve the probe; add it under ports or use the port number',
      'f.yaml:15:7: error: spec.containers[0].startupProbe.httpGet: a probe may specify only one handler, found exec and httpGet; keep one',
      'f.yaml:15:23: error: spec.containers[0].startupProbe.httpGet.port: probe port 0 is out of range: must be between 1 and 65535',
    ]);
  });

  it('requires hostPort to equal containerPort with hostNetwork', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          hostNetwork: true
          containers:
          - {name: web, image: nginx, ports: [{containerPort: 80, hostPort: 8080}]}
      `),
    ).toEqual([
      'f.yaml:7:69: error: spec.containers[0].ports[0].hostPort: with hostNetwork: true the hostPort must equal containerPort (the container binds the node’s port directly); remove hostPort',
    ]);
  });
});

describe('volumes', () => {
  it('mounts only declared volumes, each with one source and a unique name', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: web
            image: nginx
            volumeMounts:
            - {name: config, mountPath: /etc/nginx}
            - {name: data, mountPath: var/data}
          volumes:
          - name: config
            configMap: {name: nginx}
          - name: config
            emptyDir: {}
          - name: cache
          - name: both
            emptyDir: {}
            hostPath: {path: /tmp}
      `),
    ).toEqual([
      'f.yaml:10:14: error: spec.containers[0].volumeMounts[1].name: volume "data" not found: mount one of this pod\'s volumes ("config", "cache", "both"), or add it under spec.volumes',
      'f.yaml:10:31: warning: spec.containers[0].volumeMounts[1].mountPath: mountPath should be an absolute path (start with "/")',
      'f.yaml:14:11: error: spec.volumes[1].name: duplicate volume name "config"; give each volume its own name',
      'f.yaml:16:5: error: spec.volumes[2]: a volume must specify its type, e.g. emptyDir: {}, configMap: {name: …}, secret: {secretName: …} or persistentVolumeClaim: {claimName: …}',
      'f.yaml:19:5: error: spec.volumes[3].hostPath: a volume may specify only one type, found emptyDir and hostPath; split it into separate volumes',
    ]);
  });
});

describe('DNS settings', () => {
  it('needs nameservers for dnsPolicy None and valid addresses everywhere', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          dnsPolicy: None
          hostname: My_Host
          hostAliases: [{ip: 10.0.0.300, hostnames: [db.local]}]
          containers: [{name: web, image: nginx}]
      `),
    ).toEqual([
      'f.yaml:5:14: error: spec.dnsPolicy: dnsPolicy: None needs dnsConfig with at least one nameserver (e.g. dnsConfig: {nameservers: [10.96.0.10]})',
      'f.yaml:6:13: error: spec.hostname: invalid hostname "My_Host": must be a lowercase RFC 1123 label: at most 63 characters, only a-z, 0-9 and "-", starting and ending with a letter or digit (e.g. "my-host")',
      'f.yaml:7:22: error: spec.hostAliases[0].ip: invalid hostAliases IP "10.0.0.300": is not a valid IPv4 address (four numbers 0-255, like 10.0.0.1) or IPv6 address',
    ]);
    expect(
      lint(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          dnsPolicy: Nonе
          dnsConfig:
            nameservers: [1.1.1.1, 8.8.8.8, 9.9.9.9, "2001:4860:4860::8888", 010.0.0.1]
            options: [{name: ndots, value: "2"}]
          containers: [{name: web, image: nginx}]
      `),
    ).toEqual([
      'f.yaml:5:14: error: spec.dnsPolicy: unsupported value "Nonе": must be one of "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None" (did you mean "None"?)',
      'f.yaml:7:18: error: spec.dnsConfig.nameservers: at most 3 nameservers are allowed (resolv.conf uses only 3), got 5',
      'f.yaml:7:70: error: spec.dnsConfig.nameservers[4]: invalid nameserver "010.0.0.1": must not have leading zeros in an octet (they read as octal in some tools)',
    ]);
  });
});

describe('Pod status', () => {
  it('warns about recorded addresses that are not IPs', () => {
    expect(
      lint(`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec: {containers: [{name: web, image: nginx}]}
        status:
          phase: Running
          podIP: 10.244.1.5
          podIPs: [{ip: 10.244.1.5}, {ip: "fd00::5g"}]
          hostIP: 172.18.0
      `),
    ).toEqual([
      'f.yaml:8:35: warning: status.podIPs[1].ip: invalid podIP "fd00::5g": is not a valid IPv6 address',
      'f.yaml:9:11: warning: status.hostIP: invalid hostIP "172.18.0": is not a valid IPv4 address (four numbers 0-255, like 10.0.0.1) or IPv6 address',
    ]);
  });
});
