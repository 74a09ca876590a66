import { describe, expect, it } from 'vitest';
import { containerLogs, podProcesses, readFile, resolvePodPort } from './containers';
import { podWithSpec as spec } from './testing/containerPods';

describe('the shell model', () => {
  it('a program the image lacks is "not found"', () => {
    const p = spec(`  containers:
  - {name: d, image: debian, command: [sh, -c, 'nc -l -p 8080']}
`);
    expect(containerLogs(p, 'd')).toBe('sh: nc: not found\n');
    expect(podProcesses(p).containers[0]?.state).toBe('crash-loop');
  });

  it('a shell the image lacks is a StartError', () => {
    const p = spec(`  containers:
  - {name: b, image: busybox, command: [/bin/bash, -c, 'sleep 10']}
`);
    const run = podProcesses(p).containers[0];
    expect(run?.state).toBe('start-error');
    expect(run?.reason).toContain('exec: "/bin/bash": executable file not found in $PATH');
  });

  it('expands variables, runs && and ;, and prints the fixed date', () => {
    const p = spec(`  containers:
  - name: s
    image: busybox
    env: [{name: GREETING, value: hi}]
    command: [sh, -c, 'X=1; echo "$GREETING from $HOSTNAME x=$((X+1))" > /tmp/a && cat /tmp/a; date; false || echo fallback; sleep infinity']
`);
    expect(containerLogs(p, 's')).toBe('hi from p x=2\nThu Jan  1 00:00:00 UTC 2026\nfallback\n');
    expect(readFile(p, 's', '/tmp/a')).toBe('hi from p x=2\n');
    expect(podProcesses(p).containers[0]?.state).toBe('running');
  });

  it('a for loop runs every pass; an unknown command is skipped with a note', () => {
    const p = spec(`  containers:
  - {name: s, image: busybox, command: [sh, -c, 'for i in 1 2 3; do echo $i >> /tmp/n; done; frobnicate --now; tail -f /dev/null']}
`);
    expect(readFile(p, 's', '/tmp/n')).toBe('1\n2\n3\n');
    expect(podProcesses(p).notes).toContain(
      's: `frobnicate --now` is not modelled and was skipped',
    );
  });

  it('a server started with & keeps listening while the script goes on', () => {
    const p = spec(`  containers:
  - {name: s, image: python, command: [sh, -c, 'python3 -m http.server 8000 & sleep infinity']}
`);
    expect(resolvePodPort(p, 8000)?.process).toBe('python3 -m http.server 8000');
  });

  it('reads here-documents, expanding variables unless the delimiter is quoted', () => {
    const p = spec(`  containers:
  - name: s
    image: busybox
    command:
    - sh
    - -c
    - |
      cat <<EOF > /tmp/page.html
      <h1>$HOSTNAME</h1>
      EOF
      cat <<'RAW'
      $HOSTNAME stays
      RAW
      sleep infinity
`);
    expect(readFile(p, 's', '/tmp/page.html')).toBe('<h1>p</h1>\n');
    expect(containerLogs(p, 's')).toBe('$HOSTNAME stays\n');
  });

  it('runs if/else, until loops, subshells and redirections', () => {
    const p = spec(`  containers:
  - name: s
    image: busybox
    command:
    - sh
    - -c
    - |
      if [ -f /etc/none ]; then echo yes; else echo no; fi
      i=0; until [ $i -ge 3 ]; do i=$((i+1)); done; echo "i=$i \${UNSET:-default}"
      (cd /tmp && echo sub > f); cat /tmp/f; pwd
      echo to-stderr 1>&2; echo hidden > /dev/null
      sleep infinity
`);
    expect(containerLogs(p, 's')).toBe('no\ni=3 default\nsub\n/\nto-stderr\n');
  });

  it('a syntax error stops the script before it runs', () => {
    const p = spec(`  containers:
  - {name: s, image: busybox, command: [sh, -c, "echo 'unterminated"]}
`);
    expect(containerLogs(p, 's')).toBe('sh: syntax error: unterminated quoted string\n');
    expect(podProcesses(p).containers[0]?.exitCode).toBe(2);
  });

  it('a script that only sleeps a while runs, then exits', () => {
    const p = spec(`  containers:
  - {name: s, image: busybox, command: [sh, -c, 'echo start; sleep 30']}
`);
    const run = podProcesses(p).containers[0];
    expect(run?.state).toBe('running');
    expect(run?.reason).toContain('sleeps for 30 s in total, then ends');
  });

  it('args alone replace CMD: busybox runs `sleep 3600`', () => {
    const p = spec(`  containers:
  - {name: s, image: busybox, args: [sleep, "3600"]}
`);
    expect(podProcesses(p).containers[0]?.state).toBe('running');
    expect(podProcesses(p).notes).toContain(
      's: sleep 3600 ends after 3600 s; the container then exits',
    );
  });

  it('nginx started without daemon off forks away and PID 1 exits', () => {
    const p = spec(`  containers:
  - {name: web, image: nginx, command: [nginx]}
`);
    const proc = podProcesses(p);
    expect(proc.listeners).toEqual([]);
    expect(proc.containers[0]?.state).toBe('crash-loop');
  });

  it('the script replaces the image default: nginx with a sleep loop listens on nothing', () => {
    const p = spec(`  containers:
  - {name: web, image: nginx, command: [sh, -c, 'while true; do sleep 60; done']}
`);
    expect(podProcesses(p).listeners).toEqual([]);
  });
});
