/** Help texts. `k8snet --help` and `k8snet COMMAND --help` print them on stdout. */

export const MAIN_USAGE = `k8snet — the Kubernetes Network Playground on the command line

Usage: k8snet <command> FILE… [options]

Commands:
  validate FILE…                 check manifests; print file:line:col: severity: path: message
  matrix FILE… [--port N] [--protocol TCP|UDP|SCTP] [--namespace NS] [--json]
                                 pod-to-pod NetworkPolicy truth table
  explain FILE… --pod NS/NAME    which policies select a pod, and what it may send and receive

FILE may be a file, a directory (its .yaml, .yml and .json files) or - for standard input.
Exit codes: 0 fine, 1 findings (errors, failed checks), 2 usage errors.
Run 'k8snet <command> --help' for a command's options.
`;

export const COMMAND_USAGE: Readonly<Record<string, string>> = {
  validate: `Usage: k8snet validate FILE… [--json]

Checks manifests the way the API server and kubectl would, plus the playground's semantic
checks (a Service that selects no pods, a policy that selects nothing, …). Prints one line per
finding:  file:line:col: severity: path: message
Exits 1 if any error was found (warnings and infos do not change the exit code).

Options:
  --json     print {"diagnostics":[…],"errors":N,"warnings":N} instead
  -h, --help show this help
`,
  matrix: `Usage: k8snet matrix FILE… [--port N] [--protocol TCP|UDP|SCTP] [--namespace NS]… [--json]

For every pair of pods: may the row pod open a connection to the column pod's IP on the
port, under the scenario's NetworkPolicies? (Listeners are ignored: this is policy only.)

Options:
  --port N          destination port (default 80)
  --protocol P      TCP (default), UDP or SCTP
  --namespace NS    only pods of this namespace (repeat, or separate with commas)
  --system          include the cluster's own pods (CoreDNS)
  --json            print {"pods":[…],"port":N,"protocol":"TCP","allowed":[[bool,…],…]}
  -h, --help        show this help
`,
  explain: `Usage: k8snet explain FILE… --pod NS/NAME [--json]

Says which NetworkPolicies select the pod and what its effective ingress and egress rules
allow, in words.

Options:
  --pod NS/NAME   the pod (NAME alone means namespace default)
  --json          print the explanation as JSON
  -h, --help      show this help
`,
};

/** Thrown by a command for a bad option value; main prints usage and exits 2. */
export class UsageError extends Error {}
