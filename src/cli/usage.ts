/** Help texts. `k8snet --help` and `k8snet COMMAND --help` print them on stdout. */

export const MAIN_USAGE = `k8snet — the Kubernetes Network Playground on the command line

Usage: k8snet <command> FILE… [options]

Commands:
  validate FILE…                 check manifests; print file:line:col: severity: path: message
  matrix FILE… [--port N] [--protocol TCP|UDP|SCTP] [--namespace NS] [--json]
                                 pod-to-pod NetworkPolicy truth table
  explain FILE… --pod NS/NAME    which policies select a pod, and what it may send and receive
  probe FILE… --from SRC --to DST [--port N] [--protocol P] [--json]
                                 follow one connection hop by hop: DNS, kube-proxy, CNI, policy
  rules FILE… --node NAME [--mode iptables|nftables|ipvs]
                                 the node's kube-proxy NAT rules as the real tools print them
  test FILE… --expect EXPECT.yaml
                                 declarative connectivity checks; exit 1 on any mismatch

FILE may be a file, a directory (its .yaml, .yml and .json files) or - for standard input.
Exit codes: 0 fine, 1 findings (errors, failed checks), 2 usage errors.
Run 'k8snet <command> --help' for a command's options.
`;

export const COMMAND_USAGE: Readonly<Record<string, string>> = {
  probe: `Usage: k8snet probe FILE… --from SRC --to DST [--port N] [--protocol TCP|UDP|SCTP] [--json]

Follows one connection through the simulated cluster: name resolution (itself UDP/53 traffic
to kube-dns), kube-proxy's service NAT, the CNI's path between nodes, NetworkPolicy where the
CNI enforces it, and what answers at the end.

SRC: ns/pod, ns/pod:container, or external (a client outside the cluster)
DST: ns/pod, node:NAME, service:ns/name, an IP, a DNS name (resolved from SRC's namespace),
     localhost, or an http(s)://host[:port]/path URL

Verdicts: delivered, denied, refused, no-endpoints, nxdomain, unreachable, not-found.
Exit 0 when the answer is printed (a denied verdict is an answer).

Options:
  --port N          destination port (default: 80, the URL's, or the Service's first port)
  --protocol P      TCP (default), UDP or SCTP
  --json            print the result as one JSON document
  -h, --help        show this help
`,
  rules: `Usage: k8snet rules FILE… --node NAME [--mode iptables|nftables|ipvs]

Prints the NAT rules kube-proxy writes on the node for the scenario's Services, as
iptables-save -t nat, nft list table ip kube-proxy, or ipvsadm -Ln would show them.
The mode defaults to the scenario's ClusterSettings (iptables). IPVS is deprecated upstream.

Options:
  --node NAME       the node
  --mode M          iptables, nftables or ipvs
  -h, --help        show this help
`,
  test: `Usage: k8snet test FILE… --expect EXPECT.yaml

Runs declarative connectivity checks against the scenario and prints one line per check,
then "N passed, M failed". Exit 1 on any mismatch. EXPECT.yaml:

  checks:
  - from: default/client          # as probe --from
    to: service:default/api       # as probe --to
    port: 80                      # optional
    protocol: TCP                 # optional
    expect: delivered             # one verdict
    body: "Welcome to nginx"      # optional regular expression for the response body

Options:
  --expect FILE     the expectations file
  -h, --help        show this help
`,
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
