/** What `probe` answers: the contract of DESIGN.md (`k8snet probe --json`). */
import type { Hop } from '../hops';
import type { Protocol } from '../types';

export type Verdict =
  'delivered' | 'denied' | 'refused' | 'no-endpoints' | 'nxdomain' | 'unreachable' | 'not-found';

export interface ProbeRequest {
  /** `ns/pod`, `ns/pod:container` or `external`. */
  readonly from: string;
  /** `ns/pod`, `node:NAME`, `service:ns/name`, an IP, a DNS name, `localhost`, or an http(s) URL. */
  readonly to: string;
  readonly port?: number;
  readonly protocol?: Protocol;
  /** Picks among backends deterministically (connection number); 0 by default. */
  readonly seed?: number;
}

export interface ProbeResult {
  readonly verdict: Verdict;
  readonly from: { readonly name: string; readonly ip: string | null };
  readonly resolved: {
    readonly name: string;
    readonly ip: string | null;
    readonly cname: string | null;
  } | null;
  readonly backend: { readonly pod: string | null; readonly ip: string } | null;
  readonly backends: readonly { readonly pod: string | null; readonly ip: string }[];
  /** The source address the backend sees (after any SNAT). */
  readonly seenSource: string | null;
  readonly response: { readonly status: number; readonly body: string } | null;
  readonly hops: readonly Hop[];
  readonly explanation: string;
  readonly port: number;
  readonly protocol: Protocol;
}
